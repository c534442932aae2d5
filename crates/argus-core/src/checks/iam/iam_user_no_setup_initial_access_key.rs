//! IAM users with a console password have no active access key they never used.
//! Metadata: `checks/iam/iam_user_no_setup_initial_access_key.toml`.

use super::cred_common::{active_keys, for_each_user_row};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_user_no_setup_initial_access_key", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for_each_user_row(ctx, out, |row, user, out| {
        let name = &row.user;
        if row.password_enabled != Some(true) {
            out.pass(user, format_args!("User {name} has no console password."));
            return;
        }
        let never_used: Vec<String> =
            active_keys(row).filter(|(_, k)| k.last_used_date.is_none()).map(|(n, _)| format!("key {n}")).collect();
        if never_used.is_empty() {
            out.pass(user, format_args!("User {name} has no active access key that was never used."));
        } else {
            out.fail(
                user,
                format_args!(
                    "User {name} has a console password and never used active access {}.",
                    never_used.join(" and ")
                ),
            );
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
    fn a_never_used_key_of_a_console_user_fails() {
        let mut s = snapshot();
        let mut idle = report_row("idle");
        idle.password_enabled = Some(true);
        idle.access_keys[1].active = true;
        let mut used = report_row("used");
        used.password_enabled = Some(true);
        used.access_keys[0].active = true;
        used.access_keys[0].last_used_date = Some(days_ago(3));
        let mut machine = report_row("machine");
        machine.access_keys[0].active = true;
        report_rows(&mut s).extend([idle, used, machine]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "idle"), Status::Fail);
        assert!(f.iter().any(|x| x.message.contains("never used active access key 2")), "{f:#?}");
        assert_eq!(status_of(&f, "used"), Status::Pass);
        assert_eq!(status_of(&f, "machine"), Status::Pass, "no console password");
    }

    #[test]
    fn an_unreadable_report_is_one_account_error() {
        let mut s = snapshot();
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
