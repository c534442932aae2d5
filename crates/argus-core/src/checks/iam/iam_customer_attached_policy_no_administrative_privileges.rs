//! Attached customer managed policies do not allow all actions on all resources. Metadata:
//! `checks/iam/iam_customer_attached_policy_no_administrative_privileges.toml`.

use super::policy_common::{auth_details, is_attached, judge_managed_admin};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_customer_attached_policy_no_administrative_privileges", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    for p in details.policies.iter().filter(|p| !p.is_aws_managed() && is_attached(details, p)) {
        judge_managed_admin(details, p, "Customer managed", out);
    }
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
    fn attached_admin_policy_fails_and_narrow_one_passes() {
        let mut s = snapshot();
        let admin = customer_policy("god-mode", ADMIN, 1);
        let mut ops = role("ops");
        ops.attached_policies.push(attach(&admin));
        auth(&mut s).roles.push(ops);
        auth(&mut s).policies.push(admin);
        auth(&mut s).policies.push(customer_policy("reader", NARROW, 3));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &arn("god-mode")), Status::Fail);
        assert_eq!(status_of(&f, &arn("reader")), Status::Pass);
        let fail = f.iter().find(|x| x.status == Status::Fail).map(|x| x.message.clone()).unwrap_or_default();
        assert!(fail.contains("role ops") && fail.contains("Sid \"All\""), "{fail}");
    }

    #[test]
    fn unattached_and_aws_managed_policies_are_skipped() {
        let mut s = snapshot();
        auth(&mut s).policies.push(customer_policy("spare", ADMIN, 0));
        auth(&mut s).policies.push(aws_policy("AdministratorAccess", ADMIN, 1));
        assert!(run_check(CHECK, &s).is_empty());
    }

    #[test]
    fn invalid_policy_and_missing_details_are_errors() {
        let mut s = snapshot();
        auth(&mut s).policies.push(customer_policy("odd", INVALID, 1));
        let mut no_doc = customer_policy("no-doc", NARROW, 1);
        no_doc.document = None;
        auth(&mut s).policies.push(no_doc);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &arn("odd")), Status::Error);
        assert_eq!(status_of(&f, &arn("no-doc")), Status::Error);

        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
        assert!(f[0].message.contains("iam:GetAccountAuthorizationDetails"));
    }
}
