//! A user granted SageMaker used it within the configured number of days (Prowler's default 90), per
//! IAM's service last-accessed report. Metadata: `checks/iam/iam_user_access_not_stale_to_sagemaker.toml`.

use super::last_accessed::{for_each_principal_report, judge_one_service, Principals};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_user_access_not_stale_to_sagemaker", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let limit = ctx.config.max_unused_sagemaker_access_days;
    for_each_principal_report(ctx, out, Principals::Users, |out, p| {
        judge_one_service(ctx, out, p.resource, &p.who, p.created, p.services, ("sagemaker", "SageMaker"), limit)
    });
}

#[cfg(test)]
mod tests {
    use super::super::last_accessed::fixtures::*;
    use super::super::policy_fixtures::user;
    use super::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn verdict_per_user_granted_sagemaker() {
        let mut s = snapshot();
        auth(&mut s).users.extend([user("recent"), user("stale"), user("never"), user("no-sagemaker"), user("broken")]);
        report(&mut s, &user_arn("recent"), vec![service("sagemaker", Some(90))]);
        report(&mut s, &user_arn("stale"), vec![service("sagemaker", Some(91))]);
        report(&mut s, &user_arn("never"), vec![service("sagemaker", None)]);
        report(&mut s, &user_arn("no-sagemaker"), vec![service("bedrock", None)]);
        unreadable(&mut s, &user_arn("broken"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "recent"), Status::Pass);
        assert_eq!(status_of(&f, "stale"), Status::Fail);
        assert_eq!(status_of(&f, "never"), Status::Fail);
        assert_eq!(status_of(&f, "broken"), Status::Error);
        assert!(!f.iter().any(|x| x.resource.id == "no-sagemaker"));
        assert!(finding_message(&f, "stale").contains("SageMaker permissions and has not used them for 91 days"));
        let f = run_with(CHECK, &s, &Config { max_unused_sagemaker_access_days: 30, ..Config::default() });
        assert_eq!(status_of(&f, "recent"), Status::Fail);
    }

    #[test]
    fn reports_not_collected_are_one_account_error() {
        let mut s = snapshot();
        auth(&mut s).users.push(user("u"));
        iam(&mut s).service_last_accessed = Fetched::Err(denied("iam", "GenerateServiceLastAccessedDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
