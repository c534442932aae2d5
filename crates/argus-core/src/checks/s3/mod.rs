//! S3 checks.

use crate::engine::{CheckContext, Resource};
use crate::snapshot::Bucket;
use std::sync::Arc;

pub(crate) mod common;
#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_s3.rs"));

/// A bucket as a finding's resource.
pub(crate) fn bucket_resource<'a>(ctx: &CheckContext<'a>, b: &'a Bucket) -> Arc<Resource> {
    let tags = b.tags.ok().cloned().unwrap_or_default();
    // The snapshot's own shared strings: no copy per finding.
    let (name, arn) = (b.name.clone(), b.arn.clone());
    Arc::new(Resource { id: name.clone(), arn, name, region: ctx.region_name(&b.region), tags })
}
