//! S3 checks.

use crate::engine::Check;
use std::sync::Arc;

pub(crate) mod common;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod s3_account_level_public_access_blocks;
pub mod s3_bucket_acl_prohibited;
pub mod s3_bucket_cross_account_access;
pub mod s3_bucket_default_encryption;
pub mod s3_bucket_kms_encryption;
pub mod s3_bucket_level_public_access_block;
pub mod s3_bucket_no_mfa_delete;
pub mod s3_bucket_object_versioning;
pub mod s3_bucket_policy_public_write_access;
pub mod s3_bucket_public_access;
pub mod s3_bucket_public_list_acl;
pub mod s3_bucket_public_write_acl;
pub mod s3_bucket_secure_transport_policy;
pub mod s3_bucket_server_access_logging_enabled;

pub const CHECKS: &[Check] = &[
    s3_account_level_public_access_blocks::CHECK,
    s3_bucket_level_public_access_block::CHECK,
    s3_bucket_public_access::CHECK,
    s3_bucket_policy_public_write_access::CHECK,
    s3_bucket_public_list_acl::CHECK,
    s3_bucket_public_write_acl::CHECK,
    s3_bucket_acl_prohibited::CHECK,
    s3_bucket_default_encryption::CHECK,
    s3_bucket_kms_encryption::CHECK,
    s3_bucket_secure_transport_policy::CHECK,
    s3_bucket_object_versioning::CHECK,
    s3_bucket_no_mfa_delete::CHECK,
    s3_bucket_server_access_logging_enabled::CHECK,
    s3_bucket_cross_account_access::CHECK,
];

use crate::engine::{CheckContext, Resource};
use crate::snapshot::Bucket;

/// A bucket as a finding's resource.
pub(crate) fn bucket_resource<'a>(ctx: &CheckContext<'a>, b: &'a Bucket) -> Arc<Resource> {
    Arc::new({
        let tags = b.tags.ok().cloned().unwrap_or_default();
        Resource::identified_by_name(&b.name, &b.arn, ctx.region_name(&b.region), &tags)
    })
}
