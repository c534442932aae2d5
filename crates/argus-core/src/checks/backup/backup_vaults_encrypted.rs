//! Backup vaults encrypt with a KMS key that can still decrypt. Metadata:
//! `checks/backup/backup_vaults_encrypted.toml`.
//!
//! AWS Backup encrypts every vault: AWS names a key for each (the AWS managed `aws/backup` key
//! unless a customer key was chosen). A vault listed without a key is therefore a gap in the reply
//! (moto lists vaults created without a key that way), an ERROR, not an unencrypted vault. A vault
//! FAILs when the KMS data of its region shows its key disabled or pending deletion: its recovery
//! points can then not be restored, and will never be once the key is deleted.

use super::each_vault;
use crate::checks::kms::is_pending_deletion;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::KmsKeyMetadata;

pub const CHECK: Check = Check { id: "backup_vaults_encrypted", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_vault(ctx, out, |region, v, r, out| {
        let Some(key) = v.encryption_key_arn.as_deref() else {
            return out.error_message(
                r,
                format_args!(
                    "could not be evaluated: ListBackupVaults reported no EncryptionKeyArn for vault {} (AWS names one for every vault)",
                    v.name
                ),
            );
        };
        let known: Option<&KmsKeyMetadata> = ctx
            .snapshot
            .regions
            .get(region)
            .and_then(|d| d.kms.as_ref())
            .and_then(|k| k.keys.ok())
            .and_then(|keys| keys.iter().find(|k| k.arn == key || k.id == key))
            .and_then(|k| k.metadata.ok());
        match known {
            Some(m) if m.state == "Disabled" || is_pending_deletion(&m.state) => out.fail(
                r,
                format_args!("Backup vault {} is encrypted with KMS key {key}, which is {}: its recovery points cannot be restored.", v.name, m.state),
            ),
            Some(m) if !m.is_customer_managed() => {
                out.pass(r, format_args!("Backup vault {} is encrypted with the AWS managed key {key}.", v.name))
            }
            _ => out.pass(r, format_args!("Backup vault {} is encrypted with KMS key {key}.", v.name)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::backup::fixtures::*;
    use crate::checks::kms::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{BackupVault, Fetched};
    use crate::testing::*;

    #[test]
    fn key_state_decides_missing_key_errors() {
        let mut s = snapshot();
        let mut doomed = key("doomed");
        meta(&mut doomed).state = "PendingDeletion".into();
        let doomed_arn = doomed.arn.clone();
        keys(&mut s).push(doomed);
        list(&mut backup(&mut s).vaults).extend([
            vault("kept"),
            BackupVault { encryption_key_arn: Some(doomed_arn), ..vault("doomed") },
            BackupVault { encryption_key_arn: None, ..vault("silent") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &vault_arn("kept")), Status::Pass);
        assert_eq!(status_of(&f, &vault_arn("doomed")), Status::Fail);
        assert_eq!(status_of(&f, &vault_arn("silent")), Status::Error);
        backup(&mut s).vaults = Fetched::Err(denied("backup", "ListBackupVaults"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
