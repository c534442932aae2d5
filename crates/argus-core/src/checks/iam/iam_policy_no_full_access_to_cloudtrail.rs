//! No customer managed policy allows cloudtrail:* on Resource *. Metadata: `checks/iam/iam_policy_no_full_access_to_cloudtrail.toml`.

use super::policy_common::{auth_details, judge_customer_policies, list};
use super::service_grants::full_access_statements;
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::Policy;

pub const CHECK: Check = Check { id: "iam_policy_no_full_access_to_cloudtrail", run };

const NOUN: &str = "cloudtrail:* on Resource *";

fn problem(policy: &Policy) -> Option<String> {
    let statements = full_access_statements(policy, "cloudtrail");
    (!statements.is_empty()).then(|| format!("allows cloudtrail:* on Resource * in {}", list(&statements)))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    judge_customer_policies(details, out, NOUN, problem);
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    fn arn(name: &str) -> String {
        format!("arn:aws:iam::{ACCOUNT}:policy/{name}")
    }

    #[test]
    fn a_wildcard_grant_fails_and_a_narrow_one_passes() {
        let mut s = snapshot();
        auth(&mut s).policies.push(customer_policy(
            "wide",
            &policy(r#"{"Effect":"Allow","Action":"cloudtrail:*","Resource":"*"}"#),
            1,
        ));
        auth(&mut s).policies.push(customer_policy(
            "narrow",
            &policy(r#"{"Effect":"Allow","Action":"cloudtrail:Describe*","Resource":"*"}"#),
            0,
        ));
        auth(&mut s).policies.push(aws_policy(
            "AWSManaged",
            &policy(r#"{"Effect":"Allow","Action":"cloudtrail:*","Resource":"*"}"#),
            1,
        ));
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 2, "AWS managed policies are not judged: {f:#?}");
        assert_eq!(status_of(&f, &arn("wide")), Status::Fail);
        assert_eq!(status_of(&f, &arn("narrow")), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == arn("wide")).expect("judged").message;
        assert!(msg.contains("allows cloudtrail:* on Resource *") && msg.contains("Statement[0]"), "{msg}");
    }

    #[test]
    fn a_malformed_policy_or_missing_details_is_an_error() {
        let mut s = snapshot();
        auth(&mut s).policies.push(customer_policy("broken", BROKEN, 1));
        assert_eq!(status_of(&run_check(CHECK, &s), &arn("broken")), Status::Error);
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
