use super::{Fetched, PolicyDocument, Tags};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EfsRegion {
    pub file_systems: Fetched<Vec<FileSystem>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileSystem {
    pub id: String,
    pub arn: Option<String>,
    pub name: Option<String>,
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    pub life_cycle_state: Option<String>,
    /// Set for One Zone file systems (their data lives in this one Availability Zone).
    #[serde(default)]
    pub availability_zone: Option<String>,
    /// `Ok(None)`: the file system has no policy (PolicyNotFound), so every client that reaches a
    /// mount target has full access.
    pub policy: Fetched<Option<PolicyDocument>>,
    pub mount_targets: Fetched<Vec<MountTarget>>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MountTarget {
    pub id: String,
    pub subnet_id: Option<String>,
    pub vpc_id: Option<String>,
    pub availability_zone: Option<String>,
    pub ip_address: Option<String>,
    pub life_cycle_state: Option<String>,
}
