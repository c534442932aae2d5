//! AWSCloudShellFullAccess is attached to no user, group or role.
//! Metadata: `checks/iam/iam_policy_cloudshell_admin_not_attached.toml`.

use super::policy_common::{auth_details, list, same_arn_any_partition, Principal};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::AttachedPolicy;

pub const CHECK: Check = Check { id: "iam_policy_cloudshell_admin_not_attached", run };

const CLOUDSHELL_FULL_ACCESS: &str = "arn:aws:iam::aws:policy/AWSCloudShellFullAccess";

fn attached(policies: &[AttachedPolicy]) -> bool {
    policies.iter().any(|a| same_arn_any_partition(&a.arn, CLOUDSHELL_FULL_ACCESS))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    let holders: Vec<String> = Principal::all(&details)
        .filter(|p| match p {
            Principal::User(u) => attached(&u.attached_policies),
            Principal::Group(g) => attached(&g.attached_policies),
            Principal::Role(r) => attached(&r.attached_policies),
        })
        .map(|p| p.title().to_string())
        .collect();
    let account = ctx.account_resource();
    if holders.is_empty() {
        out.pass(account, "AWSCloudShellFullAccess is attached to no user, group or role.");
    } else {
        out.fail(account, format_args!("AWSCloudShellFullAccess is attached to {}.", list(&holders)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::cred_fixtures::{aws_managed, group, role};
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn an_attachment_anywhere_fails() {
        let mut s = snapshot();
        auth(&mut s).roles.push(role("app"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Pass)]);
        let mut devs = group("devs");
        devs.attached_policies.push(aws_managed("AWSCloudShellFullAccess"));
        auth(&mut s).groups.push(devs);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("devs"), "{}", f[0].message);
    }

    #[test]
    fn missing_details_are_an_error() {
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
