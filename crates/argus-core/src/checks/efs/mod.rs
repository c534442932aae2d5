//! EFS checks (per region): encryption at rest, file-system policy exposure, mount targets in public
//! subnets.

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{FileSystem, RegionSnapshot};
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_efs.rs"));

/// A file system as a finding's resource (id = `fs-…`, name = its `Name` tag or the id).
pub(crate) fn file_system_resource(ctx: &CheckContext<'_>, region: &str, fs: &FileSystem) -> Arc<Resource> {
    let arn = match &fs.arn {
        Some(arn) if !arn.trim().is_empty() => arn.clone(),
        _ => format!("arn:{}:elasticfilesystem:{region}:{}:file-system/{}", ctx.partition(), ctx.account_id(), fs.id),
    };
    let name = fs.name.as_deref().filter(|n| !n.trim().is_empty()).unwrap_or(&fs.id);
    Arc::new(Resource {
        id: fs.id.as_str().into(),
        arn: arn.into(),
        name: name.into(),
        region: ctx.region_name(region),
        tags: fs.tags.clone(),
    })
}

/// Calls `judge` for every file system of every region where EFS was collected; a failed listing
/// gets one ERROR for the region.
pub(crate) fn each_file_system<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    mut judge: impl FnMut(&'a str, &'a RegionSnapshot, &'a FileSystem, Arc<Resource>, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.efs.as_ref().map(|e| &e.file_systems),
        |region, data, fs, out| judge(region, data, fs, file_system_resource(ctx, region, fs), out),
    );
}
