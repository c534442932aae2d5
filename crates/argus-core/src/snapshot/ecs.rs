//! ECS, per region: the latest active revision of each task definition family.

use super::{EnvVarFacts, Fetched};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EcsRegion {
    /// ListTaskDefinitionFamilies (`ACTIVE`), then DescribeTaskDefinition per family.
    pub task_definition_families: Fetched<Vec<TaskDefinitionFamily>>,
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
