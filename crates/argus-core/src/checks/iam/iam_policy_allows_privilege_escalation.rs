//! No customer managed policy lets a principal holding it become administrator; one that grants a
//! known escalation method nobody can use is a potential (low) FAIL. Metadata:
//! `checks/iam/iam_policy_allows_privilege_escalation.toml`.

use super::escalation_use::judge_managed;
use super::policy_common::auth_details;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_policy_allows_privilege_escalation", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    judge_managed(ctx, details, out);
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

    fn finding<'f>(f: &'f [crate::engine::Finding], name: &str) -> &'f crate::engine::Finding {
        f.iter().find(|x| x.resource.id == arn(name)).unwrap_or_else(|| panic!("no finding for {name}: {f:?}"))
    }

    /// user dev may mint access keys for user boss, an administrator.
    fn keys_and_boss(s: &mut crate::snapshot::Snapshot) -> crate::snapshot::ManagedPolicy {
        crate::paths::fixtures::with_admin_policy(s);
        let keys =
            customer_policy("keys", &policy(r#"{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"}"#), 1);
        let mut boss = user("boss");
        boss.attached_policies.push(admin_access());
        auth(s).users.push(boss);
        auth(s).policies.push(keys.clone());
        keys
    }

    #[test]
    fn a_holder_that_can_escalate_fails_naming_it_and_a_blocked_one_is_potential() {
        let mut s = snapshot();
        let keys = keys_and_boss(&mut s);
        let mut dev = user("dev");
        dev.attached_policies.push(attach(&keys));
        auth(&mut s).users.push(dev);
        let f = run_check(CHECK, &s);
        let keys_finding = finding(&f, "keys");
        assert_eq!((keys_finding.status, keys_finding.severity()), (Status::Fail, crate::engine::Severity::High));
        assert!(
            keys_finding.message.contains(
                "1 principal(s) holding it can become administrator through it: user dev: user dev -> user boss ("
            ) && keys_finding.message.contains("iam-002"),
            "{}",
            keys_finding.message
        );

        // The same holder, with another policy denying the action: the method is there, nobody can use it.
        let mut s = snapshot();
        let keys = keys_and_boss(&mut s);
        let deny = customer_policy(
            "no-keys",
            &policy(r#"{"Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"*"}"#),
            1,
        );
        let mut dev = user("dev");
        dev.attached_policies.push(attach(&keys));
        dev.attached_policies.push(attach(&deny));
        auth(&mut s).users.push(dev);
        auth(&mut s).policies.push(deny);
        let f = run_check(CHECK, &s);
        let keys_finding = finding(&f, "keys");
        assert_eq!((keys_finding.status, keys_finding.severity()), (Status::Fail, crate::engine::Severity::Low));
        assert!(keys_finding.message.contains("no principal holding it can use it"), "{}", keys_finding.message);
        assert!(keys_finding.message.contains("potential escalation"), "{}", keys_finding.message);
    }

    #[test]
    fn escalation_split_over_two_policies_fails_both() {
        let mut s = snapshot();
        crate::paths::fixtures::with_admin_policy(&mut s);
        let run =
            customer_policy("run", &policy(r#"{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}"#), 1);
        let pass = customer_policy("pass", &policy(r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}"#), 1);
        let mut dev = user("dev");
        dev.attached_policies.push(attach(&run));
        dev.attached_policies.push(attach(&pass));
        let mut admin_role = role_trusting(
            "service-admin",
            r#"{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}"#,
        );
        admin_role.instance_profiles = vec![crate::paths::fixtures::PROFILE.into()];
        admin_role.attached_policies.push(admin_access());
        auth(&mut s).users.push(dev);
        auth(&mut s).roles.push(admin_role);
        auth(&mut s).policies.push(run);
        auth(&mut s).policies.push(pass);
        let f = run_check(CHECK, &s);
        for name in ["run", "pass"] {
            let x = finding(&f, name);
            assert_eq!(
                (x.status, x.severity()),
                (Status::Fail, crate::engine::Severity::High),
                "{name}: {}",
                x.message
            );
            assert!(
                x.message.contains("together with the principal's other policies")
                    && x.message.contains("user dev -> role service-admin")
                    && x.message.contains("ec2-001"),
                "{name}: {}",
                x.message
            );
        }
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
