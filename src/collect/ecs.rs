//! ECS, per region: the latest active revision of every task definition family
//! (ListTaskDefinitionFamilies, then one DescribeTaskDefinition per family). Container environment
//! values are reduced to facts here, as Lambda's are, and dropped.

use super::{Collector, Service};
use crate::snapshot::{CollectionError, ContainerDefinition, EcsRegion, TaskDefinition, TaskDefinitionFamily};
use argus_core::env_facts;
use aws_sdk_ecs::types::TaskDefinitionFamilyStatus;

pub(super) async fn collect(c: &Collector, region: &str) -> EcsRegion {
    let client = c.ctx.ecs(region);
    let api = c.api("ECS", Service::Ecs, Some(region));
    let families: Result<Vec<String>, CollectionError> = api
        .call("ListTaskDefinitionFamilies", None, || {
            client
                .list_task_definition_families()
                .status(TaskDefinitionFamilyStatus::Active)
                .into_paginator()
                .items()
                .send()
                .try_collect()
        })
        .await;
    let families = match families {
        Ok(list) => Ok(c
            .fan_out(list, |family| {
                let (api, client) = (&api, &client);
                async move {
                    // A family name resolves to its latest ACTIVE revision.
                    let latest = api
                        .call("DescribeTaskDefinition", Some(&family), || {
                            client.describe_task_definition().task_definition(&family).send()
                        })
                        .await
                        .and_then(|out| {
                            out.task_definition().map(|td| reduce(c, td)).ok_or_else(|| {
                                api.local_error(
                                    "DescribeTaskDefinition",
                                    Some(&family),
                                    crate::snapshot::ErrorKind::InvalidResponse,
                                    "MissingTaskDefinition",
                                    "the answer holds no task definition".into(),
                                )
                            })
                        });
                    TaskDefinitionFamily { arn: family_arn(c, region, &family), family, latest: latest.into() }
                }
            })
            .await),
        Err(e) => Err(e),
    };
    EcsRegion { task_definition_families: families.into() }
}

/// A family's ARN: a task definition's without the revision.
fn family_arn(c: &Collector, region: &str, family: &str) -> String {
    format!("arn:{}:ecs:{region}:{}:task-definition/{family}", c.partition, c.account_id)
}

fn reduce(c: &Collector, td: &aws_sdk_ecs::types::TaskDefinition) -> TaskDefinition {
    TaskDefinition {
        arn: td.task_definition_arn().unwrap_or_default().to_string(),
        family: td.family().unwrap_or_default().to_string(),
        revision: td.revision(),
        network_mode: td.network_mode().map(|m| m.as_str().to_string()),
        pid_mode: td.pid_mode().map(|m| m.as_str().to_string()),
        containers: td
            .container_definitions()
            .iter()
            .map(|cd| {
                let vars: Vec<(&str, &str)> = cd
                    .environment()
                    .iter()
                    .map(|kv| (kv.name().unwrap_or_default(), kv.value().unwrap_or_default()))
                    .collect();
                ContainerDefinition {
                    name: cd.name().unwrap_or_default().to_string(),
                    privileged: cd.privileged(),
                    user: cd.user().map(str::to_string),
                    readonly_root_filesystem: cd.readonly_root_filesystem(),
                    environment: env_facts::reduce_pairs(vars.iter().copied(), &c.value_ignores),
                    log_driver: cd.log_configuration().map(|l| l.log_driver().as_str().to_string()),
                }
            })
            .collect(),
    }
}
