//! ECR checks (per region): each private repository's policy, image scanning, tag immutability and
//! lifecycle policy.

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::Repository;
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_ecr.rs"));

/// A repository as a finding's resource.
pub(crate) fn repository_resource(ctx: &CheckContext<'_>, r: &Repository, region: &str) -> Arc<Resource> {
    Arc::new(Resource {
        id: if r.arn.is_empty() { r.name.as_str().into() } else { r.arn.as_str().into() },
        arn: r.arn.as_str().into(),
        name: r.name.as_str().into(),
        region: ctx.region_name(region),
        tags: Default::default(),
    })
}

/// Calls `judge` for every repository of every region where ECR was collected; a failed listing
/// is one ERROR for the region.
pub(crate) fn each_repository(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&Repository, Arc<Resource>, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.ecr.as_ref().map(|e| &e.repositories),
        |region, _, r, out| judge(r, repository_resource(ctx, r, region), out),
    );
}
