//! EC2 account-level settings and AMIs, per region, with the EC2 client: AMI and EBS snapshot block
//! public access (GetImageBlockPublicAccessState, GetSnapshotBlockPublicAccessState), the instance
//! metadata defaults (GetInstanceMetadataDefaults), the account's own AMIs (DescribeImages with
//! `Owners=self`) and the AMIs of the region's instances (DescribeImages with an `image-id` filter,
//! [`IMAGE_IDS_PER_CALL`] ids a call: unlike `ImageIds`, a filter answers without the ids that no
//! longer exist instead of failing the whole call).

use super::{tags_from, Api, Collector};
use crate::snapshot::{CollectionError, Image, Instance, InstanceMetadataDefaults, Tags};
use aws_sdk_ec2::types::{Filter, Tag};
use std::collections::BTreeSet;

/// Image ids per DescribeImages lookup (Prowler asks for 200 a call too).
const IMAGE_IDS_PER_CALL: usize = 200;

fn tags(list: &[Tag]) -> Tags {
    tags_from(list, |t| t.key(), |t| t.value())
}

pub(super) async fn image_block_public_access(
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
) -> Result<String, CollectionError> {
    let out = api
        .call("GetImageBlockPublicAccessState", None, || client.get_image_block_public_access_state().send())
        .await?;
    Ok(out.image_block_public_access_state().unwrap_or_default().to_string())
}

pub(super) async fn snapshot_block_public_access(
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
) -> Result<String, CollectionError> {
    let out = api
        .call("GetSnapshotBlockPublicAccessState", None, || client.get_snapshot_block_public_access_state().send())
        .await?;
    Ok(out.state().map(|s| s.as_str().to_string()).unwrap_or_default())
}

pub(super) async fn instance_metadata_defaults(
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
) -> Result<InstanceMetadataDefaults, CollectionError> {
    let out = api.call("GetInstanceMetadataDefaults", None, || client.get_instance_metadata_defaults().send()).await?;
    let account = out.account_level();
    Ok(InstanceMetadataDefaults {
        http_tokens: account.and_then(|a| a.http_tokens()).map(|t| t.as_str().to_string()),
        http_endpoint: account.and_then(|a| a.http_endpoint()).map(|e| e.as_str().to_string()),
    })
}

fn image(i: &aws_sdk_ec2::types::Image) -> Image {
    let present = |s: Option<&str>| s.filter(|s| !s.trim().is_empty()).map(str::to_string);
    Image {
        id: i.image_id().unwrap_or_default().to_string(),
        name: present(i.name()),
        owner_id: present(i.owner_id()),
        owner_alias: present(i.image_owner_alias()),
        public: i.public(),
        deprecation_time: present(i.deprecation_time()),
        state: i.state().map(|s| s.as_str().to_string()),
        tags: tags(i.tags()),
    }
}

/// The account's own AMIs, deprecated ones included.
pub(super) async fn own_images(api: &Api<'_>, client: &aws_sdk_ec2::Client) -> Result<Vec<Image>, CollectionError> {
    let list = api
        .call("DescribeImages", None, || {
            client
                .describe_images()
                .owners("self")
                .include_deprecated(true)
                .into_paginator()
                .items()
                .send()
                .try_collect()
        })
        .await?;
    Ok(list.iter().map(image).collect())
}

/// The AMIs the region's instances that are not terminated were launched from, other than the account's own (`own`, when it
/// was read): one DescribeImages call per [`IMAGE_IDS_PER_CALL`] distinct ids, none when there is no
/// instance. An AMI that no longer exists is left out of the answer.
pub(super) async fn instance_images(
    c: &Collector,
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
    instances: &Result<Vec<Instance>, CollectionError>,
    own: &Result<Vec<Image>, CollectionError>,
) -> Result<Vec<Image>, CollectionError> {
    let instances = instances.as_ref().map_err(Clone::clone)?;
    let own: BTreeSet<&str> = own.iter().flatten().map(|i| i.id.as_str()).collect();
    let ids: Vec<&str> = instances
        .iter()
        .filter(|i| !i.state.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("terminated")))
        .filter_map(|i| i.image_id.as_deref())
        .filter(|id| !id.is_empty() && !own.contains(id))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let batches = c
        .fan_out(ids.chunks(IMAGE_IDS_PER_CALL), |batch| async move {
            let filter = Filter::builder()
                .name("image-id")
                .set_values(Some(batch.iter().map(|s| s.to_string()).collect()))
                .build();
            api.call("DescribeImages", None, || {
                client
                    .describe_images()
                    .filters(filter)
                    .include_deprecated(true)
                    .into_paginator()
                    .items()
                    .send()
                    .try_collect()
            })
            .await
        })
        .await;
    let mut images = Vec::new();
    for batch in batches {
        images.extend(batch?.iter().map(image));
    }
    Ok(images)
}
