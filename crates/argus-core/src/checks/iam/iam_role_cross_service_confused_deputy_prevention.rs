//! Roles that trust an AWS service principal guard against the confused deputy with an
//! `aws:SourceAccount` / `aws:SourceArn` / `aws:SourceOrgID` / `aws:SourceOrgPaths` Condition
//! (service-linked roles excluded). Metadata:
//! `checks/iam/iam_role_cross_service_confused_deputy_prevention.toml`.

use super::policy_common::{for_each_role_trust, list};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::trust_service_without_confused_deputy_protection;

pub const CHECK: Check = Check { id: "iam_role_cross_service_confused_deputy_prevention", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for_each_role_trust(ctx, out, true, |role, policy, r, out| {
        let services = trust_service_without_confused_deputy_protection(policy);
        if services.is_empty() {
            out.pass(
                r,
                format_args!(
                    "Role {} trusts no service principal without an aws:SourceAccount/aws:SourceArn condition.",
                    role.name
                ),
            );
        } else {
            out.fail(
                r,
                format_args!(
                    "Role {} trusts {} without an aws:SourceAccount, aws:SourceArn or aws:SourceOrgID condition (confused deputy).",
                    role.name,
                    list(&services)
                ),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    const UNGUARDED: &str =
        r#"{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},"Action":"sts:AssumeRole"}"#;

    #[test]
    fn unguarded_service_trust_fails_and_service_linked_roles_are_skipped() {
        let mut s = snapshot();
        auth(&mut s).roles.push(role_trusting("build", UNGUARDED));
        auth(&mut s).roles.push(role("guarded"));
        let mut linked = role_trusting("AWSServiceRoleForSupport", UNGUARDED);
        linked.path = "/aws-service-role/support.amazonaws.com/".into();
        auth(&mut s).roles.push(linked);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(status_of(&f, "build"), Status::Fail);
        assert_eq!(status_of(&f, "guarded"), Status::Pass);
        assert!(f.iter().any(|x| x.message.contains("codebuild.amazonaws.com")));
    }

    #[test]
    fn malformed_trust_and_missing_details_are_errors() {
        let mut s = snapshot();
        let mut broken = role("broken");
        broken.trust_policy = Some(doc(BROKEN));
        auth(&mut s).roles.push(broken);
        assert_eq!(status_of(&run_check(CHECK, &s), "broken"), Status::Error);

        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
