use super::{Fetched, PolicyDocument, Tags};
use crate::engine::ArcStr;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct S3Snapshot {
    /// Account-level Block Public Access (S3 Control). `Ok(None)`: never configured.
    pub account_public_access_block: Fetched<Option<PublicAccessBlock>>,
    /// `Err` when ListBuckets itself failed.
    pub buckets: Fetched<Vec<Bucket>>,
    /// Access points by audited region (S3 Control ListAccessPoints in each); not collected in snapshots
    /// of older argus versions.
    #[serde(default = "access_points_not_collected")]
    pub access_points: Fetched<BTreeMap<String, Fetched<Vec<AccessPoint>>>>,
    /// Multi-Region Access Points; not collected in snapshots of older argus versions.
    #[serde(default = "multi_region_access_points_not_collected")]
    pub multi_region_access_points: Fetched<Vec<MultiRegionAccessPoint>>,
}

fn access_points_not_collected() -> Fetched<BTreeMap<String, Fetched<Vec<AccessPoint>>>> {
    Fetched::Err(super::user_data::not_collected("s3", "ListAccessPoints"))
}

fn multi_region_access_points_not_collected() -> Fetched<Vec<MultiRegionAccessPoint>> {
    Fetched::Err(super::user_data::not_collected("s3", "ListMultiRegionAccessPoints"))
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AccessPoint {
    pub name: String,
    pub arn: String,
    pub bucket: String,
    /// `Internet` or `VPC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_origin: Option<String>,
    /// GetAccessPoint's PublicAccessBlockConfiguration (ListAccessPoints does not return it); `Ok(None)`
    /// when the answer holds none.
    pub public_access_block: Fetched<Option<PublicAccessBlock>>,
}

/// A Multi-Region Access Point (ListMultiRegionAccessPoints, answered only by us-west-2).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MultiRegionAccessPoint {
    pub name: String,
    /// `arn:PARTITION:s3::ACCOUNT:accesspoint/ALIAS` (with the name when the listing gives no alias).
    pub arn: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// The buckets behind it.
    #[serde(default)]
    pub buckets: Vec<String>,
    /// `None` when the listing gave no PublicAccessBlock for it.
    pub public_access_block: Option<PublicAccessBlock>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct PublicAccessBlock {
    pub block_public_acls: bool,
    pub ignore_public_acls: bool,
    pub block_public_policy: bool,
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    pub fn all_enabled(&self) -> bool {
        self.block_public_acls && self.ignore_public_acls && self.block_public_policy && self.restrict_public_buckets
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Bucket {
    /// Shared text: every finding about the bucket points at it instead of holding a copy.
    pub name: ArcStr,
    pub arn: ArcStr,
    pub region: String,
    pub creation_date: Option<DateTime<Utc>>,
    /// `Ok(None)`: the bucket has no policy.
    pub policy: Fetched<Option<PolicyDocument>>,
    /// S3's own verdict (GetBucketPolicyStatus); `Ok(None)` when there is no policy.
    pub policy_status_is_public: Fetched<Option<bool>>,
    /// `Ok(None)`: no bucket-level Block Public Access configuration.
    pub public_access_block: Fetched<Option<PublicAccessBlock>>,
    pub acl: Fetched<BucketAcl>,
    /// Object ownership setting (`BucketOwnerEnforced`, …); `Ok(None)`: not configured.
    pub object_ownership: Fetched<Option<String>>,
    /// `Ok(None)`: no default encryption configuration.
    pub encryption: Fetched<Option<BucketEncryption>>,
    pub versioning: Fetched<Versioning>,
    /// `Ok(None)`: server access logging off.
    pub logging: Fetched<Option<LoggingTarget>>,
    pub tags: Fetched<Tags>,
    /// GetObjectLockConfiguration; `Ok(None)`: the bucket has no Object Lock configuration
    /// (ObjectLockConfigurationNotFoundError). Not collected in snapshots of older argus versions.
    #[serde(default = "object_lock_not_collected")]
    pub object_lock: Fetched<Option<ObjectLock>>,
    /// GetBucketLifecycleConfiguration's rules; empty: no lifecycle configuration
    /// (NoSuchLifecycleConfiguration).
    #[serde(default = "lifecycle_not_collected")]
    pub lifecycle_rules: Fetched<Vec<LifecycleRule>>,
    /// GetBucketReplication's rules; empty: no replication configuration
    /// (ReplicationConfigurationNotFoundError).
    #[serde(default = "replication_not_collected")]
    pub replication_rules: Fetched<Vec<ReplicationRule>>,
    /// GetBucketNotificationConfiguration: where the bucket sends event notifications.
    #[serde(default = "notifications_not_collected")]
    pub notifications: Fetched<EventNotifications>,
}

fn object_lock_not_collected() -> Fetched<Option<ObjectLock>> {
    Fetched::Err(super::user_data::not_collected("s3", "GetObjectLockConfiguration"))
}

fn lifecycle_not_collected() -> Fetched<Vec<LifecycleRule>> {
    Fetched::Err(super::user_data::not_collected("s3", "GetBucketLifecycleConfiguration"))
}

fn replication_not_collected() -> Fetched<Vec<ReplicationRule>> {
    Fetched::Err(super::user_data::not_collected("s3", "GetBucketReplication"))
}

fn notifications_not_collected() -> Fetched<EventNotifications> {
    Fetched::Err(super::user_data::not_collected("s3", "GetBucketNotificationConfiguration"))
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct ObjectLock {
    /// `ObjectLockEnabled` is `Enabled`.
    pub enabled: bool,
    /// The default retention, e.g. `GOVERNANCE 30 days`; `None` when objects get none by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_retention: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LifecycleRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `Enabled` or `Disabled`.
    pub status: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ReplicationRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `Enabled` or `Disabled`.
    pub status: String,
    /// The destination bucket's ARN (`arn:aws:s3:::NAME`).
    pub destination_bucket: String,
    /// The account owning the destination, when the rule names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_account: Option<String>,
}

impl ReplicationRule {
    /// The destination bucket's name (the ARN's last part).
    pub fn destination_name(&self) -> &str {
        self.destination_bucket.rsplit(':').next().unwrap_or(&self.destination_bucket)
    }
}

/// How many destinations of each kind a bucket's event notifications go to.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct EventNotifications {
    pub sns_topics: usize,
    pub sqs_queues: usize,
    pub lambda_functions: usize,
    /// Every event is sent to EventBridge.
    pub eventbridge: bool,
}

impl EventNotifications {
    pub fn any(&self) -> bool {
        self.sns_topics + self.sqs_queues + self.lambda_functions > 0 || self.eventbridge
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct BucketAcl {
    pub owner_id: Option<String>,
    pub grants: Vec<AclGrant>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AclGrant {
    /// `CanonicalUser`, `Group` or `AmazonCustomerByEmail`.
    pub grantee_type: String,
    pub grantee_id: Option<String>,
    pub grantee_uri: Option<String>,
    /// `READ`, `WRITE`, `READ_ACP`, `WRITE_ACP`, `FULL_CONTROL`.
    pub permission: String,
}

pub const ALL_USERS_URI: &str = "http://acs.amazonaws.com/groups/global/AllUsers";
pub const AUTHENTICATED_USERS_URI: &str = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

impl AclGrant {
    /// Grants to everyone, or to every AWS account holder (which is everyone in practice).
    pub fn is_public(&self) -> bool {
        matches!(self.grantee_uri.as_deref(), Some(ALL_USERS_URI) | Some(AUTHENTICATED_USERS_URI))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BucketEncryption {
    /// `AES256`, `aws:kms` or `aws:kms:dsse`.
    pub algorithm: String,
    pub kms_key_id: Option<String>,
    pub bucket_key_enabled: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Versioning {
    /// `Enabled`, `Suspended`, or `None` when never enabled.
    pub status: Option<String>,
    pub mfa_delete: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LoggingTarget {
    pub target_bucket: String,
    pub target_prefix: String,
}
