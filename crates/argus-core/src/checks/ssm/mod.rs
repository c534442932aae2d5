//! Systems Manager checks (per region): Parameter Store metadata, managed instances, patch compliance.

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, Parameter, SsmRegion};
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_ssm.rs"));

/// Runs `f` for every region whose SSM data was collected.
pub(crate) fn each_region<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    f: impl FnMut(&'a str, &'a SsmRegion, &mut Findings),
) {
    ctx.each_collected(out, |d| d.ssm.as_ref(), f);
}

/// Calls `judge` for every parameter of every region; a failed listing gets one ERROR for the region.
pub(crate) fn each_parameter(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&str, &Parameter, Arc<Resource>, &mut Findings),
) {
    each_region(ctx, out, |region, ssm, out| match &ssm.parameters {
        Fetched::Ok(list) => {
            for p in list {
                judge(region, p, parameter_resource(ctx, region, p), out);
            }
        }
        Fetched::Err(e) => out.error(ctx.region_resource(region), e),
    });
}

fn parameter_resource(ctx: &CheckContext<'_>, region: &str, p: &Parameter) -> Arc<Resource> {
    let arn = p.arn.clone().unwrap_or_else(|| {
        let path = p.name.trim_start_matches('/');
        format!("arn:{}:ssm:{region}:{}:parameter/{path}", ctx.partition(), ctx.account_id())
    });
    Arc::new(Resource::identified_by_name(&p.name, &arn, ctx.region_name(region), &Default::default()))
}

/// A managed node as a finding's resource: an EC2 instance (`i-…`) or a hybrid node (`mi-…`).
pub(crate) fn managed_node_resource(ctx: &CheckContext<'_>, region: &str, id: &str) -> Arc<Resource> {
    let arn = if id.starts_with("mi-") {
        format!("arn:{}:ssm:{region}:{}:managed-instance/{id}", ctx.partition(), ctx.account_id())
    } else {
        format!("arn:{}:ec2:{region}:{}:instance/{id}", ctx.partition(), ctx.account_id())
    };
    Arc::new(Resource::identified_by_name(id, &arn, ctx.region_name(region), &Default::default()))
}
