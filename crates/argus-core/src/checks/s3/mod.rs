//! S3 checks.

use crate::engine::Check;

pub mod s3_bucket_default_encryption;

pub const CHECKS: &[Check] = &[s3_bucket_default_encryption::CHECK];

use crate::engine::Resource;
use crate::snapshot::Bucket;

/// A bucket as a finding's resource.
pub(crate) fn bucket_resource(b: &Bucket) -> Resource {
    Resource {
        id: b.name.clone(),
        arn: b.arn.clone(),
        name: b.name.clone(),
        region: b.region.clone(),
        tags: b.tags.ok().cloned().unwrap_or_default(),
    }
}
