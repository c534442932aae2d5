//! Fixture builders for Organizations check tests.

use crate::snapshot::*;
use crate::testing::*;

pub(crate) const ORG_ID: &str = "o-abc123";
pub(crate) const MANAGEMENT_ACCOUNT: &str = "111111111111";

/// The Organizations data of the fixture account.
pub(crate) fn organizations(s: &mut Snapshot) -> &mut OrganizationsSnapshot {
    s.organizations.as_mut().expect("fixture has Organizations")
}

/// A member of an all-features organization whose root enables SCPs and RCPs and attaches one custom
/// policy of each, with a delegated administrator and centralized root access on.
pub(crate) fn governed() -> OrganizationsSnapshot {
    let root = OrganizationRoot {
        id: "r-root".into(),
        arn: format!("arn:aws:organizations::{MANAGEMENT_ACCOUNT}:root/{ORG_ID}/r-root"),
        policy_types: vec![enabled("SERVICE_CONTROL_POLICY"), enabled("RESOURCE_CONTROL_POLICY")],
    };
    OrganizationsSnapshot {
        organization: Fetched::Ok(Some(Organization {
            id: ORG_ID.into(),
            arn: format!("arn:aws:organizations::{MANAGEMENT_ACCOUNT}:organization/{ORG_ID}"),
            management_account_id: MANAGEMENT_ACCOUNT.into(),
            feature_set: "ALL".into(),
        })),
        roots: Fetched::Ok(vec![root]),
        service_control_policies: Fetched::Ok(vec![
            aws_managed_policy("FullAWSAccess"),
            custom_policy("deny-leave-org", &[root_target()]),
        ]),
        resource_control_policies: Fetched::Ok(vec![
            aws_managed_policy("RCPFullAWSAccess"),
            custom_policy("data-perimeter", &[root_target()]),
        ]),
        delegated_administrators: Fetched::Ok(vec![DelegatedAdministrator {
            account_id: "222222222222".into(),
            name: Some("security".into()),
            status: Some("ACTIVE".into()),
        }]),
        root_access_features: Fetched::Ok(vec!["RootCredentialsManagement".into(), "RootSessions".into()]),
        resource_policy: Fetched::Ok(Some(delegation_policy(
            "222222222222",
            r#"["organizations:Describe*","organizations:List*","organizations:CreatePolicy","organizations:UpdatePolicy","organizations:AttachPolicy","organizations:DetachPolicy"]"#,
        ))),
    }
}

/// An organization delegation policy letting `account` perform `actions` (a JSON array).
pub(crate) fn delegation_policy(account: &str, actions: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"DelegatePolicies","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{account}:root"}},"Action":{actions},"Resource":"*"}}]}}"#
    )
}

pub(crate) fn enabled(policy_type: &str) -> RootPolicyType {
    RootPolicyType { policy_type: policy_type.into(), status: "ENABLED".into() }
}

pub(crate) fn root_target() -> PolicyTarget {
    PolicyTarget { id: "r-root".into(), name: "Root".into(), target_type: "ROOT".into() }
}

pub(crate) fn ou_target(name: &str) -> PolicyTarget {
    PolicyTarget { id: format!("ou-root-{name}"), name: name.into(), target_type: "ORGANIZATIONAL_UNIT".into() }
}

pub(crate) fn aws_managed_policy(name: &str) -> OrganizationPolicy {
    OrganizationPolicy {
        id: format!("p-{name}"),
        arn: format!("arn:aws:organizations::aws:policy/{name}"),
        name: name.into(),
        aws_managed: true,
        targets: None,
    }
}

pub(crate) fn custom_policy(name: &str, targets: &[PolicyTarget]) -> OrganizationPolicy {
    OrganizationPolicy {
        id: format!("p-{name}"),
        arn: format!("arn:aws:organizations::{MANAGEMENT_ACCOUNT}:policy/{ORG_ID}/p-{name}"),
        name: name.into(),
        aws_managed: false,
        targets: Some(Fetched::Ok(targets.to_vec())),
    }
}

/// A member account's denied read.
pub(crate) fn member_denied(operation: &str) -> CollectionError {
    denied("organizations", operation)
}

/// The snapshot of an account outside any organization.
pub(crate) fn standalone(s: &mut Snapshot) {
    s.organizations = Some(OrganizationsSnapshot::standalone());
}

/// A fixture account in the governed organization.
pub(crate) fn governed_snapshot() -> Snapshot {
    let mut s = snapshot();
    s.organizations = Some(governed());
    s
}
