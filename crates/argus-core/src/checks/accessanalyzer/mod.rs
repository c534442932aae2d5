//! IAM Access Analyzer checks: per region, an active external-access analyzer and its findings.

use crate::engine::{CheckContext, Resource};
use crate::snapshot::{AccessAnalyzer, Tags};
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_accessanalyzer.rs"));

/// An analyzer as a finding's resource (id = its ARN).
pub(crate) fn analyzer_resource(ctx: &CheckContext<'_>, a: &AccessAnalyzer, region: &str) -> Arc<Resource> {
    Arc::new(Resource::identified_by_arn(&a.arn, &a.name, ctx.region_name(region), &Tags::new()))
}
