//! SNS checks (per region): topics by their attributes, subscriptions by their protocol.

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, SnsRegion, Tags, Topic};
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_sns.rs"));

pub(crate) fn topic_resource(ctx: &CheckContext<'_>, t: &Topic, region: &str) -> Arc<Resource> {
    Arc::new(Resource::identified_by_arn(&t.arn, &t.name, ctx.region_name(region), &Tags::new()))
}

/// Calls `judge` for every topic of every region where SNS was collected; a failed listing gets one
/// ERROR for the region.
pub(crate) fn each_topic(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&Topic, Arc<Resource>, &mut Findings),
) {
    each_region(ctx, out, |region, sns, out| match &sns.topics {
        Fetched::Ok(topics) => {
            for t in topics {
                judge(t, topic_resource(ctx, t, region), out);
            }
        }
        Fetched::Err(e) => out.error(ctx.region_resource(region), e),
    });
}

pub(crate) fn each_region(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&str, &SnsRegion, &mut Findings),
) {
    ctx.each_collected(out, |d| d.sns.as_ref(), |region, sns, out| judge(region, sns, out));
}
