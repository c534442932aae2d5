//! No IAM user has an active access key left unused for the configured number of days (CIS: 45). Metadata: `checks/iam/iam_user_accesskey_unused.toml`.

use super::cred_common::{active_keys, day, for_each_user_row};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_user_accesskey_unused", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let limit = ctx.config.max_unused_credential_days;
    for_each_user_row(ctx, out, |row, user, out| {
        let name = &row.user;
        let mut unused = Vec::new();
        let mut unknown = Vec::new();
        let mut active = 0;
        for (n, key) in active_keys(row) {
            active += 1;
            if let Some(used) = key.last_used_date {
                let days = ctx.days_since(used);
                if days >= limit {
                    unused.push(format!("access key {n} last used {days} days ago ({})", day(used)));
                }
            } else if let Some(created) = key.last_rotated.or(row.user_creation_time) {
                // Never used: unused since the key was created.
                let days = ctx.days_since(created);
                if days >= limit {
                    unused.push(format!(
                        "access key {n} never used since it was created {days} days ago ({})",
                        day(created)
                    ));
                }
            } else {
                unknown.push(format!("access key {n}"));
            }
        }
        if !unused.is_empty() {
            out.fail(
                user,
                format_args!(
                    "User {name} has an active access key unused for {limit} days or more: {}.",
                    unused.join("; ")
                ),
            );
        } else if !unknown.is_empty() {
            out.error_message(
                user,
                format_args!(
                    "could not be evaluated: the credential report has neither a last-used nor a creation date for user {name}'s active {}",
                    unknown.join(" and ")
                ),
            );
        } else if active == 0 {
            out.pass(user, format_args!("User {name} has no active access key."));
        } else {
            out.pass(
                user,
                format_args!("User {name}'s active access keys were used (or created) within the last {limit} days."),
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

    #[test]
    fn verdict_per_user() {
        let mut s = snapshot();
        let mut used = report_row("used");
        used.access_keys[0] = crate::snapshot::AccessKeyInfo {
            active: true,
            last_rotated: Some(days_ago(300)),
            last_used_date: Some(days_ago(2)),
            ..Default::default()
        };
        let mut stale = report_row("stale");
        stale.access_keys[1] = crate::snapshot::AccessKeyInfo {
            active: true,
            last_rotated: Some(days_ago(300)),
            last_used_date: Some(days_ago(50)),
            ..Default::default()
        };
        let mut never_new = report_row("never-new");
        never_new.access_keys[0] =
            crate::snapshot::AccessKeyInfo { active: true, last_rotated: Some(days_ago(3)), ..Default::default() };
        let mut never_old = report_row("never-old");
        never_old.access_keys[0] =
            crate::snapshot::AccessKeyInfo { active: true, last_rotated: Some(days_ago(46)), ..Default::default() };
        let mut inactive_stale = report_row("inactive");
        inactive_stale.access_keys[0] =
            crate::snapshot::AccessKeyInfo { active: false, last_rotated: Some(days_ago(900)), ..Default::default() };
        let mut no_dates = report_row("no-dates");
        no_dates.user_creation_time = None;
        no_dates.access_keys[0].active = true;
        report_rows(&mut s).extend([used, stale, never_new, never_old, inactive_stale, no_dates]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "used"), Status::Pass);
        assert_eq!(status_of(&f, "stale"), Status::Fail);
        assert_eq!(status_of(&f, "never-new"), Status::Pass);
        assert_eq!(status_of(&f, "never-old"), Status::Fail);
        assert_eq!(status_of(&f, "inactive"), Status::Pass);
        assert_eq!(status_of(&f, "no-dates"), Status::Error);
        let stale = f.iter().find(|x| x.resource.id == "stale").unwrap();
        assert!(stale.message.contains("access key 2 last used 50 days ago"), "{}", stale.message);
        let config = Config { max_unused_credential_days: 90, ..Config::default() };
        assert_eq!(status_of(&run_with(CHECK, &s, &config), "stale"), Status::Pass);
    }

    #[test]
    fn unreadable_report_is_one_account_error() {
        let mut s = snapshot();
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
