//! Backup vault access policies do not open the vault to everyone. Metadata:
//! `checks/backup/backup_vault_not_publicly_accessible.toml`.

use super::each_vault;
use crate::checks::kms::{judge_resource_policy, PolicyVerdict};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "backup_vault_not_publicly_accessible", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_vault(ctx, out, |_, v, r, out| {
        let doc = match &v.policy {
            Fetched::Ok(Some(doc)) => doc,
            Fetched::Ok(None) => return out.pass(r, format_args!("Backup vault {} has no access policy.", v.name)),
            Fetched::Err(e) => return out.error(r, e),
        };
        match judge_resource_policy(doc, "the access policy", ctx.account_id()) {
            PolicyVerdict::Malformed(m) => out.error_message(r, m),
            PolicyVerdict::Public(m) => out.fail(r, format_args!("Backup vault {}: {m}.", v.name)),
            PolicyVerdict::NotPublic(m) => out.pass(r, format_args!("Backup vault {}: {m}.", v.name)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::backup::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::BackupVault;
    use crate::testing::*;

    #[test]
    fn public_policy_fails_private_passes_unreadable_errors() {
        let mut s = snapshot();
        let public = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"backup:CopyIntoBackupVault","Resource":"*"}]}"#;
        let deny = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"backup:DeleteRecoveryPoint","Resource":"*"}]}"#;
        list(&mut backup(&mut s).vaults).extend([
            vault("none"),
            BackupVault { policy: Fetched::Ok(Some(doc(public))), ..vault("public") },
            BackupVault { policy: Fetched::Ok(Some(doc(deny))), ..vault("locked") },
            BackupVault { policy: Fetched::Ok(Some(doc("not json"))), ..vault("broken") },
            BackupVault { policy: Fetched::Err(denied("backup", "GetBackupVaultAccessPolicy")), ..vault("hidden") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &vault_arn("none")), Status::Pass);
        assert_eq!(status_of(&f, &vault_arn("public")), Status::Fail);
        assert!(finding_message(&f, &vault_arn("public")).contains("backup:CopyIntoBackupVault"));
        assert_eq!(status_of(&f, &vault_arn("locked")), Status::Pass);
        assert_eq!(status_of(&f, &vault_arn("broken")), Status::Error);
        assert_eq!(status_of(&f, &vault_arn("hidden")), Status::Error);
    }
}
