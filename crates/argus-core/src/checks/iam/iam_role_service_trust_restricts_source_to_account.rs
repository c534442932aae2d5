//! A role's trust of AWS service principals, where conditioned (or beside other trust), confines the
//! request source to an account. Metadata:
//! `checks/iam/iam_role_service_trust_restricts_source_to_account.toml`.
//!
//! The companion of iam_role_cross_service_confused_deputy_prevention, as in Prowler: that check
//! reports a service trust with no guard at all; this one judges the statements a plain unconditional
//! service trust is not (see `policy::service_trust_source`), so a role may get a finding from both,
//! either or neither.

use super::policy_common::for_each_role_trust;
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::{service_trust_source, ServiceTrustSource};

pub const CHECK: Check = Check { id: "iam_role_service_trust_restricts_source_to_account", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for_each_role_trust(ctx, out, true, |role, policy, r, out| match service_trust_source(policy) {
        None => {}
        Some(ServiceTrustSource::Account) => out.pass(
            r,
            format_args!("Role {} confines every AWS service principal it trusts to a specific account.", role.name),
        ),
        Some(ServiceTrustSource::Organization) => out.pass(
            r,
            format_args!(
                "Role {} confines every AWS service principal it trusts, at least one only to an organization, so \
                 the source may be any account in it.",
                role.name
            ),
        ),
        Some(ServiceTrustSource::Unconfined(statements)) => {
            let at: Vec<String> = statements.iter().map(|i| format!("Statement[{i}]")).collect();
            out.fail(
                r,
                format_args!(
                    "Role {} trusts an AWS service principal in {} without confining the source: no condition pins \
                     aws:SourceAccount to an account id, aws:SourceArn to an ARN of one, or aws:SourceOrgID / \
                     aws:SourceOrgPaths to an organization.",
                    role.name,
                    at.join(", ")
                ),
            )
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

    #[test]
    fn conditioned_service_trust_must_pin_the_source() {
        let mut s = snapshot();
        let roles = &mut auth(&mut s).roles;
        roles.push(role("pinned"));
        roles.push(role_trusting(
            "tag-only",
            r#"{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole",
                "Condition":{"StringEquals":{"aws:PrincipalTag/team":"data"}}}"#,
        ));
        roles.push(role_trusting(
            "org",
            r#"{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole",
                "Condition":{"StringEquals":{"aws:SourceOrgID":"o-abcdef1234"}}}"#,
        ));
        roles.push(role_trusting(
            "plain",
            r#"{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}"#,
        ));
        let mut linked = role_trusting(
            "AWSServiceRoleForGlue",
            r#"{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole",
                "Condition":{"StringEquals":{"aws:PrincipalTag/team":"data"}}}"#,
        );
        linked.path = "/aws-service-role/glue.amazonaws.com/".into();
        roles.push(linked);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "pinned"), Status::Pass);
        assert_eq!(status_of(&f, "tag-only"), Status::Fail);
        assert_eq!(status_of(&f, "org"), Status::Pass);
        assert!(f.iter().all(|x| x.resource.id != "plain"), "unconditional plain trust: the companion check's");
        assert!(f.iter().all(|x| x.resource.id != "AWSServiceRoleForGlue"), "service-linked roles are skipped");
        let msg = &f.iter().find(|x| x.resource.id == "tag-only").unwrap().message;
        assert!(msg.contains("Statement[0]"), "{msg}");
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
