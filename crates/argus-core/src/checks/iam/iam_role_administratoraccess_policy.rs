//! No IAM role has the AWS managed AdministratorAccess policy attached. Metadata:
//! `checks/iam/iam_role_administratoraccess_policy.toml`.

use super::policy_common::{
    administrator_access_arn, administrator_access_attachment, administrator_access_lookalikes, auth_details,
    role_resource,
};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_role_administratoraccess_policy", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    for r in &details.roles {
        if let Some(a) = administrator_access_attachment(&r.attached_policies) {
            out.fail(role_resource(r), format_args!("Role {} has the AWS managed policy {} attached.", r.name, a.arn));
        } else {
            out.pass(
                role_resource(r),
                format_args!(
                    "Role {} does not have the AWS managed policy {} attached.{}",
                    r.name,
                    administrator_access_arn(ctx.partition()),
                    administrator_access_lookalikes(details, &r.attached_policies)
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
            let mut r = role(name);
            r.attached_policies.push(p);
            auth(s).roles.push(r);
        });
    }

    #[test]
    fn role_with_administrator_access_fails() {
        let mut s = snapshot();
        let mut ops = role("ops");
        ops.attached_policies.push(admin_access());
        auth(&mut s).roles.extend([ops, role("app")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "ops"), Status::Fail);
        assert_eq!(status_of(&f, "app"), Status::Pass);
    }

    #[test]
    fn missing_details_are_an_error() {
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
