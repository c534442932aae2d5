//! A role granted Bedrock used it within the configured number of days (Prowler's default 60), per
//! IAM's service last-accessed report. Metadata: `checks/iam/iam_role_access_not_stale_to_bedrock.toml`.

use super::last_accessed::{for_each_principal_report, judge_one_service, Principals};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_role_access_not_stale_to_bedrock", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let limit = ctx.config.max_unused_bedrock_access_days;
    for_each_principal_report(ctx, out, Principals::Roles, |out, p| {
        judge_one_service(ctx, out, p.resource, &p.who, p.created, p.services, ("bedrock", "Bedrock"), limit)
    });
}

#[cfg(test)]
mod tests {
    use super::super::last_accessed::fixtures::*;
    use super::super::policy_fixtures::role;
    use super::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn verdict_per_role_granted_bedrock() {
        let mut s = snapshot();
        let mut fresh = role("fresh");
        fresh.create_date = Some(days_ago(5));
        auth(&mut s).roles.extend([
            role("recent"),
            role("stale"),
            role("never"),
            fresh,
            role("no-bedrock"),
            role("broken"),
        ]);
        report(&mut s, &role_arn("recent"), vec![service("bedrock", Some(60))]);
        report(&mut s, &role_arn("stale"), vec![service("s3", Some(1)), service("bedrock", Some(61))]);
        report(&mut s, &role_arn("never"), vec![service("bedrock", None)]);
        report(&mut s, &role_arn("fresh"), vec![service("bedrock", None)]);
        report(&mut s, &role_arn("no-bedrock"), vec![service("s3", None)]);
        unreadable(&mut s, &role_arn("broken"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "recent"), Status::Pass);
        assert_eq!(status_of(&f, "stale"), Status::Fail);
        assert_eq!(status_of(&f, "never"), Status::Fail);
        assert_eq!(status_of(&f, "fresh"), Status::Pass);
        assert_eq!(status_of(&f, "broken"), Status::Error);
        assert!(!f.iter().any(|x| x.resource.id == "no-bedrock"), "a role not granted Bedrock is not judged");
        assert!(finding_message(&f, "stale").contains("has not used them for 61 days (threshold: 60 days)"));
        assert!(finding_message(&f, "never").contains("has never used them"));
        let f = run_with(CHECK, &s, &Config { max_unused_bedrock_access_days: 61, ..Config::default() });
        assert_eq!(status_of(&f, "stale"), Status::Pass);
    }

    #[test]
    fn reports_not_collected_are_one_account_error() {
        let mut s = snapshot();
        auth(&mut s).roles.push(role("r"));
        iam(&mut s).service_last_accessed = Fetched::Err(denied("iam", "GenerateServiceLastAccessedDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
