//! No IAM user has the AWS managed AdministratorAccess policy attached. Metadata:
//! `checks/iam/iam_user_administrator_access_policy.toml`.

use super::policy_common::{
    administrator_access_arn, administrator_access_attachment, administrator_access_lookalikes, auth_details,
    user_resource,
};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_user_administrator_access_policy", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    for u in &details.users {
        if let Some(a) = administrator_access_attachment(&u.attached_policies) {
            out.fail(
                user_resource(u),
                format_args!("User {} has the AWS managed policy {} attached directly.", u.name, a.arn),
            );
        } else {
            out.pass(
                user_resource(u),
                format_args!(
                    "User {} does not have the AWS managed policy {} attached directly.{}",
                    u.name,
                    administrator_access_arn(ctx.partition()),
                    administrator_access_lookalikes(details, &u.attached_policies)
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
    use crate::snapshot::{AttachedPolicy, Fetched};
    use crate::testing::*;

    #[test]
    fn user_with_administrator_access_fails() {
        let mut s = snapshot();
        let mut alice = user("alice");
        alice.attached_policies.push(admin_access());
        let mut bob = user("bob");
        bob.attached_policies.push(AttachedPolicy {
            name: "AdministratorAccess".into(),
            arn: format!("arn:aws:iam::{ACCOUNT}:policy/AdministratorAccess"),
        });
        auth(&mut s).users.extend([alice, bob]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "alice"), Status::Fail);
        assert_eq!(status_of(&f, "bob"), Status::Pass, "a customer policy with the same name is not the AWS one");
    }

    #[test]
    fn messages_name_the_aws_managed_policy() {
        assert_names_the_aws_managed_administrator_access(CHECK, |s, name, p| {
            let mut u = super::super::cred_fixtures::user(name);
            u.attached_policies.push(p);
            auth(s).users.push(u);
        });
    }

    #[test]
    fn missing_details_are_an_error() {
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
