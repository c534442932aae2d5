//! A user granted Bedrock used it within the configured number of days (Prowler's default 60), per
//! IAM's service last-accessed report. Metadata: `checks/iam/iam_user_access_not_stale_to_bedrock.toml`.

use super::last_accessed::{for_each_principal_report, judge_one_service, Principals};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_user_access_not_stale_to_bedrock", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let limit = ctx.config.max_unused_bedrock_access_days;
    for_each_principal_report(ctx, out, Principals::Users, |out, p| {
        judge_one_service(ctx, out, p.resource, &p.who, p.created, p.services, ("bedrock", "Bedrock"), limit)
    });
}

#[cfg(test)]
mod tests {
    use super::super::last_accessed::fixtures::*;
    use super::super::policy_fixtures::user;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn verdict_per_user_granted_bedrock() {
        let mut s = snapshot();
        auth(&mut s).users.extend([user("recent"), user("stale"), user("never"), user("no-bedrock"), user("missing")]);
        report(&mut s, &user_arn("recent"), vec![service("bedrock", Some(2))]);
        report(&mut s, &user_arn("stale"), vec![service("bedrock", Some(200))]);
        report(&mut s, &user_arn("never"), vec![service("bedrock", None)]);
        report(&mut s, &user_arn("no-bedrock"), vec![service("sagemaker", None)]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "recent"), Status::Pass);
        assert_eq!(status_of(&f, "stale"), Status::Fail);
        assert_eq!(status_of(&f, "never"), Status::Fail);
        assert_eq!(status_of(&f, "missing"), Status::Error);
        assert!(!f.iter().any(|x| x.resource.id == "no-bedrock"));
        assert!(finding_message(&f, "stale").starts_with("User stale has Bedrock permissions"));
        let mut s = snapshot();
        auth(&mut s).users.push(user("unnamed"));
        let mut nameless = service("", Some(1));
        nameless.name = "Amazon Bedrock".into();
        report(&mut s, &user_arn("unnamed"), vec![service("s3", Some(1)), nameless]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "unnamed"), Status::Error);
        assert!(finding_message(&f, "unnamed").contains("without its namespace (\"Amazon Bedrock\")"));
    }

    #[test]
    fn reports_not_collected_are_one_account_error() {
        let mut s = snapshot();
        auth(&mut s).users.push(user("u"));
        iam(&mut s).service_last_accessed = Fetched::Err(denied("iam", "GenerateServiceLastAccessedDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
