//! No IAM user has two active access keys. Metadata: `checks/iam/iam_user_two_active_access_key.toml`.

use super::cred_common::{active_keys, for_each_user_row};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_user_two_active_access_key", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for_each_user_row(ctx, out, |row, user, out| {
        let name = &row.user;
        match active_keys(row).count() {
            0 => out.pass(user, format_args!("User {name} has no active access key.")),
            1 => out.pass(user, format_args!("User {name} has one active access key.")),
            n => out.fail(user, format_args!("User {name} has {n} active access keys.")),
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
        let mut one = report_row("one");
        one.access_keys[0].active = true;
        one.access_keys[1].last_rotated = Some(days_ago(5)); // second key exists but inactive
        let mut two = report_row("two");
        two.access_keys[0].active = true;
        two.access_keys[1].active = true;
        report_rows(&mut s).extend([one, two, report_row("none")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "one"), Status::Pass);
        assert_eq!(status_of(&f, "two"), Status::Fail);
        assert_eq!(status_of(&f, "none"), Status::Pass);
    }

    #[test]
    fn unreadable_report_is_one_account_error() {
        let mut s = snapshot();
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
