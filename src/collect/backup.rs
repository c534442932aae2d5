//! AWS Backup, per region: backup plans, and vaults with their access policies (one
//! GetBackupVaultAccessPolicy per vault).

use super::{Collector, Service};
use crate::snapshot::{BackupPlan, BackupRegion, BackupVault, CollectionError, PolicyDocument};

pub(super) async fn collect(c: &Collector, region: &str) -> BackupRegion {
    let client = c.ctx.backup(region);
    let api = c.api("Backup", Service::Backup, Some(region));
    let (client, api) = (&client, &api);
    let plans = async {
        let pages: Vec<_> = api
            .call("ListBackupPlans", None, || client.list_backup_plans().into_paginator().send().try_collect())
            .await?;
        Ok::<_, CollectionError>(
            pages
                .iter()
                .flat_map(|p| p.backup_plans_list())
                .map(|p| BackupPlan {
                    id: p.backup_plan_id().unwrap_or_default().to_string(),
                    arn: p.backup_plan_arn().unwrap_or_default().to_string(),
                    name: p.backup_plan_name().unwrap_or_default().to_string(),
                })
                .collect(),
        )
    };
    let vaults = async {
        let pages: Vec<_> = api
            .call("ListBackupVaults", None, || client.list_backup_vaults().into_paginator().send().try_collect())
            .await?;
        let listed: Vec<_> = pages.iter().flat_map(|p| p.backup_vault_list().iter().cloned()).collect();
        Ok::<_, CollectionError>(
            c.fan_out(listed, |v| async move {
                let name = v.backup_vault_name().unwrap_or_default().to_string();
                // No policy is an answer (ResourceNotFoundException), not a failure.
                let policy = api
                    .call_or_absent("GetBackupVaultAccessPolicy", Some(&name), &["ResourceNotFoundException"], || {
                        client.get_backup_vault_access_policy().backup_vault_name(&name).send()
                    })
                    .await
                    .map(|o| o.and_then(|o| o.policy().map(PolicyDocument::from_json_text)));
                BackupVault {
                    arn: v.backup_vault_arn().unwrap_or_default().to_string(),
                    encryption_key_arn: v.encryption_key_arn().map(str::to_string),
                    recovery_points: Some(v.number_of_recovery_points()),
                    policy: policy.into(),
                    name,
                }
            })
            .await,
        )
    };
    let (plans, vaults) = futures::join!(plans, vaults);
    BackupRegion { plans: plans.into(), vaults: vaults.into() }
}
