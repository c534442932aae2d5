//! No IAM user holds an active access key while its policies grant services other than IAM and STS
//! (per IAM's service last-accessed report): long-lived keys should at most reach STS, to assume roles
//! for temporary credentials. Metadata: `checks/iam/iam_user_with_temporary_credentials.toml`.

use super::cred_common::{active_keys, for_each_user_row};
use super::last_accessed::reports;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_user_with_temporary_credentials", run };

/// The most services a message names; the rest are counted.
const NAMED: usize = 20;

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(reports) = reports(ctx, out) else {
        return;
    };
    for_each_user_row(ctx, out, |row, user, out| {
        let name = &row.user;
        let keys: Vec<String> = active_keys(row).map(|(n, _)| n.to_string()).collect();
        if keys.is_empty() {
            out.pass(user, format_args!("User {name} has no active access key (no long-lived credentials)."));
            return;
        }
        let Some(services) = reports.of(&row.arn, &format!("user {name}"), &user, out) else {
            return;
        };
        let mut beyond: Vec<&str> = services
            .iter()
            .filter(|s| s.namespace != "iam" && s.namespace != "sts")
            .map(|s| s.namespace.as_str())
            .collect();
        beyond.sort_unstable();
        let keys = format!("{} {}", if keys.len() == 1 { "key" } else { "keys" }, keys.join(" and "));
        if beyond.is_empty() {
            out.pass(
                user,
                format_args!(
                    "User {name}'s policies grant no service other than IAM and STS to its active access {keys}."
                ),
            );
            return;
        }
        let count = beyond.len();
        let mut named: Vec<String> = beyond.iter().take(NAMED).map(|s| s.to_string()).collect();
        if count > NAMED {
            named.push(format!("and {} more", count - NAMED));
        }
        out.fail(
            user,
            format_args!(
                "User {name} has long-lived credentials (active access {keys}) and its policies grant {count} services other than IAM and STS: {}.",
                named.join(", ")
            ),
        );
    });
}

#[cfg(test)]
mod tests {
    use super::super::last_accessed::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::{AccessKeyInfo, Fetched};
    use crate::testing::*;

    fn with_key(name: &str, active: bool) -> crate::snapshot::CredentialReportRow {
        let mut row = report_row(name);
        row.access_keys[1] = AccessKeyInfo { active, last_rotated: Some(days_ago(30)), ..Default::default() };
        row
    }

    #[test]
    fn verdict_per_user() {
        let mut s = snapshot();
        report_rows(&mut s).extend([
            with_key("keyed-s3", true),
            with_key("keyed-sts", true),
            with_key("inactive", false),
            report_row("console"),
            with_key("broken", true),
            with_key("missing", true),
        ]);
        report(
            &mut s,
            &user_arn("keyed-s3"),
            vec![service("sts", Some(1)), service("s3", None), service("ec2", Some(1))],
        );
        report(&mut s, &user_arn("keyed-sts"), vec![service("sts", Some(1)), service("iam", None)]);
        report(&mut s, &user_arn("inactive"), vec![service("s3", Some(1))]);
        report(&mut s, &user_arn("console"), vec![service("s3", Some(1))]);
        unreadable(&mut s, &user_arn("broken"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "keyed-s3"), Status::Fail);
        assert_eq!(status_of(&f, "keyed-sts"), Status::Pass);
        assert_eq!(status_of(&f, "inactive"), Status::Pass);
        assert_eq!(status_of(&f, "console"), Status::Pass);
        assert_eq!(status_of(&f, "broken"), Status::Error);
        assert_eq!(status_of(&f, "missing"), Status::Error);
        let m = finding_message(&f, "keyed-s3");
        assert!(
            m.contains("active access key 2") && m.contains("grant 2 services other than IAM and STS: ec2, s3"),
            "{m}"
        );
    }

    #[test]
    fn unreadable_data_is_one_account_error() {
        let mut s = snapshot();
        report_rows(&mut s).push(with_key("u", true));
        iam(&mut s).service_last_accessed = Fetched::Err(denied("iam", "GenerateServiceLastAccessedDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
        let mut s = snapshot();
        report(&mut s, &user_arn("u"), vec![]);
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
