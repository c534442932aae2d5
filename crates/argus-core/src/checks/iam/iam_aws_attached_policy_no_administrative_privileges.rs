//! Attached AWS managed policies do not allow all actions on all resources. Metadata:
//! `checks/iam/iam_aws_attached_policy_no_administrative_privileges.toml`.

use super::policy_common::{auth_details, is_attached, judge_managed_admin};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_aws_attached_policy_no_administrative_privileges", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    for p in details.policies.iter().filter(|p| p.is_aws_managed() && is_attached(details, p)) {
        judge_managed_admin(details, p, "AWS managed", out);
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
    fn attached_administrator_access_fails() {
        let mut s = snapshot();
        let admin = aws_policy("AdministratorAccess", ADMIN, 1);
        let mut alice = user("alice");
        alice.attached_policies.push(attach(&admin));
        auth(&mut s).users.push(alice);
        auth(&mut s).policies.push(admin);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, ADMIN_ACCESS_ARN), Status::Fail);
        assert!(f[0].message.contains("Statement[0]") && f[0].message.contains("user alice"), "{}", f[0].message);
    }

    #[test]
    fn narrow_attached_policy_passes_and_unattached_or_customer_policies_are_skipped() {
        let mut s = snapshot();
        auth(&mut s).policies.push(aws_policy("AmazonS3ReadOnlyAccess", NARROW, 2));
        auth(&mut s).policies.push(aws_policy("AdministratorAccess", ADMIN, 0));
        auth(&mut s).policies.push(customer_policy("mine", ADMIN, 1));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess".to_string(), Status::Pass)]);
    }

    #[test]
    fn a_policy_attached_to_a_principal_is_judged_whatever_its_attachment_count() {
        // A reply that leaves AttachmentCount out reads as 0; the principals' attachments still tell.
        let mut s = snapshot();
        let admin = aws_policy("AdministratorAccess", ADMIN, 0);
        let mut alice = user("alice");
        alice.attached_policies.push(attach(&admin));
        auth(&mut s).users.push(alice);
        auth(&mut s).policies.push(admin);
        assert_eq!(status_of(&run_check(CHECK, &s), ADMIN_ACCESS_ARN), Status::Fail);
    }

    #[test]
    fn not_action_admin_fails() {
        let mut s = snapshot();
        let json = policy(r#"{"Effect":"Allow","NotAction":"s3:DeleteBucket","Resource":"*"}"#);
        auth(&mut s).policies.push(aws_policy("Odd", &json, 1));
        assert_eq!(status_of(&run_check(CHECK, &s), "arn:aws:iam::aws:policy/Odd"), Status::Fail);
    }

    #[test]
    fn malformed_policy_and_missing_details_are_errors() {
        let mut s = snapshot();
        auth(&mut s).policies.push(aws_policy("Broken", BROKEN, 1));
        let f = run_check(CHECK, &s);
        assert_eq!(f[0].status, Status::Error);
        assert!(f[0].message.contains("policy Broken is malformed"), "{}", f[0].message);

        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
