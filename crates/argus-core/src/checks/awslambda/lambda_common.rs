//! Helpers shared by the Lambda checks.

use crate::engine::{ArcStr, CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, Function};
use std::sync::Arc;

/// A function as a finding's resource (id = function name).
pub(crate) fn function_resource<'a>(ctx: &CheckContext<'a>, f: &'a Function, region: &str) -> Arc<Resource> {
    ctx.resource(f, || {
        let name = ArcStr::from(f.name.as_str());
        Resource {
            id: name.clone(),
            arn: f.arn.as_str().into(),
            name,
            region: ctx.region_name(region),
            tags: Default::default(),
        }
    })
}

/// Calls `judge` for every function of every region where Lambda was collected; a failed listing
/// gets one ERROR for the region.
pub(crate) fn each_function(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&Function, Arc<Resource>, &mut Findings),
) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(lambda) = &data.lambda else { continue };
        match &lambda.functions {
            Fetched::Ok(functions) => {
                for f in functions {
                    judge(f, function_resource(ctx, f, region), out);
                }
            }
            Fetched::Err(e) => out.error(ctx.region_resource(region), e),
        }
    }
}
