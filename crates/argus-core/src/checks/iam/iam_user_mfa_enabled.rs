//! Every IAM user has an MFA device, console password or not (FSBP IAM.19).
//! Metadata: `checks/iam/iam_user_mfa_enabled.toml`.

use super::cred_common::for_each_user_row;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_user_mfa_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for_each_user_row(ctx, out, |row, user, out| {
        let name = &row.user;
        if row.mfa_active {
            out.pass(user, format_args!("User {name} has MFA enabled."));
        } else {
            let why = match row.password_enabled {
                Some(true) => " (it has a console password)",
                Some(false) => " (it has no console password)",
                None => "",
            };
            out.fail(user, format_args!("User {name} has no MFA device{why}."));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn every_user_needs_mfa() {
        let mut s = snapshot();
        let mut console = report_row("alice");
        console.password_enabled = Some(true);
        console.mfa_active = true;
        let mut keys_with_mfa = report_row("ops");
        keys_with_mfa.mfa_active = true;
        let mut console_without = report_row("bob");
        console_without.password_enabled = Some(true);
        report_rows(&mut s).extend([
            console,
            keys_with_mfa,
            console_without,
            report_row("ci"),
            super::super::cred_fixtures::root_report_row(),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 4, "the root row is not judged here: {f:#?}");
        assert_eq!(status_of(&f, "alice"), Status::Pass);
        assert_eq!(status_of(&f, "ops"), Status::Pass);
        assert_eq!(status_of(&f, "bob"), Status::Fail);
        assert_eq!(status_of(&f, "ci"), Status::Fail, "a user without a console password needs MFA too");
        assert_eq!(finding_message(&f, "ci"), "User ci has no MFA device (it has no console password).");
    }

    #[test]
    fn unreadable_report_is_one_account_error() {
        let mut s = snapshot();
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
