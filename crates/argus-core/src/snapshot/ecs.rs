//! ECS, per region: the latest active revision of each task definition family, and every cluster with
//! its settings and services.

use super::{EnvVarFacts, Fetched};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EcsRegion {
    /// ListTaskDefinitionFamilies (`ACTIVE`), then DescribeTaskDefinition per family.
    pub task_definition_families: Fetched<Vec<TaskDefinitionFamily>>,
    /// ListClusters; absent in snapshots from before argus collected clusters.
    #[serde(default = "clusters_not_collected")]
    pub clusters: Fetched<Vec<EcsCluster>>,
}

fn clusters_not_collected() -> Fetched<Vec<EcsCluster>> {
    Fetched::Err(super::user_data::not_collected("ecs", "ListClusters"))
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EcsCluster {
    pub arn: String,
    pub name: String,
    /// The `containerInsights` setting (`enabled`, `enhanced`, `disabled`) from DescribeClusters with
    /// `include=SETTINGS`; `None` when the answer held no such setting.
    pub container_insights: Fetched<Option<String>>,
    /// ListServices, then DescribeServices (ten at a time).
    pub services: Fetched<Vec<EcsServiceEntry>>,
}

/// A listed service and its description.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EcsServiceEntry {
    pub arn: String,
    pub name: String,
    pub service: Fetched<EcsService>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EcsService {
    /// `FARGATE`, `EC2`, `EXTERNAL`; `None` for a service placed by a capacity provider strategy.
    pub launch_type: Option<String>,
    /// The capacity providers of the service's strategy (`FARGATE`, `FARGATE_SPOT`, or an Auto Scaling
    /// group's provider).
    pub capacity_providers: Vec<String>,
    /// `LATEST` or a version such as `1.4.0`; set for Fargate services only.
    pub platform_version: Option<String>,
    /// The operating system of its Fargate tasks: `LINUX` or a `WINDOWS_SERVER_…` family.
    pub platform_family: Option<String>,
    /// `networkConfiguration.awsvpcConfiguration.assignPublicIp` (`ENABLED`, `DISABLED`); `None` when the
    /// service has no awsvpc configuration or leaves it unset (AWS's default is `DISABLED`).
    pub assign_public_ip: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TaskDefinitionFamily {
    /// `arn:…:task-definition/FAMILY`, the family without a revision.
    pub arn: String,
    pub family: String,
    /// The family's latest active revision.
    pub latest: Fetched<TaskDefinition>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TaskDefinition {
    pub arn: String,
    pub family: String,
    pub revision: i32,
    /// `awsvpc`, `bridge`, `host` or `none` (`None`: the default, bridge on EC2).
    pub network_mode: Option<String>,
    /// `host` shares the host's process namespace.
    pub pid_mode: Option<String>,
    pub containers: Vec<ContainerDefinition>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ContainerDefinition {
    pub name: String,
    pub privileged: Option<bool>,
    /// The `user` the container runs as (`None`: the image's default, often root).
    pub user: Option<String>,
    pub readonly_root_filesystem: Option<bool>,
    /// The container's `environment`, reduced like Lambda's: values never enter the snapshot.
    pub environment: Vec<EnvVarFacts>,
    pub log_driver: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_from_before_clusters_load_with_clusters_not_collected() {
        let older: EcsRegion = serde_json::from_str(r#"{"task_definition_families":{"ok":[]}}"#).unwrap();
        let e = older.clusters.err().expect("clusters were not collected");
        assert_eq!((e.operation.as_str(), e.code.as_str()), ("ListClusters", "NotCollected"));
    }
}
