//! Unattached customer managed policies do not allow all actions on all resources. Metadata:
//! `checks/iam/iam_customer_unattached_policy_no_administrative_privileges.toml`.

use super::policy_common::{auth_details, is_attached, judge_managed_admin};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_customer_unattached_policy_no_administrative_privileges", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    for p in details.policies.iter().filter(|p| !p.is_aws_managed() && !is_attached(details, p)) {
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
    fn unattached_admin_policy_fails_and_narrow_one_passes() {
        let mut s = snapshot();
        let mut boundary = customer_policy("boundary", ADMIN, 0);
        boundary.permissions_boundary_usage_count = 2;
        auth(&mut s).policies.push(boundary);
        auth(&mut s).policies.push(customer_policy("reader", NARROW, 0));
        auth(&mut s).policies.push(customer_policy("attached", ADMIN, 1));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f).len(), 2);
        assert_eq!(status_of(&f, &arn("boundary")), Status::Fail);
        assert_eq!(status_of(&f, &arn("reader")), Status::Pass);
        let fail = f.iter().find(|x| x.status == Status::Fail).map(|x| x.message.clone()).unwrap_or_default();
        assert!(fail.contains("not attached") && fail.contains("permissions boundary by 2"), "{fail}");
    }

    #[test]
    fn a_policy_a_principal_lists_is_attached_whatever_its_attachment_count() {
        // A reply that leaves AttachmentCount out reads as 0; the principals' attachments still tell,
        // and the attached-policy check judges it.
        let mut s = snapshot();
        let used = customer_policy("used", ADMIN, 0);
        let mut ops = role("ops");
        ops.attached_policies.push(attach(&used));
        auth(&mut s).roles.push(ops);
        auth(&mut s).policies.push(used);
        assert!(run_check(CHECK, &s).is_empty());
        let attached = run_check(super::super::iam_customer_attached_policy_no_administrative_privileges::CHECK, &s);
        assert_eq!(status_of(&attached, &arn("used")), Status::Fail);
    }

    #[test]
    fn malformed_policy_and_missing_details_are_errors() {
        let mut s = snapshot();
        auth(&mut s).policies.push(customer_policy("broken", BROKEN, 0));
        assert_eq!(status_of(&run_check(CHECK, &s), &arn("broken")), Status::Error);

        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
