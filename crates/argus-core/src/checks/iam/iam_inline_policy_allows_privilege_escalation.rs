//! No inline policy of a user, group or role, on its own, grants a known privilege-escalation
//! method. Metadata: `checks/iam/iam_inline_policy_allows_privilege_escalation.toml`.

use super::policy_common::{auth_details, escalation_problem, judge_inline_policies};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_inline_policy_allows_privilege_escalation", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    judge_inline_policies(details, out, "known privilege-escalation method", escalation_problem);
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
