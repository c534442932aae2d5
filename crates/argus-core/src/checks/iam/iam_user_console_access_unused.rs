//! No IAM user has a console password left unused for the configured number of days (CIS: 45). Metadata: `checks/iam/iam_user_console_access_unused.toml`.

use super::cred_common::{day, for_each_user_row};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_user_console_access_unused", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let limit = ctx.config.max_unused_credential_days;
    for_each_user_row(ctx, out, |row, user, out| {
        let name = &row.user;
        match row.password_enabled {
            Some(false) => return out.pass(user, format_args!("User {name} has no console password.")),
            None => {
                return out.error_message(
                    user,
                    format_args!("could not be evaluated: the credential report does not say whether user {name} has a console password"),
                )
            }
            Some(true) => {}
        }
        if let Some(used) = row.password_last_used {
            let days = ctx.days_since(used);
            if days >= limit {
                out.fail(
                    user,
                    format_args!(
                        "User {name}'s console password was last used {days} days ago ({}), {limit} days or more.",
                        day(used)
                    ),
                );
            } else {
                out.pass(user, format_args!("User {name}'s console password was last used {days} days ago."));
            }
            return;
        }
        // Never used: the password counts as unused since it was set (or the user created).
        let Some(set) = row.password_last_changed.or(row.user_creation_time) else {
            return out.error_message(
                user,
                format_args!("could not be evaluated: user {name}'s console password was never used and the report has no date it was set"),
            );
        };
        let days = ctx.days_since(set);
        if days >= limit {
            out.fail(
                user,
                format_args!(
                    "User {name}'s console password has never been used since it was set {days} days ago ({}).",
                    day(set)
                ),
            );
        } else {
            out.pass(
                user,
                format_args!("User {name}'s console password has not been used yet; it was set {days} days ago."),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::Fetched;
    use crate::testing::*;

    fn console_user(name: &str) -> crate::snapshot::CredentialReportRow {
        let mut row = report_row(name);
        row.password_enabled = Some(true);
        row
    }

    #[test]
    fn verdict_per_user() {
        let mut s = snapshot();
        let mut recent = console_user("recent");
        recent.password_last_used = Some(days_ago(10));
        let mut stale = console_user("stale");
        stale.password_last_used = Some(days_ago(45));
        let mut never_new = console_user("never-new");
        never_new.password_last_changed = Some(days_ago(5));
        let never_old = console_user("never-old"); // created 400 days ago, no password date
        let api_only = report_row("api-only");
        let mut no_dates = console_user("no-dates");
        no_dates.user_creation_time = None;
        report_rows(&mut s).extend([recent, stale, never_new, never_old, api_only, no_dates]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "recent"), Status::Pass);
        assert_eq!(status_of(&f, "stale"), Status::Fail);
        assert_eq!(status_of(&f, "never-new"), Status::Pass);
        assert_eq!(status_of(&f, "never-old"), Status::Fail);
        assert_eq!(status_of(&f, "api-only"), Status::Pass);
        assert_eq!(status_of(&f, "no-dates"), Status::Error);
        let stale = f.iter().find(|x| x.resource.id == "stale").unwrap();
        assert!(stale.message.contains("45 days ago"), "{}", stale.message);
        // The threshold comes from the config.
        let config = Config { max_unused_credential_days: 60, ..Config::default() };
        assert_eq!(status_of(&run_with(CHECK, &s, &config), "stale"), Status::Pass);
    }

    #[test]
    fn unreadable_report_is_one_account_error() {
        let mut s = snapshot();
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
