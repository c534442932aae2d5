use super::{Fetched, PolicyDocument};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KmsRegion {
    pub keys: Fetched<Vec<KmsKey>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct KmsKey {
    pub id: String,
    pub arn: String,
    pub aliases: Vec<String>,
    /// Per-key DescribeKey; when it failed the key is still listed so checks can report ERROR.
    pub metadata: Fetched<KmsKeyMetadata>,
    /// `None`: not applicable (AWS managed or asymmetric/HMAC keys, where rotation cannot be set).
    pub rotation_enabled: Option<Fetched<bool>>,
    /// `None`: not read (AWS managed keys, whose policies AWS controls).
    pub policy: Option<Fetched<PolicyDocument>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct KmsKeyMetadata {
    /// `AWS` or `CUSTOMER`.
    pub manager: String,
    /// `Enabled`, `Disabled`, `PendingDeletion`, …
    pub state: String,
    pub spec: String,
    pub usage: String,
    pub origin: Option<String>,
    pub created: Option<DateTime<Utc>>,
    pub deletion_date: Option<DateTime<Utc>>,
    pub description: Option<String>,
    /// Whether it is a multi-Region key (MultiRegion). `None` in snapshots from before argus kept it.
    #[serde(default)]
    pub multi_region: Option<bool>,
}

impl KmsKeyMetadata {
    pub fn is_customer_managed(&self) -> bool {
        self.manager == "CUSTOMER"
    }

    /// The key's usage. DescribeKey may leave `KeyUsage` out (moto does for a key created without
    /// one); a `SYMMETRIC_DEFAULT` key can only be `ENCRYPT_DECRYPT`, so that is its usage then.
    pub fn key_usage(&self) -> &str {
        if self.usage.is_empty() && self.spec == "SYMMETRIC_DEFAULT" {
            "ENCRYPT_DECRYPT"
        } else {
            &self.usage
        }
    }

    pub fn is_symmetric_encryption(&self) -> bool {
        self.spec == "SYMMETRIC_DEFAULT" && self.key_usage() == "ENCRYPT_DECRYPT"
    }
}
