use super::{Fetched, Tags};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RdsRegion {
    pub instances: Fetched<Vec<DbInstance>>,
    pub clusters: Fetched<Vec<DbCluster>>,
    pub snapshots: Fetched<Vec<DbSnapshot>>,
    pub cluster_snapshots: Fetched<Vec<DbSnapshot>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DbInstance {
    pub id: String,
    pub arn: String,
    pub engine: String,
    pub engine_version: Option<String>,
    pub instance_class: Option<String>,
    pub status: Option<String>,
    /// `None` when DescribeDBInstances left it out: whether the endpoint is public is then unknown.
    pub publicly_accessible: Option<bool>,
    pub storage_encrypted: bool,
    pub kms_key_id: Option<String>,
    pub backup_retention_period: i32,
    pub deletion_protection: bool,
    pub auto_minor_version_upgrade: bool,
    pub multi_az: bool,
    pub iam_database_authentication_enabled: bool,
    /// The VPC of its subnet group; `None` means EC2-Classic (no VPC).
    pub vpc_id: Option<String>,
    pub vpc_security_group_ids: Vec<String>,
    pub endpoint_port: Option<i32>,
    pub cluster_id: Option<String>,
    pub created: Option<DateTime<Utc>>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DbCluster {
    pub id: String,
    pub arn: String,
    pub engine: String,
    pub status: Option<String>,
    pub storage_encrypted: bool,
    pub kms_key_id: Option<String>,
    pub deletion_protection: bool,
    pub iam_database_authentication_enabled: bool,
    pub multi_az: bool,
    pub backup_retention_period: Option<i32>,
    pub publicly_accessible: Option<bool>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DbSnapshot {
    pub id: String,
    pub arn: String,
    /// The instance or cluster it was taken from.
    pub source_id: Option<String>,
    pub encrypted: bool,
    /// `manual`, `automated`, `shared`, …
    pub snapshot_type: Option<String>,
    /// Values of the `restore` attribute: account ids allowed to restore, `all` = public.
    pub restore_accounts: Fetched<Vec<String>>,
}
