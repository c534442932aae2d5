//! CloudTrail checks. Each region's snapshot lists the trails homed there (multi-region trails
//! appear once, in their home region).

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{Bucket, Fetched, S3Snapshot, Tags, Trail};
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;
pub(crate) mod selectors;
pub mod threat_detection;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_cloudtrail.rs"));

/// A trail as a finding's resource (id = its ARN, region = its home region).
pub(crate) fn trail_resource<'a>(ctx: &CheckContext<'a>, t: &'a Trail, listed_in: &str) -> Arc<Resource> {
    Arc::new({
        let region = if t.home_region.is_empty() { listed_in } else { &t.home_region };
        Resource::identified_by_arn(&t.arn, &t.name, ctx.region_name(region), &Tags::new())
    })
}

/// Calls `judge` for every trail of every region where CloudTrail was collected; a failed
/// listing gets one ERROR for the region.
pub(crate) fn each_trail(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&Trail, Arc<Resource>, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.cloudtrail.as_ref().map(|c| &c.trails),
        |region, _, t, out| judge(t, trail_resource(ctx, t, region), out),
    );
}

/// Calls `judge` for every trail with the S3 bucket it delivers to, from this account's bucket list.
/// A trail whose bucket cannot be judged here gets an ERROR saying why: S3 not collected, the bucket
/// listing failed, or the bucket belongs to another account (a central log archive, typically), where
/// it must be judged.
pub(crate) fn each_trail_bucket(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&Trail, &S3Snapshot, &Bucket, Arc<Resource>, &mut Findings),
) {
    each_trail(ctx, out, |t, r, out| {
        let Some(name) = t.s3_bucket_name.as_deref().filter(|n| !n.is_empty()) else {
            return out.error_message(
                r,
                format_args!("could not be evaluated: CloudTrail reported no S3 bucket for trail {}", t.name),
            );
        };
        let Some(s3) = &ctx.snapshot.s3 else {
            return out.error_message(
                r,
                format_args!("could not be evaluated: S3 was not collected, so bucket {name} of trail {} is unknown (add s3 to --services)", t.name),
            );
        };
        let buckets = match &s3.buckets {
            Fetched::Ok(b) => b,
            Fetched::Err(e) => return out.error(r, e),
        };
        match buckets.iter().find(|b| b.name == name) {
            Some(b) => judge(t, s3, b, r, out),
            None => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: bucket {name} of trail {} is not in this account's bucket list (another account's bucket, such as a central log archive): judge it in the account that owns it",
                    t.name
                ),
            ),
        }
    });
}
