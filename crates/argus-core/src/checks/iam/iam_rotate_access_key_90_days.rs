//! Every active IAM user access key was created or rotated within the configured number of days (CIS: 90). Metadata: `checks/iam/iam_rotate_access_key_90_days.toml`.

use super::cred_common::{active_keys, day, for_each_user_row};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_rotate_access_key_90_days", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let limit = ctx.config.max_access_key_age_days;
    for_each_user_row(ctx, out, |row, user, out| {
        let name = &row.user;
        let mut old = Vec::new();
        let mut unknown = Vec::new();
        let mut ages = Vec::new();
        for (n, key) in active_keys(row) {
            match key.last_rotated {
                Some(t) if ctx.days_since(t) > limit => {
                    old.push(format!("access key {n} is {} days old (created {})", ctx.days_since(t), day(t)))
                }
                Some(t) => ages.push(format!("access key {n} is {} days old", ctx.days_since(t))),
                None => unknown.push(format!("access key {n}")),
            }
        }
        if !old.is_empty() {
            out.fail(
                user,
                format_args!("User {name} has an active access key not rotated in {limit} days: {}.", old.join("; ")),
            );
        } else if !unknown.is_empty() {
            out.error_message(
                user,
                format_args!(
                    "could not be evaluated: the credential report has no rotation date for user {name}'s active {}",
                    unknown.join(" and ")
                ),
            );
        } else if ages.is_empty() {
            out.pass(user, format_args!("User {name} has no active access key."));
        } else {
            out.pass(
                user,
                format_args!("User {name}'s active access keys are within {limit} days: {}.", ages.join(", ")),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::{AccessKeyInfo, Fetched};
    use crate::testing::*;

    fn key(active: bool, age: i64) -> AccessKeyInfo {
        AccessKeyInfo { active, last_rotated: Some(days_ago(age)), ..Default::default() }
    }

    #[test]
    fn verdict_per_user() {
        let mut s = snapshot();
        let mut fresh = report_row("fresh");
        fresh.access_keys[0] = key(true, 90);
        let mut old = report_row("old");
        old.access_keys = [key(true, 10), key(true, 91)];
        let mut old_inactive = report_row("old-inactive");
        old_inactive.access_keys[0] = key(false, 500);
        let mut undated = report_row("undated");
        undated.access_keys[0].active = true;
        report_rows(&mut s).extend([fresh, old, old_inactive, undated]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "fresh"), Status::Pass);
        assert_eq!(status_of(&f, "old"), Status::Fail);
        assert_eq!(status_of(&f, "old-inactive"), Status::Pass);
        assert_eq!(status_of(&f, "undated"), Status::Error);
        let old = f.iter().find(|x| x.resource.id == "old").unwrap();
        assert!(old.message.contains("access key 2 is 91 days old"), "{}", old.message);
        let config = Config { max_access_key_age_days: 30, ..Config::default() };
        assert_eq!(status_of(&run_with(CHECK, &s, &config), "fresh"), Status::Fail);
    }

    #[test]
    fn unreadable_report_is_one_account_error() {
        let mut s = snapshot();
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
