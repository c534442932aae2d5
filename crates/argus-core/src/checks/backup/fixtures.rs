//! Fixture builders for AWS Backup check tests.

use crate::snapshot::*;
use crate::testing::*;

pub(crate) fn backup(s: &mut Snapshot) -> &mut BackupRegion {
    region_mut(s, REGION).backup.as_mut().expect("fixture has Backup")
}

pub(crate) fn vault_arn(name: &str) -> String {
    format!("arn:aws:backup:{REGION}:{ACCOUNT}:backup-vault:{name}")
}

/// A vault encrypted with a customer managed key, without an access policy.
pub(crate) fn vault(name: &str) -> BackupVault {
    BackupVault {
        name: name.into(),
        arn: vault_arn(name),
        encryption_key_arn: Some(format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/backup-key")),
        recovery_points: Some(3),
        policy: Fetched::Ok(None),
    }
}

pub(crate) fn plan(name: &str) -> BackupPlan {
    BackupPlan {
        id: format!("{name}-id"),
        arn: format!("arn:aws:backup:{REGION}:{ACCOUNT}:backup-plan:{name}-id"),
        name: name.into(),
        selections: Fetched::Ok(vec![]),
    }
}

/// A plan assigning the resources `resources` (ARN patterns).
pub(crate) fn plan_selecting(name: &str, resources: &[&str]) -> BackupPlan {
    BackupPlan {
        selections: Fetched::Ok(vec![selection(
            &format!("{name}-resources"),
            BackupSelection { resources: resources.iter().map(|r| r.to_string()).collect(), ..Default::default() },
        )]),
        ..plan(name)
    }
}

pub(crate) fn selection(name: &str, selection: BackupSelection) -> BackupSelectionEntry {
    BackupSelectionEntry { id: format!("{name}-id"), name: name.into(), selection: Fetched::Ok(selection) }
}

pub(crate) fn plans(s: &mut Snapshot) -> &mut Vec<BackupPlan> {
    list(&mut backup(s).plans)
}
