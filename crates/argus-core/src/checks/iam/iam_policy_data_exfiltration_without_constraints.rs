//! No customer managed or inline policy allows data-read actions (s3:GetObject,
//! secretsmanager:GetSecretValue, ssm:GetParameter*, kms:Decrypt) on Resource `*` without a
//! Condition. Metadata: `checks/iam/iam_policy_data_exfiltration_without_constraints.toml`.

use super::policy_common::{auth_details, judge_customer_policies, judge_inline_policies};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::{data_exfiltration_actions, PermissionSet, Policy};

pub const CHECK: Check = Check { id: "iam_policy_data_exfiltration_without_constraints", run };

const NOUN: &str = "unconstrained data-read action";

fn problem(policy: &Policy) -> Option<String> {
    let actions = data_exfiltration_actions(&PermissionSet::from_policy(policy));
    (!actions.is_empty()).then(|| format!("allows {} on Resource * with no Condition", actions.join(", ")))
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
    fn unconstrained_reads_fail_and_constrained_ones_pass() {
        let mut s = snapshot();
        let wide = policy(r#"{"Effect":"Allow","Action":["s3:Get*","kms:Decrypt"],"Resource":"*"}"#);
        auth(&mut s).policies.push(customer_policy("wide", &wide, 1));
        let tagged = policy(
            r#"{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*",
                "Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}}"#,
        );
        auth(&mut s).policies.push(customer_policy("tagged", &tagged, 1));
        let mut app = role("app");
        app.inline_policies
            .push(inline("secrets", &policy(r#"{"Effect":"Allow","Action":"secretsmanager:*","Resource":"*"}"#)));
        let mut dev = user("dev");
        dev.inline_policies.push(inline("reader", NARROW));
        auth(&mut s).roles.push(app);
        auth(&mut s).users.push(dev);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &arn("wide")), Status::Fail);
        assert_eq!(status_of(&f, &arn("tagged")), Status::Pass);
        assert_eq!(status_of(&f, "app"), Status::Fail);
        assert_eq!(status_of(&f, "dev"), Status::Pass);
        let wide = f.iter().find(|x| x.resource.id == arn("wide")).map(|x| x.message.clone()).unwrap_or_default();
        assert!(wide.contains("s3:GetObject, kms:Decrypt"), "{wide}");
    }

    #[test]
    fn malformed_policies_and_missing_details_are_errors() {
        let mut s = snapshot();
        auth(&mut s).policies.push(customer_policy("broken", BROKEN, 0));
        assert_eq!(status_of(&run_check(CHECK, &s), &arn("broken")), Status::Error);

        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
