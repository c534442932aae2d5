use super::{Fetched, PolicyDocument};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LambdaRegion {
    pub functions: Fetched<Vec<Function>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Function {
    pub name: String,
    pub arn: String,
    pub runtime: Option<String>,
    pub role: Option<String>,
    pub package_type: Option<String>,
    pub last_modified: Option<String>,
    pub vpc: Option<FunctionVpcConfig>,
    /// Facts about each environment variable. The values themselves never enter the snapshot.
    pub environment: Vec<EnvVarFacts>,
    /// `Ok(None)`: no function URL.
    pub url_config: Fetched<Option<FunctionUrl>>,
    /// `Ok(None)`: no resource-based policy.
    pub policy: Fetched<Option<PolicyDocument>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FunctionVpcConfig {
    pub vpc_id: Option<String>,
    pub subnet_ids: Vec<String>,
    pub security_group_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FunctionUrl {
    pub url: String,
    /// `NONE` (anyone on the internet) or `AWS_IAM`.
    pub auth_type: String,
}

/// What a check needs to know about an environment variable, without its value.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EnvVarFacts {
    pub name: String,
    pub length: usize,
    /// Shannon entropy in bits per character.
    pub entropy: f64,
    /// Known credential formats the value matched (e.g. `aws-access-key-id`, `private-key`).
    pub detectors: Vec<String>,
    /// A pointer rather than a value: an ARN, `{{resolve:…}}`, an `ssm:`/`secretsmanager:`
    /// reference, a parameter path or a secret name (see `env_facts::is_reference`).
    pub is_reference: bool,
    /// The value matched a `secrets_ignore_values` pattern of the config when it was collected.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub value_ignored: bool,
    /// A masked preview that never reveals enough to be useful (e.g. `AKIA****`).
    pub masked_preview: String,
}
