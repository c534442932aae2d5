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
    /// Encryption, dead-letter and layer settings from ListFunctions. `None` only in snapshots from
    /// before argus kept them: the checks reading them then report ERROR.
    #[serde(default)]
    pub settings: Option<FunctionSettings>,
}

/// Settings ListFunctions reports for a function (no extra call).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct FunctionSettings {
    /// The customer managed KMS key encrypting its environment variables (KMSKeyArn); `None`: the
    /// AWS managed Lambda key.
    #[serde(default)]
    pub kms_key_arn: Option<String>,
    /// Where failed asynchronous invocations go (DeadLetterConfig.TargetArn); `None`: nowhere.
    #[serde(default)]
    pub dead_letter_target_arn: Option<String>,
    /// The layer version ARNs it uses (Layers[].Arn), in order.
    #[serde(default)]
    pub layers: Vec<String>,
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
    /// The origins its CORS configuration allows (Cors.AllowOrigins); `Some([])` when it has no CORS
    /// configuration. `None` only in snapshots from before argus kept it.
    #[serde(default)]
    pub cors_allow_origins: Option<Vec<String>>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_from_before_settings_and_cors_load_with_them_not_collected() {
        let older: LambdaRegion = serde_json::from_str(
            r#"{"functions":{"ok":[{"name":"f","arn":"arn:aws:lambda:us-east-1:123456789012:function:f",
                "runtime":"python3.12","role":null,"package_type":"Zip","last_modified":null,"vpc":null,
                "environment":[],"url_config":{"ok":{"url":"https://u/","auth_type":"NONE"}},"policy":{"ok":null}}]}}"#,
        )
        .unwrap();
        let Fetched::Ok(functions) = &older.functions else { panic!("listed") };
        assert_eq!(functions[0].settings, None);
        let Fetched::Ok(Some(url)) = &functions[0].url_config else { panic!("a URL") };
        assert_eq!(url.cors_allow_origins, None);
    }
}
