use super::Fetched;
use serde::{Deserialize, Serialize};

/// The audited account's AWS Organizations settings (account-wide). Only the management account or a
/// delegated administrator may read an organization's roots, policies and delegated administrators;
/// from a member account those reads fail (AccessDenied) and are kept as errors, never as empty lists.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OrganizationsSnapshot {
    /// DescribeOrganization; `Ok(None)`: the account belongs to no organization
    /// (AWSOrganizationsNotInUseException), a fact rather than a failure.
    pub organization: Fetched<Option<Organization>>,
    /// ListRoots: the organization's root(s) and the policy types enabled on each.
    pub roots: Fetched<Vec<OrganizationRoot>>,
    /// ListPolicies(Filter=SERVICE_CONTROL_POLICY).
    pub service_control_policies: Fetched<Vec<OrganizationPolicy>>,
    /// ListPolicies(Filter=RESOURCE_CONTROL_POLICY).
    pub resource_control_policies: Fetched<Vec<OrganizationPolicy>>,
    /// ListDelegatedAdministrators: member accounts that administer an integrated service.
    pub delegated_administrators: Fetched<Vec<DelegatedAdministrator>>,
    /// iam:ListOrganizationsFeatures: the centralized root access features enabled
    /// (`RootCredentialsManagement`, `RootSessions`).
    pub root_access_features: Fetched<Vec<String>>,
    /// DescribeResourcePolicy: the organization's delegation policy (the document's text), which lets
    /// member accounts manage the organization's policies; `Ok(None)`: none
    /// (ResourcePolicyNotFoundException). Absent in snapshots from before argus read it.
    #[serde(default = "resource_policy_not_collected")]
    pub resource_policy: Fetched<Option<String>>,
}

fn resource_policy_not_collected() -> Fetched<Option<String>> {
    Fetched::Err(super::user_data::not_collected("organizations", "DescribeResourcePolicy"))
}

impl OrganizationsSnapshot {
    /// The snapshot of an account outside any organization: nothing further exists to read.
    pub fn standalone() -> Self {
        OrganizationsSnapshot {
            organization: Fetched::Ok(None),
            roots: Fetched::Ok(Vec::new()),
            service_control_policies: Fetched::Ok(Vec::new()),
            resource_control_policies: Fetched::Ok(Vec::new()),
            delegated_administrators: Fetched::Ok(Vec::new()),
            root_access_features: Fetched::Ok(Vec::new()),
            resource_policy: Fetched::Ok(None),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Organization {
    pub id: String,
    pub arn: String,
    pub management_account_id: String,
    /// `ALL` or `CONSOLIDATED_BILLING` (policies need ALL).
    pub feature_set: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OrganizationRoot {
    pub id: String,
    pub arn: String,
    /// Policy types and their status on this root (`SERVICE_CONTROL_POLICY` → `ENABLED`).
    pub policy_types: Vec<RootPolicyType>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RootPolicyType {
    pub policy_type: String,
    pub status: String,
}

impl OrganizationRoot {
    /// Whether policies of `policy_type` are enabled on this root.
    pub fn enables(&self, policy_type: &str) -> bool {
        self.policy_types.iter().any(|t| t.policy_type == policy_type && t.status == "ENABLED")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OrganizationPolicy {
    pub id: String,
    pub arn: String,
    pub name: String,
    /// AWS managed policies (FullAWSAccess, RCPFullAWSAccess) allow everything and guard nothing.
    pub aws_managed: bool,
    /// ListTargetsForPolicy: where the policy is attached; `None` for AWS managed policies, whose
    /// targets argus does not read.
    pub targets: Option<Fetched<Vec<PolicyTarget>>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PolicyTarget {
    pub id: String,
    pub name: String,
    /// `ROOT`, `ORGANIZATIONAL_UNIT` or `ACCOUNT`.
    pub target_type: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DelegatedAdministrator {
    pub account_id: String,
    pub name: Option<String>,
    pub status: Option<String>,
}
