//! Root user has MFA enabled. Metadata: `checks/iam/iam_root_mfa_enabled.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "iam_root_mfa_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(iam) = &ctx.snapshot.iam else { return };
    let root = ctx.account_resource();
    // The account summary and the credential report both know; either is enough.
    let summary = iam.account_summary.ok().and_then(|s| s.get("AccountMFAEnabled").copied());
    let report_row = iam.credential_report.ok().and_then(|r| r.rows.iter().find(|row| row.is_root()));
    match (summary, report_row) {
        (_, Some(row)) if row.mfa_active => out.pass(root, "The root user has MFA enabled."),
        (Some(1), _) => out.pass(root, "The root user has MFA enabled (account summary)."),
        (Some(_), _) | (None, Some(_)) => out.fail(root, "The root user has no MFA device."),
        (None, None) => match (&iam.account_summary, &iam.credential_report) {
            (Fetched::Err(e), _) | (_, Fetched::Err(e)) => out.error(root, e),
            _ => out.error_message(
                root,
                "could not be evaluated: neither the account summary nor the credential report has a root entry",
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn root_with_mfa_passes() {
        let mut s = snapshot();
        let mut root = report_row("<root_account>");
        root.mfa_active = true;
        report_rows(&mut s).push(root);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Pass)]);
    }

    #[test]
    fn root_without_mfa_fails() {
        let mut s = snapshot();
        report_rows(&mut s).push(report_row("<root_account>"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Fail)]);
        let mut s = snapshot();
        iam(&mut s).account_summary = Fetched::Ok([("AccountMFAEnabled".to_string(), 0)].into());
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Fail)]);
    }

    #[test]
    fn no_data_is_an_error_not_a_pass() {
        let mut s = snapshot();
        iam(&mut s).account_summary = Fetched::Err(denied("iam", "GetAccountSummary"));
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        let f = run_check(CHECK, &s);
        assert_eq!(f[0].status, Status::Error);
        assert!(f[0].message.contains("iam:GetAccountSummary"), "{}", f[0].message);
    }
}
