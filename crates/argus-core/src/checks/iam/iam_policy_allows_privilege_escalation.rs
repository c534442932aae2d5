//! No customer managed policy, on its own, grants a known privilege-escalation method. Metadata:
//! `checks/iam/iam_policy_allows_privilege_escalation.toml`.

use super::policy_common::{auth_details, escalation_problem, judge_customer_policies};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_policy_allows_privilege_escalation", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    judge_customer_policies(details, out, "known privilege-escalation method", escalation_problem);
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
    fn escalation_methods_fail_with_method_actions_and_certainty() {
        let mut s = snapshot();
        let keys =
            customer_policy("keys", &policy(r#"{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"}"#), 1);
        let mut alice = user("alice");
        alice.attached_policies.push(attach(&keys));
        auth(&mut s).users.push(alice);
        auth(&mut s).policies.push(keys);
        let pass_role = policy(
            r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/app-*"},
               {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}"#,
        );
        auth(&mut s).policies.push(customer_policy("launcher", &pass_role, 0));
        auth(&mut s).policies.push(customer_policy("reader", NARROW, 1));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &arn("keys")), Status::Fail);
        assert_eq!(status_of(&f, &arn("launcher")), Status::Fail);
        assert_eq!(status_of(&f, &arn("reader")), Status::Pass);
        let msg =
            |name: &str| f.iter().find(|x| x.resource.id == arn(name)).map(|x| x.message.clone()).unwrap_or_default();
        let keys = msg("keys");
        assert!(
            keys.contains("CreateAccessKey (iam:CreateAccessKey; confirmed)") && keys.contains("user alice"),
            "{keys}"
        );
        let launcher = msg("launcher");
        assert!(
            launcher.contains("PassRole+EC2RunInstances (iam:PassRole, ec2:RunInstances; potential)"),
            "{launcher}"
        );
        assert!(launcher.contains("not attached"), "{launcher}");
    }

    #[test]
    fn denied_action_is_not_escalation() {
        let mut s = snapshot();
        let json = policy(
            r#"{"Effect":"Allow","Action":"iam:*","Resource":"*"},
               {"Effect":"Deny","Action":["iam:Create*","iam:Put*","iam:Attach*","iam:Update*","iam:SetDefaultPolicyVersion","iam:AddUserToGroup"],"Resource":"*"}"#,
        );
        auth(&mut s).policies.push(customer_policy("iam-read", &json, 1));
        assert_eq!(status_of(&run_check(CHECK, &s), &arn("iam-read")), Status::Pass);
    }

    #[test]
    fn aws_managed_policies_are_skipped_and_errors_reported() {
        let mut s = snapshot();
        auth(&mut s).policies.push(aws_policy("IAMFullAccess", ADMIN, 1));
        auth(&mut s).policies.push(customer_policy("broken", BROKEN, 1));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(arn("broken"), Status::Error)]);

        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
