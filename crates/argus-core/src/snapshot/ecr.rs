use super::{Fetched, PolicyDocument};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EcrRegion {
    /// DescribeRepositories (the account's private repositories).
    pub repositories: Fetched<Vec<Repository>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Repository {
    pub name: String,
    pub arn: String,
    /// imageScanningConfiguration.scanOnPush.
    pub scan_on_push: bool,
    /// imageTagMutability: `MUTABLE`, `IMMUTABLE` or their `_WITH_EXCLUSION` forms.
    pub tag_mutability: String,
    /// GetRepositoryPolicy; `None` when the repository has none (RepositoryPolicyNotFoundException).
    pub policy: Fetched<Option<PolicyDocument>>,
    /// GetLifecyclePolicy: whether one exists (LifecyclePolicyNotFoundException: false).
    pub has_lifecycle_policy: Fetched<bool>,
}
