//! No inline policy of a user, group or role lets a principal holding it become administrator; one
//! that grants a known escalation method nobody can use is a potential (low) FAIL. Metadata:
//! `checks/iam/iam_inline_policy_allows_privilege_escalation.toml`.

use super::escalation_use::judge_inline;
use super::policy_common::auth_details;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_inline_policy_allows_privilege_escalation", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    judge_inline(ctx, details, out);
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn inline_escalation_fails_naming_policy_method_and_certainty() {
        let mut s = snapshot();
        let mut ci = role("ci");
        let json = policy(
            r#"{"Effect":"Allow","Action":["iam:PutRolePolicy","sts:AssumeRole"],"Resource":"*",
                "Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}"#,
        );
        ci.inline_policies.push(inline("self-edit", &json));
        let mut dev = user("dev");
        dev.inline_policies.push(inline("reader", NARROW));
        auth(&mut s).roles.push(ci);
        auth(&mut s).users.push(dev);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "ci"), Status::Fail);
        assert_eq!(status_of(&f, "dev"), Status::Pass);
        let ci = f.iter().find(|x| x.resource.id == "ci").map(|x| x.message.clone()).unwrap_or_default();
        assert!(
            ci.contains("inline policy self-edit")
                && ci.contains("PutRolePolicy+AssumeRole (iam:PutRolePolicy, sts:AssumeRole; potential)"),
            "{ci}"
        );
    }

    #[test]
    fn a_group_policy_its_members_escalate_with_fails_naming_them_and_a_denied_one_is_potential() {
        use crate::engine::Severity;
        let keys = || inline("keys", &policy(r#"{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"}"#));
        let account = |dev_extra: Option<crate::snapshot::InlinePolicy>| {
            let mut s = snapshot();
            crate::paths::fixtures::with_admin_policy(&mut s);
            let mut devs = group("devs");
            devs.inline_policies.push(keys());
            let mut dev = user("dev");
            dev.groups.push("devs".into());
            dev.inline_policies.extend(dev_extra);
            let mut boss = user("boss");
            boss.attached_policies.push(admin_access());
            auth(&mut s).groups.push(devs);
            auth(&mut s).users.push(dev);
            auth(&mut s).users.push(boss);
            s
        };
        let f = run_check(CHECK, &account(None));
        let devs = f.iter().find(|x| x.resource.id == "devs").expect("devs");
        assert_eq!((devs.status, devs.severity()), (Status::Fail, Severity::High));
        assert!(
            devs.message.contains("user dev can become administrator through them: user dev: user dev -> user boss")
                && devs.message.contains("keys (inline, group devs)"),
            "{}",
            devs.message
        );

        let deny = inline("no-keys", &policy(r#"{"Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"*"}"#));
        let f = run_check(CHECK, &account(Some(deny)));
        let devs = f.iter().find(|x| x.resource.id == "devs").expect("devs");
        assert_eq!((devs.status, devs.severity()), (Status::Fail, Severity::Low));
        assert!(devs.message.contains("potential escalation"), "{}", devs.message);
        assert_eq!(status_of(&f, "dev"), Status::Pass, "dev's own inline policy only denies");
    }

    #[test]
    fn malformed_inline_policy_and_missing_details_are_errors() {
        let mut s = snapshot();
        let mut devs = group("devs");
        devs.inline_policies.push(inline("odd", INVALID));
        auth(&mut s).groups.push(devs);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "devs"), Status::Error);
        assert!(f[0].message.contains("policy odd is malformed"), "{}", f[0].message);

        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
