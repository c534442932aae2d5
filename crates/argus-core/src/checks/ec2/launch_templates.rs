//! Helpers for the launch-template checks: one finding per template, judged from its `$Latest` and
//! `$Default` versions (DescribeLaunchTemplateVersions).

use super::common::each_region;
use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{Ec2Region, Fetched, LaunchTemplateVersion};
use std::collections::BTreeMap;
use std::sync::Arc;

fn template_resource(ctx: &CheckContext<'_>, region: &str, v: &LaunchTemplateVersion) -> Arc<Resource> {
    Arc::new(Resource {
        id: v.id.as_str().into(),
        arn: format!("arn:{}:ec2:{region}:{}:launch-template/{}", ctx.partition(), ctx.account_id(), v.id).into(),
        name: v.name.as_str().into(),
        region: ctx.region_name(region),
        tags: Default::default(),
    })
}

/// Calls `judge` with every template's versions (latest and default, in version order) and its
/// region's EC2 data; a failed listing gets one ERROR for the region.
pub(crate) fn each_template<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    mut judge: impl FnMut(&[&'a LaunchTemplateVersion], &'a Ec2Region, Arc<Resource>, &mut Findings),
) {
    each_region(ctx, out, |region, ec2, out| {
        let versions = match &ec2.launch_templates {
            Fetched::Ok(list) => list,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        let mut templates: BTreeMap<&str, Vec<&LaunchTemplateVersion>> = BTreeMap::new();
        for v in versions {
            templates.entry(v.id.as_str()).or_default().push(v);
        }
        for versions in templates.values_mut() {
            versions.sort_by_key(|v| v.version_number);
            judge(versions, ec2, template_resource(ctx, region, versions[0]), out);
        }
    });
}

/// `version 2` or `version 1 (default)`.
pub(crate) fn version_label(v: &LaunchTemplateVersion) -> String {
    format!("version {}{}", v.version_number, if v.is_default { " (default)" } else { "" })
}

/// `latest version 3, default version 1`, or `version 2, latest and default`.
pub(crate) fn versions_read(versions: &[&LaunchTemplateVersion]) -> String {
    let latest = versions.iter().map(|v| v.version_number).max().unwrap_or_default();
    match versions.iter().find(|v| v.is_default).map(|v| v.version_number) {
        Some(default) if default != latest => format!("latest version {latest}, default version {default}"),
        Some(_) => format!("version {latest}, latest and default"),
        None => format!("latest version {latest}"),
    }
}

/// A fixture version with no user data, IMDSv2 required and no public IP.
#[cfg(test)]
pub(crate) fn template_version(id: &str, number: i64, is_default: bool) -> LaunchTemplateVersion {
    LaunchTemplateVersion {
        id: id.into(),
        name: format!("{id}-name"),
        version_number: number,
        is_default,
        user_data: None,
        metadata_http_tokens: Some("required".into()),
        metadata_http_endpoint: Some("enabled".into()),
        associates_public_ip: false,
        network_interface_ids: vec![],
    }
}
