//! EC2 user data (an instance's, a launch template version's), reduced to facts by
//! `argus_core::user_data` while the collector holds it: the text never enters the snapshot.

use super::{CollectionError, CollectionErrorDetails, EnvVarFacts, ErrorKind, Fetched};
use serde::{Deserialize, Serialize};

/// What the scan of one user-data text found.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct UserDataFacts {
    /// Bytes of text scanned, after base64 and gzip decoding.
    pub size: usize,
    /// The user data was gzip-compressed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gzipped: bool,
    /// Why some or all of it was not scanned (not base64, expands beyond the scan limit, corrupt
    /// gzip): such user data is never judged free of secrets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unscanned: Option<String>,
    /// The lines that look like they hold a secret, each reduced like an environment variable.
    pub secrets: Vec<TextSecret>,
    /// Secrets found beyond those kept in `secrets` (the list is bounded).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more_secrets: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A secret-looking item of a text: its 1-based line and the facts about its value (`name` is the
/// variable or flag it is assigned to, or the credential format's id when it stands alone).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TextSecret {
    pub line: usize,
    #[serde(flatten)]
    pub facts: EnvVarFacts,
}

/// The user data of one instance (DescribeInstanceAttribute userData).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct InstanceUserData {
    pub instance_id: String,
    /// `Ok(None)`: the instance has no user data.
    pub user_data: Fetched<Option<UserDataFacts>>,
}

/// One version of a launch template: its `$Latest` and its `$Default` version
/// (DescribeLaunchTemplateVersions; one entry when they are the same version).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LaunchTemplateVersion {
    /// The template's id (`lt-…`).
    pub id: String,
    pub name: String,
    pub version_number: i64,
    pub is_default: bool,
    /// `None`: this version has no user data.
    pub user_data: Option<UserDataFacts>,
    /// MetadataOptions.HttpTokens (`None`: not set, the account's or the AMI's default applies).
    pub metadata_http_tokens: Option<String>,
    /// MetadataOptions.HttpEndpoint (`enabled` / `disabled`; `None`: not set).
    pub metadata_http_endpoint: Option<String>,
    /// A network interface of the version sets AssociatePublicIpAddress.
    pub associates_public_ip: bool,
    /// Existing network interfaces the version attaches (their public IPs are in `network_interfaces`).
    pub network_interface_ids: Vec<String>,
}

/// A datum an older argus did not collect: a snapshot written before it existed reads as this error,
/// so its checks report ERROR instead of judging nothing.
pub(crate) fn not_collected(service: &str, operation: &str) -> CollectionError {
    CollectionError::from(CollectionErrorDetails {
        service: service.into(),
        region: None,
        operation: operation.into(),
        iam_action: format!("{service}:{operation}"),
        resource: None,
        kind: ErrorKind::Other,
        code: "NotCollected".into(),
        message: "the snapshot was written by an argus version that did not collect this".into(),
    })
}

pub(crate) fn instance_user_data_not_collected() -> Fetched<Vec<InstanceUserData>> {
    Fetched::Err(not_collected("ec2", "DescribeInstanceAttribute"))
}

pub(crate) fn launch_templates_not_collected() -> Fetched<Vec<LaunchTemplateVersion>> {
    Fetched::Err(not_collected("ec2", "DescribeLaunchTemplateVersions"))
}
