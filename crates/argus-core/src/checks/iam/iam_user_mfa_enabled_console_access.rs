//! Every IAM user with a console password has MFA. Metadata: `checks/iam/iam_user_mfa_enabled_console_access.toml`.

use super::cred_common::for_each_user_row;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_user_mfa_enabled_console_access", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for_each_user_row(ctx, out, |row, user, out| {
        let name = &row.user;
        match (row.password_enabled, row.mfa_active) {
            (Some(true), true) => out.pass(user, format_args!("User {name} has a console password and MFA enabled.")),
            (Some(true), false) => out.fail(user, format_args!("User {name} has a console password but no MFA device.")),
            (Some(false), _) => out.pass(user, format_args!("User {name} has no console password.")),
            (None, _) => out.error_message(
                user,
                format_args!("could not be evaluated: the credential report does not say whether user {name} has a console password"),
            ),
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
    fn verdict_per_user() {
        let mut s = snapshot();
        let mut with_mfa = report_row("alice");
        with_mfa.password_enabled = Some(true);
        with_mfa.mfa_active = true;
        let mut without_mfa = report_row("bob");
        without_mfa.password_enabled = Some(true);
        let api_only = report_row("ci");
        let mut unknown = report_row("odd");
        unknown.password_enabled = None;
        report_rows(&mut s).extend([
            with_mfa,
            without_mfa,
            api_only,
            unknown,
            super::super::cred_fixtures::root_report_row(),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 4, "root row is not judged here: {f:#?}");
        assert_eq!(status_of(&f, "alice"), Status::Pass);
        assert_eq!(status_of(&f, "bob"), Status::Fail);
        assert_eq!(status_of(&f, "ci"), Status::Pass);
        assert_eq!(status_of(&f, "odd"), Status::Error);
        let bob = f.iter().find(|x| x.resource.id == "bob").unwrap();
        assert_eq!(bob.resource.arn, format!("arn:aws:iam::{ACCOUNT}:user/bob"));
        assert_eq!(bob.resource.region, "global");
    }

    #[test]
    fn unreadable_report_is_one_account_error() {
        let mut s = snapshot();
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
