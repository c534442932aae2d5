//! AWS Backup, per region: backup plans with their resource assignments (ListBackupSelections per plan,
//! then GetBackupSelection per selection: no call lists a region's assignments at once), and vaults with
//! their access policies (one GetBackupVaultAccessPolicy per vault).

use super::{Api, Collector, Service};
use crate::snapshot::{
    BackupPlan, BackupRegion, BackupSelection, BackupSelectionEntry, BackupVault, CollectionError, ErrorKind, Fetched,
    PolicyDocument, TagCondition,
};

pub(super) async fn collect(c: &Collector, region: &str) -> BackupRegion {
    let client = c.ctx.backup(region);
    let api = c.api("Backup", Service::Backup, Some(region));
    let (client, api) = (&client, &api);
    let plans = async {
        let pages: Vec<_> = api
            .call("ListBackupPlans", None, || client.list_backup_plans().into_paginator().send().try_collect())
            .await?;
        let listed: Vec<_> = pages.iter().flat_map(|p| p.backup_plans_list().iter().cloned()).collect();
        Ok::<_, CollectionError>(
            c.fan_out(listed, |p| async move {
                let id = p.backup_plan_id().unwrap_or_default().to_string();
                let selections = selections(c, api, client, &id).await;
                BackupPlan {
                    arn: p.backup_plan_arn().unwrap_or_default().to_string(),
                    name: p.backup_plan_name().unwrap_or_default().to_string(),
                    selections: selections.into(),
                    id,
                }
            })
            .await,
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

/// A plan's resource assignments: the listing, then each assignment's content.
async fn selections(
    c: &Collector,
    api: &Api<'_>,
    client: &aws_sdk_backup::Client,
    plan_id: &str,
) -> Result<Vec<BackupSelectionEntry>, CollectionError> {
    let listed: Vec<_> = api
        .call("ListBackupSelections", Some(plan_id), || {
            client.list_backup_selections().backup_plan_id(plan_id).into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(c.fan_out(listed, |member| async move {
        let id = member.selection_id().unwrap_or_default().to_string();
        let selection = api
            .call("GetBackupSelection", Some(&id), || {
                client.get_backup_selection().backup_plan_id(plan_id).selection_id(&id).send()
            })
            .await
            .and_then(|out| {
                out.backup_selection().map(reduce).ok_or_else(|| {
                    api.local_error(
                        "GetBackupSelection",
                        Some(&id),
                        ErrorKind::InvalidResponse,
                        "MissingBackupSelection",
                        "the answer holds no backup selection".into(),
                    )
                })
            });
        BackupSelectionEntry {
            name: member.selection_name().unwrap_or_default().to_string(),
            selection: Fetched::from(selection),
            id,
        }
    })
    .await)
}

fn reduce(s: &aws_sdk_backup::types::BackupSelection) -> BackupSelection {
    let key = |k: &str| k.strip_prefix("aws:ResourceTag/").unwrap_or(k).to_string();
    let mut conditions = Vec::new();
    if let Some(c) = s.conditions() {
        for (operator, list) in [
            ("StringEquals", c.string_equals()),
            ("StringNotEquals", c.string_not_equals()),
            ("StringLike", c.string_like()),
            ("StringNotLike", c.string_not_like()),
        ] {
            conditions.extend(list.iter().map(|p| TagCondition {
                operator: operator.into(),
                key: key(p.condition_key().unwrap_or_default()),
                value: p.condition_value().unwrap_or_default().to_string(),
            }));
        }
    }
    BackupSelection {
        resources: s.resources().to_vec(),
        not_resources: s.not_resources().to_vec(),
        list_of_tags: s
            .list_of_tags()
            .iter()
            .map(|t| TagCondition {
                // ListOfTags has one operator, STRINGEQUALS.
                operator: match t.condition_type().as_str() {
                    "STRINGEQUALS" => "StringEquals".to_string(),
                    other => other.to_string(),
                },
                key: key(t.condition_key()),
                value: t.condition_value().to_string(),
            })
            .collect(),
        conditions,
    }
}
