//! Helpers shared by the Lambda checks.

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{Function, Tags};
use std::sync::Arc;

/// A function as a finding's resource (id = function name).
pub(crate) fn function_resource<'a>(ctx: &CheckContext<'a>, f: &'a Function, region: &str) -> Arc<Resource> {
    Arc::new(Resource::identified_by_name(&f.name, &f.arn, ctx.region_name(region), &Tags::new()))
}

/// Calls `judge` for every function of every region where Lambda was collected; a failed listing
/// gets one ERROR for the region.
pub(crate) fn each_function(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&Function, Arc<Resource>, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.lambda.as_ref().map(|l| &l.functions),
        |region, _, f, out| judge(f, function_resource(ctx, f, region), out),
    );
}
