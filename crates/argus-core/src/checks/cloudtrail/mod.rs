//! CloudTrail checks. Each region's snapshot lists the trails homed there (multi-region trails
//! appear once, in their home region).

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, Tags, Trail};
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

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
    for (region, data) in &ctx.snapshot.regions {
        let Some(ct) = &data.cloudtrail else { continue };
        match &ct.trails {
            Fetched::Ok(trails) => {
                for t in trails {
                    judge(t, trail_resource(ctx, t, region), out);
                }
            }
            Fetched::Err(e) => out.error(ctx.region_resource(region), e),
        }
    }
}
