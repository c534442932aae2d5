//! Resources that run code as a role and that a principal may take over without passing that role:
//! Glue development endpoints (`glue:UpdateDevEndpoint` adds an SSH key), SageMaker notebook
//! instances (`sagemaker:CreatePresignedNotebookInstanceUrl` opens Jupyter) and CloudFormation stacks
//! with a service role (`cloudformation:UpdateStack` deploys any resource as the role). They are the
//! attack-path graph's targets of pathfinding.cloud's glue-002, sagemaker-004 and cloudformation-002,
//! collected only when a selected check reads the graph (its metadata says `reads = ["attack_paths"]`).

use super::{user_data::not_collected, Fetched};
use serde::{Deserialize, Serialize};

/// One region's role runners; each listing is `Err` when it could not be read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RoleRunnersRegion {
    /// GetDevEndpoints.
    #[serde(default = "dev_endpoints_not_collected")]
    pub glue_dev_endpoints: Fetched<Vec<RoleRunner>>,
    /// ListNotebookInstances, then DescribeNotebookInstance for each (the listing names no role).
    #[serde(default = "notebooks_not_collected")]
    pub sagemaker_notebooks: Fetched<Vec<RoleRunner>>,
    /// DescribeStacks.
    #[serde(default = "stacks_not_collected")]
    pub cloudformation_stacks: Fetched<Vec<RoleRunner>>,
}

/// A resource running as a role.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RoleRunner {
    pub name: String,
    /// The ARN IAM evaluates the takeover action on (built from the name for a dev endpoint, whose
    /// description holds none).
    pub arn: String,
    /// The role it runs as: `Ok(None)` for a stack without a service role (it runs as its caller);
    /// `Err` when the role could not be read (a notebook whose description failed).
    pub role_arn: Fetched<Option<String>>,
}

pub(crate) fn dev_endpoints_not_collected() -> Fetched<Vec<RoleRunner>> {
    Fetched::Err(not_collected("glue", "GetDevEndpoints"))
}

pub(crate) fn notebooks_not_collected() -> Fetched<Vec<RoleRunner>> {
    Fetched::Err(not_collected("sagemaker", "ListNotebookInstances"))
}

pub(crate) fn stacks_not_collected() -> Fetched<Vec<RoleRunner>> {
    Fetched::Err(not_collected("cloudformation", "DescribeStacks"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_snapshots_load_with_role_runners_not_collected() {
        let region: crate::snapshot::RegionSnapshot = serde_json::from_str(
            r#"{"ec2":null,"rds":null,"lambda":null,
            "secretsmanager":null,"kms":null,"cloudtrail":null}"#,
        )
        .unwrap();
        assert_eq!(region.role_runners, None);
        let partial: RoleRunnersRegion = serde_json::from_str(r#"{"glue_dev_endpoints":{"ok":[]}}"#).unwrap();
        assert_eq!(partial.glue_dev_endpoints, Fetched::Ok(Vec::new()));
        let e = partial.cloudformation_stacks.err().expect("not collected");
        assert_eq!((e.operation.as_str(), e.code.as_str()), ("DescribeStacks", "NotCollected"));
    }
}
