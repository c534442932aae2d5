//! EC2 user data and launch templates, per region: each instance's (DescribeInstanceAttribute, one call per instance that is
//! not terminated: EC2 has no batch form, and Prowler makes the same calls) and the `$Latest` and
//! `$Default` version of every launch template (one paginated DescribeLaunchTemplateVersions for the
//! whole region). The text is reduced to facts by `argus_core::user_data` and dropped here.

use super::{Api, Collector};
use crate::snapshot::{CollectionError, Instance, InstanceUserData, LaunchTemplateVersion};
use argus_core::user_data;
use aws_sdk_ec2::types::InstanceAttributeName;

pub(super) async fn instance_user_data(
    c: &Collector,
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
    instances: &Result<Vec<Instance>, CollectionError>,
) -> Result<Vec<InstanceUserData>, CollectionError> {
    let instances = instances.as_ref().map_err(Clone::clone)?;
    let live = instances.iter().filter(|i| !i.state.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("terminated")));
    Ok(c.fan_out(live, |i| async move {
        let id = i.id.as_str();
        // An instance terminated since the listing has no user data left to leak.
        let answer = api
            .call_or_absent("DescribeInstanceAttribute", Some(id), &["InvalidInstanceID.NotFound"], || {
                client.describe_instance_attribute().instance_id(id).attribute(InstanceAttributeName::UserData).send()
            })
            .await;
        let user_data = answer.map(|out| {
            out.and_then(|o| {
                o.user_data().and_then(|v| v.value()).map(|text| user_data::reduce(text, &c.value_ignores))
            })
        });
        InstanceUserData { instance_id: id.to_string(), user_data: user_data.into() }
    })
    .await)
}

pub(super) async fn launch_templates(
    c: &Collector,
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
) -> Result<Vec<LaunchTemplateVersion>, CollectionError> {
    let versions = api
        .call("DescribeLaunchTemplateVersions", None, || {
            client
                .describe_launch_template_versions()
                .versions("$Latest")
                .versions("$Default")
                .into_paginator()
                .items()
                .send()
                .try_collect()
        })
        .await?;
    let mut out: Vec<LaunchTemplateVersion> = versions
        .iter()
        .map(|v| LaunchTemplateVersion {
            id: v.launch_template_id().unwrap_or_default().to_string(),
            name: v.launch_template_name().unwrap_or_default().to_string(),
            version_number: v.version_number().unwrap_or_default(),
            is_default: v.default_version().unwrap_or(false),
            user_data: v
                .launch_template_data()
                .and_then(|d| d.user_data())
                .filter(|text| !text.is_empty())
                .map(|text| user_data::reduce(text, &c.value_ignores)),
            metadata_http_tokens: v
                .launch_template_data()
                .and_then(|d| d.metadata_options())
                .and_then(|m| m.http_tokens())
                .map(|t| t.as_str().to_string()),
            metadata_http_endpoint: v
                .launch_template_data()
                .and_then(|d| d.metadata_options())
                .and_then(|m| m.http_endpoint())
                .map(|t| t.as_str().to_string()),
            associates_public_ip: v
                .launch_template_data()
                .is_some_and(|d| d.network_interfaces().iter().any(|n| n.associate_public_ip_address() == Some(true))),
            network_interface_ids: v
                .launch_template_data()
                .map(|d| {
                    d.network_interfaces().iter().filter_map(|n| n.network_interface_id().map(str::to_string)).collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    // A template whose default version is its latest may be listed once per selector.
    out.sort_by(|a, b| (&a.id, a.version_number).cmp(&(&b.id, b.version_number)));
    out.dedup_by(|a, b| a.id == b.id && a.version_number == b.version_number);
    Ok(out)
}
