//! AWS Backup checks (per region).

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{BackupVault, Tags};
use std::sync::Arc;

pub(crate) mod coverage;
#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_backup.rs"));

/// A vault as a finding's resource (id = its ARN).
pub(crate) fn vault_resource<'a>(ctx: &CheckContext<'a>, v: &'a BackupVault, region: &str) -> Arc<Resource> {
    Arc::new(Resource::identified_by_arn(&v.arn, &v.name, ctx.region_name(region), &Tags::new()))
}

/// Calls `judge` for every vault of every region where AWS Backup was collected, with its region;
/// a failed listing gets one ERROR for the region.
pub(crate) fn each_vault<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    mut judge: impl FnMut(&'a str, &'a BackupVault, Arc<Resource>, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.backup.as_ref().map(|b| &b.vaults),
        |region, _, v, out| judge(region, v, vault_resource(ctx, v, region), out),
    );
}
