//! No customer managed or inline policy allows a whole service (`svc:*`, `*`, or Allow +
//! NotAction) on Resource `*`. Metadata: `checks/iam/iam_policy_service_wildcard_on_all_resources.toml`.

use super::policy_common::{auth_details, describe_wildcards, judge_customer_policies, judge_inline_policies};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::{service_wildcards_on_all_resources, Policy};

pub const CHECK: Check = Check { id: "iam_policy_service_wildcard_on_all_resources", run };

const NOUN: &str = "service-wide wildcard on Resource *";

fn problem(policy: &Policy) -> Option<String> {
    let wildcards = service_wildcards_on_all_resources(policy);
    (!wildcards.is_empty())
        .then(|| format!("allows service-wide access on Resource *: {}", describe_wildcards(&wildcards)))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    judge_customer_policies(details, out, NOUN, problem);
    judge_inline_policies(details, out, NOUN, problem);
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
    fn service_wildcards_fail_for_managed_and_inline_policies() {
        let mut s = snapshot();
        let s3_all = policy(r#"{"Sid":"S3","Effect":"Allow","Action":["s3:*","ec2:Describe*"],"Resource":"*"}"#);
        auth(&mut s).policies.push(customer_policy("s3-all", &s3_all, 1));
        auth(&mut s).policies.push(customer_policy("reader", NARROW, 1));
        let kms_one_key =
            policy(r#"{"Effect":"Allow","Action":"kms:*","Resource":"arn:aws:kms:us-east-1:123456789012:key/k"}"#);
        auth(&mut s).policies.push(customer_policy("one-key", &kms_one_key, 1));
        auth(&mut s).policies.push(aws_policy("AmazonS3FullAccess", &s3_all, 1));
        let mut ci = role("ci");
        let power = policy(r#"{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}"#);
        ci.inline_policies.push(inline("power", &power));
        auth(&mut s).roles.push(ci);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 4, "AWS managed policies are not judged: {f:#?}");
        assert_eq!(status_of(&f, &arn("s3-all")), Status::Fail);
        assert_eq!(status_of(&f, &arn("reader")), Status::Pass);
        assert_eq!(status_of(&f, &arn("one-key")), Status::Pass);
        assert_eq!(status_of(&f, "ci"), Status::Fail);
        let msg = |id: &str| f.iter().find(|x| x.resource.id == id).map(|x| x.message.clone()).unwrap_or_default();
        assert!(
            msg(&arn("s3-all")).contains("Resource *: s3:* in Statement[0] (Sid \"S3\")"),
            "{}",
            msg(&arn("s3-all"))
        );
        assert!(msg("ci").contains("inline policy power") && msg("ci").contains("NotAction"), "{}", msg("ci"));
    }

    #[test]
    fn malformed_policies_and_missing_details_are_errors() {
        let mut s = snapshot();
        auth(&mut s).policies.push(customer_policy("broken", BROKEN, 1));
        let mut bob = user("bob");
        bob.inline_policies.push(inline("odd", INVALID));
        auth(&mut s).users.push(bob);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &arn("broken")), Status::Error);
        assert_eq!(status_of(&f, "bob"), Status::Error);

        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
