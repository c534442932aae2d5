use super::{Fetched, PolicyDocument, Tags};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecretsManagerRegion {
    pub secrets: Fetched<Vec<Secret>>,
}

/// Secret metadata only: argus never calls GetSecretValue.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Secret {
    pub name: String,
    pub arn: String,
    pub kms_key_id: Option<String>,
    pub rotation_enabled: bool,
    pub rotation_interval_days: Option<i64>,
    pub created: Option<DateTime<Utc>>,
    pub last_rotated: Option<DateTime<Utc>>,
    /// When Secrets Manager will next rotate it (NextRotationDate): set while rotation is on. `None`
    /// also in snapshots from before argus kept it.
    #[serde(default)]
    pub next_rotation: Option<DateTime<Utc>>,
    pub last_changed: Option<DateTime<Utc>>,
    pub last_accessed: Option<DateTime<Utc>>,
    pub deleted: Option<DateTime<Utc>>,
    pub tags: Tags,
    /// `Ok(None)`: no resource policy.
    pub policy: Fetched<Option<PolicyDocument>>,
}
