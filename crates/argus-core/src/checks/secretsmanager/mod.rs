//! Secrets Manager checks (per region). Argus reads secret metadata only, never secret values.

use crate::engine::{Check, CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, Secret};
use std::sync::Arc;

pub mod secretsmanager_automatic_rotation_enabled;
pub mod secretsmanager_not_publicly_accessible;
pub mod secretsmanager_secret_rotated_periodically;
pub mod secretsmanager_secret_unused;

#[cfg(test)]
pub(crate) mod fixtures;

pub const CHECKS: &[Check] = &[
    secretsmanager_automatic_rotation_enabled::CHECK,
    secretsmanager_secret_rotated_periodically::CHECK,
    secretsmanager_not_publicly_accessible::CHECK,
    secretsmanager_secret_unused::CHECK,
];

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
    for (region, data) in &ctx.snapshot.regions {
        let Some(sm) = &data.secretsmanager else {
            continue;
        };
        match &sm.secrets {
            Fetched::Ok(secrets) => {
                for secret in secrets {
                    judge(secret, secret_resource(ctx, secret, region), out);
                }
            }
            Fetched::Err(e) => out.error(ctx.region_resource(region), e),
        }
    }
}
