//! The root user's password and access keys were not used recently. Metadata: `checks/iam/iam_avoid_root_usage.toml`.

use super::cred_common::{day, root_row};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "iam_avoid_root_usage", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(iam) = &ctx.snapshot.iam else { return };
    let root = ctx.account_resource();
    let Some(row) = root_row(ctx) else {
        match &iam.credential_report {
            Fetched::Err(e) => out.error(root, e),
            Fetched::Ok(_) => out.error_message(
                root,
                "could not be evaluated: the credential report has no root row, so root password and key use is unknown",
            ),
        }
        return;
    };
    let limit = ctx.config.root_usage_days;
    let mut uses: Vec<(String, chrono::DateTime<chrono::Utc>)> = Vec::new();
    if let Some(t) = row.password_last_used {
        uses.push(("password".to_string(), t));
    }
    for (i, key) in row.access_keys.iter().enumerate() {
        if let Some(t) = key.last_used_date {
            uses.push((format!("access key {}", i + 1), t));
        }
    }
    let recent: Vec<String> = uses
        .iter()
        .filter(|(_, t)| ctx.days_since(*t) <= limit)
        .map(|(what, t)| format!("{what} on {} ({} days ago)", day(*t), ctx.days_since(*t).max(0)))
        .collect();
    if !recent.is_empty() {
        out.fail(root, format_args!("The root user was used within the last {limit} days: {}.", recent.join(", ")));
    } else if let Some((what, t)) = uses.iter().max_by_key(|(_, t)| *t) {
        out.pass(
            root,
            format_args!("The root user was last used {} days ago ({what} on {}).", ctx.days_since(*t), day(*t)),
        );
    } else {
        out.pass(root, "The credential report records no use of the root password or access keys.");
    }
}

#[cfg(test)]
mod tests {
    use super::super::cred_fixtures::*;
    use super::*;
    use crate::engine::{Config, Status};
    use crate::testing::*;

    #[test]
    fn old_or_no_root_use_passes() {
        let mut s = snapshot();
        let mut row = root_report_row();
        row.password_last_used = Some(days_ago(200));
        report_rows(&mut s).push(row);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Pass)]);
        assert!(f[0].message.contains("200 days"), "{}", f[0].message);
        let mut s = snapshot();
        report_rows(&mut s).push(root_report_row());
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Pass)]);
    }

    #[test]
    fn recent_root_use_fails() {
        let mut s = snapshot();
        let mut row = root_report_row();
        row.password_last_used = Some(days_ago(200));
        row.access_keys[1].last_used_date = Some(days_ago(3));
        report_rows(&mut s).push(row);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("access key 2") && f[0].message.contains("3 days ago"), "{}", f[0].message);
        // The window comes from the config.
        let config = Config { root_usage_days: 2, ..Config::default() };
        assert_eq!(run_with(CHECK, &s, &config)[0].status, Status::Pass);
    }

    #[test]
    fn missing_report_or_root_row_is_an_error() {
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
