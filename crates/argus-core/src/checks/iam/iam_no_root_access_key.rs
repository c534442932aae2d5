//! The root user has no active access key. Metadata: `checks/iam/iam_no_root_access_key.toml`.

use super::cred_common::{active_keys, root_row, summary_value};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "iam_no_root_access_key", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(iam) = &ctx.snapshot.iam else { return };
    let root = ctx.account_resource();
    // The credential report's root row is precise (active/inactive per key); the account summary's
    // AccountAccessKeysPresent is the fallback when the report has no root row (moto).
    if let Some(row) = root_row(ctx) {
        let keys: Vec<String> = active_keys(row).map(|(n, _)| format!("access key {n}")).collect();
        if keys.is_empty() {
            out.pass(root, "The root user has no active access key.");
        } else {
            out.fail(root, format_args!("The root user has an active {}.", keys.join(" and an active ")));
        }
        return;
    }
    match summary_value(ctx, "AccountAccessKeysPresent") {
        Some(0) => out.pass(root, "The root user has no access key (account summary)."),
        Some(_) => out.fail(root, "The root user has an access key (account summary AccountAccessKeysPresent)."),
        None => match (&iam.credential_report, &iam.account_summary) {
            (Fetched::Err(e), _) | (_, Fetched::Err(e)) => out.error(root, e),
            _ => out.error_message(
                root,
                "could not be evaluated: neither the credential report (no root row) nor the account summary \
                 (no AccountAccessKeysPresent) says whether the root user has access keys",
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::cred_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn no_root_key_passes() {
        let mut s = snapshot();
        let mut row = root_report_row();
        row.access_keys[0].last_rotated = Some(days_ago(500)); // present but inactive
        report_rows(&mut s).push(row);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Pass)]);
        let mut s = snapshot();
        iam(&mut s).account_summary = Fetched::Ok([("AccountAccessKeysPresent".to_string(), 0)].into());
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Pass)]);
    }

    #[test]
    fn active_root_key_fails() {
        let mut s = snapshot();
        let mut row = root_report_row();
        row.access_keys[1].active = true;
        report_rows(&mut s).push(row);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("access key 2"), "{}", f[0].message);
        let mut s = snapshot();
        iam(&mut s).account_summary = Fetched::Ok([("AccountAccessKeysPresent".to_string(), 1)].into());
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Fail)]);
    }

    #[test]
    fn missing_inputs_are_errors() {
        let mut s = snapshot();
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        let f = run_check(CHECK, &s);
        assert_eq!(f[0].status, Status::Error);
        assert!(f[0].message.contains("iam:GetCredentialReport"), "{}", f[0].message);
        let f = run_check(CHECK, &snapshot());
        assert_eq!(f[0].status, Status::Error);
        assert!(f[0].message.contains("no root row"), "{}", f[0].message);
    }
}
