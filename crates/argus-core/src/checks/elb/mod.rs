//! Classic Load Balancer checks (per region).

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{ClassicAttributes, ClassicLoadBalancer, Fetched, Tags};
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_elb.rs"));

/// A Classic Load Balancer as a finding's resource (id = the ARN argus builds for it).
pub(crate) fn clb_resource<'a>(ctx: &CheckContext<'a>, lb: &'a ClassicLoadBalancer, region: &str) -> Arc<Resource> {
    Arc::new(Resource::identified_by_arn(&lb.arn, &lb.name, ctx.region_name(region), &Tags::new()))
}

/// Calls `judge` for every Classic Load Balancer of every region where load balancers were
/// collected; a failed listing gets one ERROR for the region.
pub(crate) fn each_clb<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    mut judge: impl FnMut(&'a ClassicLoadBalancer, Arc<Resource>, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.elb.as_ref().map(|e| &e.classic_load_balancers),
        |region, _, lb, out| judge(lb, clb_resource(ctx, lb, region), out),
    );
}

/// [`each_clb`] with the load balancer's attributes; unreadable attributes give an ERROR.
pub(crate) fn each_clb_attributes<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    mut judge: impl FnMut(&'a ClassicLoadBalancer, &'a ClassicAttributes, Arc<Resource>, &mut Findings),
) {
    each_clb(ctx, out, |lb, r, out| match &lb.attributes {
        Fetched::Ok(a) => judge(lb, a, r, out),
        Fetched::Err(e) => out.error(r, e),
    });
}
