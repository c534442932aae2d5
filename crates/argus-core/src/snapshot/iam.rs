use super::{Fetched, PolicyDocument, Tags};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IamSnapshot {
    pub credential_report: Fetched<CredentialReport>,
    /// `Ok(None)` means the account has no password policy (AWS defaults apply): that is data.
    pub password_policy: Fetched<Option<PasswordPolicy>>,
    pub account_summary: Fetched<BTreeMap<String, i64>>,
    pub virtual_mfa_devices: Fetched<Vec<VirtualMfaDevice>>,
    pub server_certificates: Fetched<Vec<ServerCertificate>>,
    pub authorization_details: Fetched<AuthorizationDetails>,
    /// The account alias (at most one), the account's name in reports. No check reads it; a snapshot
    /// written before it was collected reads as having none, and reports name the account by its id.
    #[serde(default = "no_aliases")]
    pub account_aliases: Fetched<Vec<String>>,
    /// ListSAMLProviders; absent in snapshots from before argus collected them.
    #[serde(default = "saml_providers_not_collected")]
    pub saml_providers: Fetched<Vec<SamlProvider>>,
    /// IAM's service last-accessed report (Access Advisor) of every user and role: the services its
    /// policies grant and when it last used each (GenerateServiceLastAccessedDetails, then
    /// GetServiceLastAccessedDetails until the job completes). `Err` for the whole list when the
    /// principals could not be listed or the reports were not collected: a snapshot written before
    /// they were, or a scan whose selected checks do not read them.
    #[serde(default = "service_last_accessed_not_collected")]
    pub service_last_accessed: Fetched<Vec<PrincipalServiceAccess>>,
}

fn service_last_accessed_not_collected() -> Fetched<Vec<PrincipalServiceAccess>> {
    Fetched::Err(super::user_data::not_collected("iam", "GenerateServiceLastAccessedDetails"))
}

fn no_aliases() -> Fetched<Vec<String>> {
    Fetched::Ok(Vec::new())
}

fn saml_providers_not_collected() -> Fetched<Vec<SamlProvider>> {
    Fetched::Err(super::user_data::not_collected("iam", "ListSAMLProviders"))
}

/// An IAM SAML identity provider (ListSAMLProviders).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SamlProvider {
    /// The last segment of its ARN (`arn:aws:iam::123456789012:saml-provider/NAME`).
    pub name: String,
    pub arn: String,
    pub valid_until: Option<DateTime<Utc>>,
    pub create_date: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CredentialReport {
    pub generated_at: Option<DateTime<Utc>>,
    pub rows: Vec<CredentialReportRow>,
}

/// One row of the IAM credential report. Dates are `None` for `N/A`, `no_information` and
/// `not_supported`; booleans are `None` where the report says `not_supported` (the root row).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct CredentialReportRow {
    pub user: String,
    pub arn: String,
    pub user_creation_time: Option<DateTime<Utc>>,
    pub password_enabled: Option<bool>,
    pub password_last_used: Option<DateTime<Utc>>,
    pub password_last_changed: Option<DateTime<Utc>>,
    pub password_next_rotation: Option<DateTime<Utc>>,
    pub mfa_active: bool,
    pub access_keys: [AccessKeyInfo; 2],
    pub cert_1_active: bool,
    pub cert_2_active: bool,
}

impl CredentialReportRow {
    /// The report names the root user `<root_account>`.
    pub fn is_root(&self) -> bool {
        self.user == "<root_account>"
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct AccessKeyInfo {
    pub active: bool,
    pub last_rotated: Option<DateTime<Utc>>,
    pub last_used_date: Option<DateTime<Utc>>,
    pub last_used_region: Option<String>,
    pub last_used_service: Option<String>,
}

/// The service last-accessed report of one user or role.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PrincipalServiceAccess {
    pub arn: String,
    /// Every service the principal's policies grant (as IAM evaluates them, groups and boundaries
    /// included), each with when the principal last used it.
    pub services: Fetched<Vec<ServiceLastAccessed>>,
}

/// One service of a last-accessed report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ServiceLastAccessed {
    /// The IAM service prefix, e.g. `s3`, `bedrock`.
    pub namespace: String,
    /// The service's display name, e.g. `Amazon S3`.
    pub name: String,
    /// `None`: not used within IAM's tracking period (400 days).
    pub last_authenticated: Option<DateTime<Utc>>,
    pub last_authenticated_region: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct PasswordPolicy {
    pub minimum_password_length: Option<i32>,
    pub require_symbols: bool,
    pub require_numbers: bool,
    pub require_uppercase_characters: bool,
    pub require_lowercase_characters: bool,
    pub allow_users_to_change_password: bool,
    pub expire_passwords: bool,
    pub max_password_age: Option<i32>,
    pub password_reuse_prevention: Option<i32>,
    pub hard_expiry: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VirtualMfaDevice {
    pub serial_number: String,
    /// The ARN of the user it is assigned to (for root: `arn:aws:iam::ACCOUNT:root`).
    pub user_arn: Option<String>,
    pub enable_date: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ServerCertificate {
    pub name: String,
    pub arn: String,
    pub id: String,
    pub upload_date: Option<DateTime<Utc>>,
    pub expiration: Option<DateTime<Utc>>,
}

/// GetAccountAuthorizationDetails, fully paginated.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct AuthorizationDetails {
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub roles: Vec<Role>,
    pub policies: Vec<ManagedPolicy>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AttachedPolicy {
    pub name: String,
    pub arn: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct InlinePolicy {
    pub name: String,
    pub document: PolicyDocument,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct User {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub path: String,
    pub create_date: Option<DateTime<Utc>>,
    pub groups: Vec<String>,
    pub attached_policies: Vec<AttachedPolicy>,
    pub inline_policies: Vec<InlinePolicy>,
    pub permissions_boundary: Option<String>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Group {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub path: String,
    pub attached_policies: Vec<AttachedPolicy>,
    pub inline_policies: Vec<InlinePolicy>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Role {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub path: String,
    pub create_date: Option<DateTime<Utc>>,
    pub trust_policy: Option<PolicyDocument>,
    pub attached_policies: Vec<AttachedPolicy>,
    pub inline_policies: Vec<InlinePolicy>,
    pub permissions_boundary: Option<String>,
    pub last_used: Option<DateTime<Utc>>,
    pub last_used_region: Option<String>,
    pub instance_profiles: Vec<String>,
    pub tags: Tags,
}

impl Role {
    /// Roles AWS creates and owns (`/aws-service-role/`, `/aws-reserved/`): the customer cannot change them.
    pub fn is_service_linked(&self) -> bool {
        self.path.starts_with("/aws-service-role/") || self.path.starts_with("/aws-reserved/")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ManagedPolicy {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub path: String,
    pub attachment_count: i32,
    pub permissions_boundary_usage_count: i32,
    pub is_attachable: bool,
    pub default_version_id: Option<String>,
    /// The default version's document; other versions do not grant anything. `None` for AWS managed
    /// policies that are attached nowhere (the collector drops their text to keep snapshots small).
    pub document: Option<PolicyDocument>,
    /// The versions other than the default, for customer managed policies (AWS managed ones are
    /// not the account's to switch: always empty). A principal allowed iam:SetDefaultPolicyVersion
    /// can make any of them the policy's permissions. IAM keeps at most five versions, so this holds
    /// at most four. `Err` in snapshots written before argus kept them.
    #[serde(default = "other_versions_not_collected")]
    pub other_versions: Fetched<Vec<PolicyVersion>>,
}

/// A version of a managed policy that is not its default.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PolicyVersion {
    /// `v1`, `v2`, ...
    pub version_id: String,
    /// `None` when the answer held no document for it.
    pub document: Option<PolicyDocument>,
}

fn other_versions_not_collected() -> Fetched<Vec<PolicyVersion>> {
    Fetched::Err(super::user_data::not_collected("iam", "GetAccountAuthorizationDetails"))
}

impl ManagedPolicy {
    /// AWS managed policies live under the `aws` account in their ARN (`arn:aws:iam::aws:policy/...`).
    pub fn is_aws_managed(&self) -> bool {
        self.arn.split(':').nth(4) == Some("aws")
    }
}

impl AuthorizationDetails {
    pub fn policy_by_arn(&self, arn: &str) -> Option<&ManagedPolicy> {
        self.policies.iter().find(|p| p.arn == arn)
    }

    pub fn group_by_name(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_from_before_last_accessed_reports_load_with_them_not_collected() {
        let older: IamSnapshot = serde_json::from_str(
            r#"{"credential_report":{"ok":{"generated_at":null,"rows":[]}},"password_policy":{"ok":null},
                "account_summary":{"ok":{}},"virtual_mfa_devices":{"ok":[]},"server_certificates":{"ok":[]},
                "authorization_details":{"ok":{"users":[],"groups":[],"roles":[],"policies":[]}}}"#,
        )
        .unwrap();
        let e = older.service_last_accessed.err().expect("the reports were not collected");
        assert_eq!((e.operation.as_str(), e.code.as_str()), ("GenerateServiceLastAccessedDetails", "NotCollected"));
    }

    #[test]
    fn snapshots_from_before_policy_versions_were_kept_load_with_them_not_collected() {
        let older: ManagedPolicy = serde_json::from_str(
            r#"{"name":"p","id":"ANPA","arn":"arn:aws:iam::123456789012:policy/p","path":"/","attachment_count":1,
                "permissions_boundary_usage_count":0,"is_attachable":true,"default_version_id":"v1","document":null}"#,
        )
        .unwrap();
        let e = older.other_versions.err().expect("the versions were not collected");
        assert_eq!((e.iam_action.as_str(), e.code.as_str()), ("iam:GetAccountAuthorizationDetails", "NotCollected"));
    }
}
