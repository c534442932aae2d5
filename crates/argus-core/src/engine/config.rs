//! Thresholds and tunables, read from one TOML file (`--config`). Every field has a documented default.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Console password or access key unused for this many days FAILs (CIS: 45).
    pub max_unused_credential_days: i64,
    /// Active access keys older than this FAIL (CIS: 90).
    pub max_access_key_age_days: i64,
    /// Root password or key use within this many days FAILs.
    pub root_usage_days: i64,
    /// Password policy minimum length (CIS: 14).
    pub password_min_length: i32,
    /// Passwords remembered to prevent reuse (CIS: 24).
    pub password_reuse_prevention: i32,
    /// Maximum password age in days.
    pub password_max_age_days: i32,
    /// Secrets not rotated for this many days FAIL.
    pub secret_max_rotation_days: i64,
    /// Secrets not accessed for this many days FAIL.
    pub secret_max_unused_days: i64,
    /// TCP ports considered high risk when open to the internet (databases, caches, admin consoles).
    pub high_risk_tcp_ports: Vec<u16>,
    /// Lambda runtimes that no longer receive security updates.
    pub deprecated_lambda_runtimes: Vec<String>,
    /// AWS managed policies treated as overly permissive for a Lambda execution role.
    pub overly_permissive_managed_policies: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_unused_credential_days: 45,
            max_access_key_age_days: 90,
            root_usage_days: 90,
            password_min_length: 14,
            password_reuse_prevention: 24,
            password_max_age_days: 90,
            secret_max_rotation_days: 90,
            secret_max_unused_days: 90,
            high_risk_tcp_ports: vec![
                20, 21, 23, 25, 110, 135, 139, 143, 445, 1433, 1434, 1521, 2375, 2376, 3000, 3306, 3389, 4333, 5000,
                5432, 5500, 5601, 5984, 6379, 7000, 7001, 8020, 8080, 8088, 8888, 9042, 9092, 9160, 9200, 9300, 11211,
                27017, 27018, 50070,
            ],
            deprecated_lambda_runtimes: [
                "python2.7",
                "python3.6",
                "python3.7",
                "python3.8",
                "nodejs",
                "nodejs4.3",
                "nodejs4.3-edge",
                "nodejs6.10",
                "nodejs8.10",
                "nodejs10.x",
                "nodejs12.x",
                "nodejs14.x",
                "nodejs16.x",
                "java8",
                "dotnetcore1.0",
                "dotnetcore2.0",
                "dotnetcore2.1",
                "dotnetcore3.1",
                "dotnet5.0",
                "dotnet6",
                "ruby2.5",
                "ruby2.7",
                "go1.x",
                "provided",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            overly_permissive_managed_policies: [
                "arn:aws:iam::aws:policy/AdministratorAccess",
                "arn:aws:iam::aws:policy/PowerUserAccess",
                "arn:aws:iam::aws:policy/IAMFullAccess",
                "arn:aws:iam::aws:policy/AmazonS3FullAccess",
                "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
                "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
                "arn:aws:iam::aws:policy/AmazonRDSFullAccess",
                "arn:aws:iam::aws:policy/SecretsManagerReadWrite",
                "arn:aws:iam::aws:policy/AWSLambda_FullAccess",
                "arn:aws:iam::aws:policy/AmazonSQSFullAccess",
                "arn:aws:iam::aws:policy/AmazonSNSFullAccess",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
        }
    }
}

impl Config {
    /// Parses a config file; unknown keys are an error naming the key and line.
    pub fn from_toml(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The defaults as a commented TOML file (`argus config --defaults`).
    pub fn defaults_toml() -> String {
        toml::to_string_pretty(&Config::default()).unwrap_or_default()
    }
}
