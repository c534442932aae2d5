//! Secrets Manager checks (per region). Argus reads secret metadata only, never secret values.

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::Secret;
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_secretsmanager.rs"));

/// A secret as a finding's resource (id = its ARN).
pub(crate) fn secret_resource<'a>(ctx: &CheckContext<'a>, s: &'a Secret, region: &str) -> Arc<Resource> {
    Arc::new(Resource::identified_by_arn(&s.arn, &s.name, ctx.region_name(region), &s.tags))
}

/// Calls `judge` for every secret of every region where Secrets Manager was collected; a failed
/// listing gets one ERROR for the region.
pub(crate) fn each_secret(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&Secret, Arc<Resource>, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.secretsmanager.as_ref().map(|s| &s.secrets),
        |region, _, secret, out| judge(secret, secret_resource(ctx, secret, region), out),
    );
}
