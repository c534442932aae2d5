//! No inline policy of a user, group or role allows all actions on all resources. Metadata:
//! `checks/iam/iam_inline_policy_no_administrative_privileges.toml`.

use super::policy_common::{admin_statement_labels, list, run_on_inline_policies};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_inline_policy_no_administrative_privileges", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    run_on_inline_policies(ctx, out, "statement allowing all actions on all resources", |policy| {
        let admin = admin_statement_labels(policy);
        (!admin.is_empty()).then(|| format!("allows all actions on all resources in {}", list(&admin)))
    });
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn admin_inline_policies_fail_per_principal() {
        let mut s = snapshot();
        let mut alice = user("alice");
        alice.inline_policies.push(inline("everything", ADMIN));
        alice.inline_policies.push(inline("reader", NARROW));
        let mut devs = group("devs");
        devs.inline_policies.push(inline("reader", NARROW));
        let mut ci = role("ci");
        let not_action = policy(r#"{"Effect":"Allow","NotAction":["ec2:TerminateInstances"],"Resource":"*"}"#);
        ci.inline_policies.push(inline("almost-all", &not_action));
        auth(&mut s).users.push(alice);
        auth(&mut s).groups.push(devs);
        auth(&mut s).roles.push(ci);
        auth(&mut s).roles.push(role("no-inline"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "alice"), Status::Fail);
        assert_eq!(status_of(&f, "devs"), Status::Pass);
        assert_eq!(status_of(&f, "ci"), Status::Fail);
        assert_eq!(f.len(), 3, "principals without inline policies are not judged");
        let alice = f.iter().find(|x| x.resource.id == "alice").map(|x| x.message.clone()).unwrap_or_default();
        assert!(alice.contains("inline policy everything") && !alice.contains("reader"), "{alice}");
    }

    #[test]
    fn malformed_inline_policy_is_an_error_unless_another_fails() {
        let mut s = snapshot();
        let mut bob = user("bob");
        bob.inline_policies.push(inline("broken", BROKEN));
        let mut carol = user("carol");
        carol.inline_policies.push(inline("broken", BROKEN));
        carol.inline_policies.push(inline("everything", ADMIN));
        auth(&mut s).users.push(bob);
        auth(&mut s).users.push(carol);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "bob"), Status::Error);
        assert_eq!(status_of(&f, "carol"), Status::Fail);
        assert!(f.iter().any(|x| x.message.contains("policy broken is malformed")));

        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
