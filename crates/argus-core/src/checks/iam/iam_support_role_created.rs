//! At least one IAM role has the AWSSupportAccess managed policy attached. Metadata: `checks/iam/iam_support_role_created.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{AttachedPolicy, Fetched};

pub const CHECK: Check = Check { id: "iam_support_role_created", run };

const POLICY: &str = "AWSSupportAccess";

/// The AWS managed AWSSupportAccess policy, in any partition.
fn is_support_access(arn: &str) -> bool {
    arn.strip_prefix("arn:")
        .and_then(|rest| rest.split_once(':'))
        .is_some_and(|(_, tail)| tail == "iam::aws:policy/AWSSupportAccess")
}

fn has_support_access(policies: &[AttachedPolicy]) -> bool {
    policies.iter().any(|p| is_support_access(&p.arn))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(iam) = &ctx.snapshot.iam else { return };
    let account = ctx.account_resource();
    let details = match &iam.authorization_details {
        Fetched::Ok(d) => d,
        Fetched::Err(e) => return out.error(account, e),
    };
    let roles: Vec<&str> =
        details.roles.iter().filter(|r| has_support_access(&r.attached_policies)).map(|r| r.name.as_str()).collect();
    if !roles.is_empty() {
        return out.pass(account, format_args!("{POLICY} is attached to role(s) {}.", roles.join(", ")));
    }
    // Say where the policy is attached instead, if anywhere: users and groups from their own
    // entries, and the policy's attachment count as GetAccountAuthorizationDetails lists it.
    let users: Vec<&str> =
        details.users.iter().filter(|u| has_support_access(&u.attached_policies)).map(|u| u.name.as_str()).collect();
    let groups: Vec<&str> =
        details.groups.iter().filter(|g| has_support_access(&g.attached_policies)).map(|g| g.name.as_str()).collect();
    let count = details.policies.iter().find(|p| is_support_access(&p.arn)).map(|p| p.attachment_count);
    let mut elsewhere = Vec::new();
    if !users.is_empty() {
        elsewhere.push(format!("user(s) {}", users.join(", ")));
    }
    if !groups.is_empty() {
        elsewhere.push(format!("group(s) {}", groups.join(", ")));
    }
    let detail = match (elsewhere.is_empty(), count) {
        (false, _) => format!("it is attached only to {}", elsewhere.join(" and ")),
        (true, Some(n)) if n > 0 => {
            format!("the policy reports {n} attachment(s), none of them to a role")
        }
        _ => "the policy is not attached anywhere".to_string(),
    };
    out.fail(
        account,
        format_args!("No IAM role has {POLICY} attached to manage incidents with AWS Support; {detail}."),
    );
}

#[cfg(test)]
mod tests {
    use super::super::cred_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn support_role_passes() {
        let mut s = snapshot();
        let mut support = role("support");
        support.attached_policies.push(aws_managed(POLICY));
        auth(&mut s).roles.extend([role("app"), support]);
        auth(&mut s).policies.push(aws_managed_policy(POLICY, 1));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Pass)]);
        assert!(f[0].message.contains("support"), "{}", f[0].message);
    }

    #[test]
    fn no_support_role_fails() {
        let mut s = snapshot();
        let mut other = role("app");
        other.attached_policies.push(aws_managed("ReadOnlyAccess"));
        auth(&mut s).roles.push(other);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("not attached anywhere"), "{}", f[0].message);
        // Attached to a user only.
        let mut u = user("helpdesk");
        u.attached_policies.push(aws_managed(POLICY));
        auth(&mut s).users.push(u);
        auth(&mut s).policies.push(aws_managed_policy(POLICY, 1));
        let f = run_check(CHECK, &s);
        assert_eq!(f[0].status, Status::Fail);
        assert!(f[0].message.contains("user(s) helpdesk"), "{}", f[0].message);
    }

    #[test]
    fn other_partitions_are_recognised() {
        assert!(is_support_access("arn:aws-us-gov:iam::aws:policy/AWSSupportAccess"));
        assert!(!is_support_access("arn:aws:iam::123456789012:policy/AWSSupportAccess"));
    }

    #[test]
    fn unreadable_details_are_an_error() {
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
