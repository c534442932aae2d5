//! ECS, per region: the latest active revision of every task definition family
//! (ListTaskDefinitionFamilies, then one DescribeTaskDefinition per family), and every cluster
//! (ListClusters; DescribeClusters 100 at a time for its settings; ListServices, then DescribeServices
//! ten at a time). Container environment values are reduced to facts here, as Lambda's are, and dropped.

use super::{Api, Collector, Service};
use crate::snapshot::{
    CollectionError, ContainerDefinition, EcsCluster, EcsRegion, EcsService, EcsServiceEntry, ErrorKind, Fetched,
    TaskDefinition, TaskDefinitionFamily,
};
use argus_core::env_facts;
use aws_sdk_ecs::types::{ClusterField, ClusterSettingName, Failure, TaskDefinitionFamilyStatus};
use std::collections::HashMap;

/// The most clusters one DescribeClusters call takes.
const CLUSTERS_PER_CALL: usize = 100;
/// The most services one DescribeServices call takes.
const SERVICES_PER_CALL: usize = 10;
/// The largest page ListClusters and ListServices return (ListServices gives 10 unless asked).
const LIST_PAGE: i32 = 100;

pub(super) async fn collect(c: &Collector, region: &str) -> EcsRegion {
    let client = c.ctx.ecs(region);
    let api = c.api("ECS", Service::Ecs, Some(region));
    let (task_definition_families, clusters) =
        futures::join!(task_definition_families(c, region, &api, &client), clusters(c, &api, &client));
    EcsRegion { task_definition_families: task_definition_families.into(), clusters: clusters.into() }
}

async fn task_definition_families(
    c: &Collector,
    region: &str,
    api: &Api<'_>,
    client: &aws_sdk_ecs::Client,
) -> Result<Vec<TaskDefinitionFamily>, CollectionError> {
    let families: Vec<String> = api
        .call("ListTaskDefinitionFamilies", None, || {
            client
                .list_task_definition_families()
                .status(TaskDefinitionFamilyStatus::Active)
                .into_paginator()
                .items()
                .send()
                .try_collect()
        })
        .await?;
    Ok(c.fan_out(families, |family| async move {
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
                        ErrorKind::InvalidResponse,
                        "MissingTaskDefinition",
                        "the answer holds no task definition".into(),
                    )
                })
            });
        TaskDefinitionFamily { arn: family_arn(c, region, &family), family, latest: latest.into() }
    })
    .await)
}

/// Every cluster with its `containerInsights` setting and its services. The settings (one call per 100
/// clusters) and the services (per cluster) are fetched concurrently.
async fn clusters(
    c: &Collector,
    api: &Api<'_>,
    client: &aws_sdk_ecs::Client,
) -> Result<Vec<EcsCluster>, CollectionError> {
    let arns: Vec<String> = api
        .call("ListClusters", None, || {
            client.list_clusters().into_paginator().page_size(LIST_PAGE).items().send().try_collect()
        })
        .await?;
    let (settings, services) = futures::join!(
        c.fan_out(arns.chunks(CLUSTERS_PER_CALL), |batch| container_insights(api, client, batch)),
        c.fan_out(&arns, |arn| cluster_services(c, api, client, arn)),
    );
    let mut settings: HashMap<String, Result<Option<String>, CollectionError>> =
        settings.into_iter().flatten().collect();
    Ok(arns
        .iter()
        .zip(services)
        .map(|(arn, services)| {
            let container_insights = settings.remove(arn).unwrap_or_else(|| {
                Err(api.local_error(
                    "DescribeClusters",
                    Some(arn),
                    ErrorKind::InvalidResponse,
                    "MissingCluster",
                    "the answer neither describes the cluster nor names it as a failure".into(),
                ))
            });
            EcsCluster {
                arn: arn.clone(),
                name: last_segment(arn).to_string(),
                container_insights: container_insights.into(),
                services: services.into(),
            }
        })
        .collect())
}

/// The `containerInsights` setting of each cluster of `batch` (`None`: the answer holds no such setting);
/// a failed call, or a cluster the answer names as a failure, is an error for that cluster.
async fn container_insights(
    api: &Api<'_>,
    client: &aws_sdk_ecs::Client,
    batch: &[String],
) -> Vec<(String, Result<Option<String>, CollectionError>)> {
    let out = api
        .call("DescribeClusters", None, || {
            client.describe_clusters().set_clusters(Some(batch.to_vec())).include(ClusterField::Settings).send()
        })
        .await;
    match out {
        Ok(out) => {
            let described = out.clusters().iter().filter_map(|cl| {
                let setting = cl
                    .settings()
                    .iter()
                    .find(|s| s.name() == Some(&ClusterSettingName::ContainerInsights))
                    .and_then(|s| s.value().map(str::to_string));
                Some((cl.cluster_arn()?.to_string(), Ok(setting)))
            });
            let failed = out.failures().iter().filter_map(|f| {
                let arn = f.arn()?.to_string();
                Some((arn.clone(), Err(failure(api, "DescribeClusters", &arn, f))))
            });
            described.chain(failed).collect()
        }
        Err(e) => batch.iter().map(|arn| (arn.clone(), Err(e.clone()))).collect(),
    }
}

/// The services of one cluster: ListServices, then DescribeServices ten at a time.
async fn cluster_services(
    c: &Collector,
    api: &Api<'_>,
    client: &aws_sdk_ecs::Client,
    cluster: &str,
) -> Result<Vec<EcsServiceEntry>, CollectionError> {
    let arns: Vec<String> = api
        .call("ListServices", Some(cluster), || {
            client.list_services().cluster(cluster).into_paginator().page_size(LIST_PAGE).items().send().try_collect()
        })
        .await?;
    let described = c
        .fan_out(arns.chunks(SERVICES_PER_CALL), |batch| async move {
            let out = api
                .call("DescribeServices", Some(cluster), || {
                    client.describe_services().cluster(cluster).set_services(Some(batch.to_vec())).send()
                })
                .await;
            match out {
                Ok(out) => {
                    let described = out
                        .services()
                        .iter()
                        .filter_map(|s| Some((s.service_arn()?.to_string(), Ok(reduce_service(s)))));
                    let failed = out.failures().iter().filter_map(|f| {
                        let arn = f.arn()?.to_string();
                        Some((arn.clone(), Err(failure(api, "DescribeServices", &arn, f))))
                    });
                    described.chain(failed).collect::<Vec<_>>()
                }
                Err(e) => batch.iter().map(|arn| (arn.clone(), Err(e.clone()))).collect(),
            }
        })
        .await;
    let mut described: HashMap<String, Result<EcsService, CollectionError>> = described.into_iter().flatten().collect();
    Ok(arns
        .into_iter()
        .map(|arn| {
            let service = described.remove(&arn).unwrap_or_else(|| {
                Err(api.local_error(
                    "DescribeServices",
                    Some(&arn),
                    ErrorKind::InvalidResponse,
                    "MissingService",
                    "the answer neither describes the service nor names it as a failure".into(),
                ))
            });
            EcsServiceEntry { name: last_segment(&arn).to_string(), arn, service: Fetched::from(service) }
        })
        .collect())
}

fn reduce_service(s: &aws_sdk_ecs::types::Service) -> EcsService {
    EcsService {
        launch_type: s.launch_type().map(|t| t.as_str().to_string()),
        capacity_providers: s.capacity_provider_strategy().iter().map(|p| p.capacity_provider().to_string()).collect(),
        platform_version: s.platform_version().map(str::to_string),
        platform_family: s.platform_family().map(str::to_string),
        assign_public_ip: s
            .network_configuration()
            .and_then(|n| n.awsvpc_configuration())
            .and_then(|v| v.assign_public_ip())
            .map(|a| a.as_str().to_string()),
    }
}

/// A resource an ECS describe call named as a failure (`MISSING`, or a reason of its own), recorded as an
/// error for that resource.
fn failure(api: &Api<'_>, operation: &'static str, arn: &str, f: &Failure) -> CollectionError {
    let reason = f.reason().unwrap_or("Failure");
    let message = match f.detail() {
        Some(detail) => format!("{reason}: {detail}"),
        None => format!("the service named it as a failure ({reason})"),
    };
    api.local_error(operation, Some(arn), ErrorKind::Other, reason, message)
}

/// A cluster's or service's name: the ARN's last path segment.
fn last_segment(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
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
