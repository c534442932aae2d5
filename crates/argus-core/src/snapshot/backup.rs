//! AWS Backup, per region: backup plans and vaults with their access policies.

use super::{Fetched, PolicyDocument};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupRegion {
    pub plans: Fetched<Vec<BackupPlan>>,
    pub vaults: Fetched<Vec<BackupVault>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BackupPlan {
    pub id: String,
    pub arn: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BackupVault {
    pub name: String,
    pub arn: String,
    /// The KMS key its recovery points are encrypted with. AWS reports one for every vault (the
    /// AWS managed `aws/backup` key by default); `None` means the service did not say.
    pub encryption_key_arn: Option<String>,
    pub recovery_points: Option<i64>,
    /// `Ok(None)`: no access policy.
    pub policy: Fetched<Option<PolicyDocument>>,
}
