//! No customer managed policy allows aws-marketplace:Subscribe on Resource *. Metadata: `checks/iam/iam_policy_no_wildcard_marketplace_subscribe.toml`.

use super::policy_common::{auth_details, judge_customer_policies, list};
use super::service_grants::action_statements;
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::Policy;

pub const CHECK: Check = Check { id: "iam_policy_no_wildcard_marketplace_subscribe", run };

const NOUN: &str = "aws-marketplace:Subscribe on Resource *";

fn problem(policy: &Policy) -> Option<String> {
    let statements = action_statements(policy, "aws-marketplace:Subscribe");
    (!statements.is_empty()).then(|| format!("allows aws-marketplace:Subscribe on Resource * in {}", list(&statements)))
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
            &policy(r#"{"Effect":"Allow","Action":"aws-marketplace:*","Resource":"*"}"#),
            1,
        ));
        auth(&mut s).policies.push(customer_policy(
            "narrow",
            &policy(r#"{"Effect":"Allow","Action":"aws-marketplace:ViewSubscriptions","Resource":"*"}"#),
            0,
        ));
        auth(&mut s).policies.push(aws_policy(
            "AWSManaged",
            &policy(r#"{"Effect":"Allow","Action":"aws-marketplace:*","Resource":"*"}"#),
            1,
        ));
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 2, "AWS managed policies are not judged: {f:#?}");
        assert_eq!(status_of(&f, &arn("wide")), Status::Fail);
        assert_eq!(status_of(&f, &arn("narrow")), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == arn("wide")).expect("judged").message;
        assert!(
            msg.contains("allows aws-marketplace:Subscribe on Resource *") && msg.contains("Statement[0]"),
            "{msg}"
        );
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
