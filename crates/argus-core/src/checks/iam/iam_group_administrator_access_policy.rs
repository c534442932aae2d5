//! No IAM group has the AWS managed AdministratorAccess policy attached. Metadata:
//! `checks/iam/iam_group_administrator_access_policy.toml`.

use super::policy_common::{
    administrator_access_arn, administrator_access_attachment, administrator_access_lookalikes, auth_details,
    group_resource, list,
};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_group_administrator_access_policy", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    for g in &details.groups {
        if let Some(a) = administrator_access_attachment(&g.attached_policies) {
            let members: Vec<&str> =
                details.users.iter().filter(|u| u.groups.contains(&g.name)).map(|u| u.name.as_str()).collect();
            let members = if members.is_empty() {
                "it has no members".to_string()
            } else {
                format!("members: {}", list(&members))
            };
            out.fail(
                group_resource(g),
                format_args!("Group {} has the AWS managed policy {} attached ({members}).", g.name, a.arn),
            );
        } else {
            out.pass(
                group_resource(g),
                format_args!(
                    "Group {} does not have the AWS managed policy {} attached.{}",
                    g.name,
                    administrator_access_arn(ctx.partition()),
                    administrator_access_lookalikes(details, &g.attached_policies)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn messages_name_the_aws_managed_policy() {
        assert_names_the_aws_managed_administrator_access(CHECK, |s, name, p| {
            let mut g = group(name);
            g.attached_policies.push(p);
            auth(s).groups.push(g);
        });
    }

    #[test]
    fn group_with_administrator_access_fails_and_names_members() {
        let mut s = snapshot();
        let mut admins = group("admins");
        admins.attached_policies.push(admin_access());
        let mut alice = user("alice");
        alice.groups.push("admins".into());
        auth(&mut s).groups.extend([admins, group("readers")]);
        auth(&mut s).users.push(alice);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "admins"), Status::Fail);
        assert_eq!(status_of(&f, "readers"), Status::Pass);
        assert!(f.iter().any(|x| x.message.contains("members: alice")));
    }

    #[test]
    fn missing_details_are_an_error() {
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
