//! EFS, per region: file systems, their policies and mount targets (one listing, then two calls per
//! file system, as EFS has no batch form of either).

use super::{tags_from, Collector, Service};
use crate::snapshot::{CollectionError, EfsRegion, FileSystem, MountTarget, PolicyDocument};

pub(super) async fn collect(c: &Collector, region: &str) -> EfsRegion {
    let client = c.ctx.efs(region);
    let api = c.api("EFS", Service::Efs, Some(region));
    let listed: Result<Vec<_>, CollectionError> = api
        .call("DescribeFileSystems", None, || {
            client.describe_file_systems().into_paginator().items().send().try_collect()
        })
        .await;
    let file_systems = match listed {
        Ok(list) => Ok(c
            .fan_out(list, |fs| {
                let (api, client) = (&api, &client);
                async move {
                    let id = fs.file_system_id().to_string();
                    let (policy, mount_targets) = futures::join!(
                        api.call_or_absent("DescribeFileSystemPolicy", Some(&id), &["PolicyNotFound"], || {
                            client.describe_file_system_policy().file_system_id(&id).send()
                        }),
                        api.call("DescribeMountTargets", Some(&id), || {
                            client.describe_mount_targets().file_system_id(&id).send()
                        }),
                    );
                    FileSystem {
                        arn: fs.file_system_arn().map(str::to_string),
                        name: fs.name().map(str::to_string),
                        encrypted: fs.encrypted().unwrap_or(false),
                        kms_key_id: fs.kms_key_id().map(str::to_string),
                        life_cycle_state: Some(fs.life_cycle_state().as_str().to_string()),
                        availability_zone: fs.availability_zone_name().map(str::to_string),
                        policy: policy.map(|o| o.and_then(|o| o.policy().map(PolicyDocument::from_json_text))).into(),
                        mount_targets: mount_targets
                            .map(|o| {
                                o.mount_targets()
                                    .iter()
                                    .map(|m| MountTarget {
                                        id: m.mount_target_id().to_string(),
                                        subnet_id: Some(m.subnet_id().to_string()),
                                        vpc_id: m.vpc_id().map(str::to_string),
                                        availability_zone: m.availability_zone_name().map(str::to_string),
                                        ip_address: m.ip_address().map(str::to_string),
                                        life_cycle_state: Some(m.life_cycle_state().as_str().to_string()),
                                    })
                                    .collect()
                            })
                            .into(),
                        tags: tags_from(fs.tags(), |t| Some(t.key()), |t| Some(t.value())),
                        id,
                    }
                }
            })
            .await),
        Err(e) => Err(e),
    };
    EfsRegion { file_systems: file_systems.into() }
}
