//! Thresholds and tunables, read from one TOML file (`--config`). Every field has a documented default.

use serde::{Deserialize, Serialize};

/// The largest day count a threshold may hold (a century): far beyond any sensible policy, and far
/// from overflowing date arithmetic.
const MAX_DAYS: i64 = 36_500;

/// The longest ignore pattern accepted (Secrets Manager ARNs and SSM paths are far shorter).
const MAX_PATTERN_CHARS: usize = 2048;

/// The most patterns in one ignore list: they are compiled into one automaton.
const MAX_PATTERNS: usize = 1000;

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
    /// EC2 instances stopped for more than this many days FAIL (FSBP EC2.4's default, Prowler's key).
    pub max_ec2_instance_stopped_days: i64,
    /// A service a user's or role's policies grant, unused (per IAM's service last-accessed report)
    /// for more than this many days, FAILs iam_principal_unused_services.
    pub max_unused_service_days: i64,
    /// Bedrock granted and unused for more than this many days FAILs (Prowler's key and default).
    pub max_unused_bedrock_access_days: i64,
    /// SageMaker granted and unused for more than this many days FAILs (Prowler's key and default).
    pub max_unused_sagemaker_access_days: i64,
    /// TCP ports considered high risk when open to the internet (databases, caches, admin consoles).
    pub high_risk_tcp_ports: Vec<u16>,
    /// TCP ports a security group may open to 0.0.0.0/0 or ::/0 (FSBP EC2.18's `authorizedTcpPorts`).
    pub authorized_tcp_ports: Vec<u16>,
    /// UDP ports a security group may open to the internet (FSBP EC2.18's `authorizedUdpPorts`).
    pub authorized_udp_ports: Vec<u16>,
    /// Lambda runtimes that no longer receive security updates.
    pub deprecated_lambda_runtimes: Vec<String>,
    /// AWS managed policies treated as overly permissive for a Lambda execution role.
    pub overly_permissive_managed_policies: Vec<String>,
    /// The latest Fargate platform version for Linux tasks: a Fargate service pinned to another version
    /// (rather than `LATEST`) FAILs. Raise it when AWS releases a new one.
    pub fargate_linux_latest_version: String,
    /// The latest Fargate platform version for Windows tasks, likewise.
    pub fargate_windows_latest_version: String,
    /// Lambda environment variable names whose value is not judged by its name (globs: `*` any run,
    /// `?` one character; case-insensitive), e.g. `*_PARAM`. Known credential formats (access keys,
    /// private keys, tokens…) are still reported under any name.
    pub secrets_ignore_names: Vec<String>,
    /// Lambda environment values never reported as secrets (globs: `*`, `?`; case-sensitive), e.g.
    /// `/prod/*` or a documented example key. Matched while collecting, the only time argus holds a
    /// value: they need `--config` on `scan` or `collect`, and a saved snapshot keeps the result.
    pub secrets_ignore_values: Vec<String>,
    /// Other AWS accounts (12-digit ids) trusted to connect to the account's VPC endpoint services
    /// (Prowler's `trusted_account_ids`); the audited account is always trusted.
    pub trusted_account_ids: Vec<String>,
    /// AWS Organizations ids (`o-…`) whose principals a secret may admit (Prowler's
    /// `organizations_trusted_ids`): when set, secretsmanager_has_restrictive_resource_policy also
    /// requires a Deny to everyone outside them (StringNotEquals aws:PrincipalOrgID).
    pub organizations_trusted_ids: Vec<String>,
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
            max_ec2_instance_stopped_days: 30,
            max_unused_service_days: 90,
            max_unused_bedrock_access_days: 60,
            max_unused_sagemaker_access_days: 90,
            high_risk_tcp_ports: vec![
                20, 21, 23, 25, 110, 135, 139, 143, 445, 1433, 1434, 1521, 2375, 2376, 2483, 3000, 3306, 3389, 4333,
                5000, 5432, 5500, 5601, 5984, 6379, 7000, 7001, 7199, 8020, 8080, 8088, 8888, 9042, 9092, 9160, 9200,
                9300, 11211, 27017, 27018, 50070,
            ],
            authorized_tcp_ports: vec![80, 443],
            authorized_udp_ports: vec![],
            deprecated_lambda_runtimes: lines(include_str!("../../data/deprecated-lambda-runtimes.txt")),
            overly_permissive_managed_policies: lines(include_str!(
                "../../data/overly-permissive-managed-policies.txt"
            )),
            fargate_linux_latest_version: "1.4.0".into(),
            fargate_windows_latest_version: "1.0.0".into(),
            secrets_ignore_names: vec![],
            secrets_ignore_values: vec![],
            trusted_account_ids: vec![],
            organizations_trusted_ids: vec![],
        }
    }
}

/// The entries of a bundled list, one per line.
fn lines(text: &str) -> Vec<String> {
    text.lines().map(String::from).collect()
}

impl Config {
    /// Parses a config file; unknown keys are an error naming the key and line, and a threshold
    /// outside its allowed range is an error naming the key and the range.
    pub fn from_toml(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        config.validate()?;
        Ok(config)
    }

    /// Every numeric threshold within the range where it still means something. Outside it a check
    /// could PASS whatever the account holds (a minimum password length of -2147483648) or overflow
    /// date arithmetic (a day count near `i64::MAX`).
    pub fn validate(&self) -> Result<(), String> {
        let days = |key, value: i64| (key, value, 1, MAX_DAYS, "days");
        let checks: [(&str, i64, i64, i64, &str); 12] = [
            days("max_unused_credential_days", self.max_unused_credential_days),
            days("max_access_key_age_days", self.max_access_key_age_days),
            days("root_usage_days", self.root_usage_days),
            days("secret_max_rotation_days", self.secret_max_rotation_days),
            days("secret_max_unused_days", self.secret_max_unused_days),
            days("max_ec2_instance_stopped_days", self.max_ec2_instance_stopped_days),
            days("max_unused_service_days", self.max_unused_service_days),
            days("max_unused_bedrock_access_days", self.max_unused_bedrock_access_days),
            days("max_unused_sagemaker_access_days", self.max_unused_sagemaker_access_days),
            // The ranges IAM itself accepts for an account password policy.
            ("password_min_length", self.password_min_length.into(), 6, 128, "characters, IAM's limits"),
            ("password_reuse_prevention", self.password_reuse_prevention.into(), 1, 24, "passwords, IAM's limits"),
            ("password_max_age_days", self.password_max_age_days.into(), 1, 1095, "days, IAM's limits"),
        ];
        for (key, value, min, max, unit) in checks {
            if !(min..=max).contains(&value) {
                return Err(format!("{key} = {value} is out of range: allowed {min} to {max} ({unit})"));
            }
        }
        for (key, version) in [
            ("fargate_linux_latest_version", &self.fargate_linux_latest_version),
            ("fargate_windows_latest_version", &self.fargate_windows_latest_version),
        ] {
            // An empty version would FAIL every pinned Fargate service whatever it runs.
            if version.trim().is_empty() {
                return Err(format!("{key} must name a platform version, such as 1.4.0"));
            }
        }
        // An id that is not 12 digits would never match a principal: surely a typo.
        if let Some(id) =
            self.trusted_account_ids.iter().find(|id| id.len() != 12 || !id.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format!("trusted_account_ids: {id:?} is not a 12-digit AWS account id"));
        }
        for (key, patterns) in [
            ("secrets_ignore_names", &self.secrets_ignore_names),
            ("secrets_ignore_values", &self.secrets_ignore_values),
        ] {
            // An empty pattern matches nothing and is surely a mistake; the length cap keeps matching cheap.
            if let Some(i) = patterns.iter().position(|p| p.is_empty() || p.chars().count() > MAX_PATTERN_CHARS) {
                return Err(format!("{key}[{i}] must be 1 to {MAX_PATTERN_CHARS} characters long"));
            }
            if patterns.len() > MAX_PATTERNS {
                return Err(format!("{key} has {} patterns; at most {MAX_PATTERNS} are allowed", patterns.len()));
            }
            crate::env_facts::Globs::new(patterns, false).map_err(|e| format!("{key}: {e}"))?;
        }
        Ok(())
    }

    /// The defaults as a commented TOML file (`argus config --defaults`).
    pub fn defaults_toml() -> String {
        toml::to_string_pretty(&Config::default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trusted_account_ids_are_twelve_digits() {
        let c = Config::from_toml("trusted_account_ids = [\"210987654321\"]").unwrap();
        assert_eq!(c.trusted_account_ids, vec!["210987654321".to_string()]);
        for bad in ["\"21098765432\"", "\"arn:aws:iam::210987654321:root\"", "\"*\""] {
            let err = Config::from_toml(&format!("trusted_account_ids = [{bad}]")).unwrap_err();
            assert!(err.contains("trusted_account_ids"), "{err}");
        }
    }

    #[test]
    fn defaults_round_trip_and_are_in_range() {
        let text = Config::defaults_toml();
        assert_eq!(Config::from_toml(&text).unwrap(), Config::default());
    }

    #[test]
    fn absurd_thresholds_are_rejected_naming_key_and_range() {
        for (line, key) in [
            ("password_min_length = -2147483648", "password_min_length"),
            ("password_min_length = 0", "password_min_length"),
            ("password_min_length = 129", "password_min_length"),
            ("password_reuse_prevention = 0", "password_reuse_prevention"),
            ("password_reuse_prevention = 25", "password_reuse_prevention"),
            ("password_max_age_days = -1", "password_max_age_days"),
            ("password_max_age_days = 1096", "password_max_age_days"),
            ("max_unused_credential_days = 9223372036854775807", "max_unused_credential_days"),
            ("max_access_key_age_days = -9223372036854775808", "max_access_key_age_days"),
            ("root_usage_days = 0", "root_usage_days"),
            ("secret_max_rotation_days = 9223372036854775000", "secret_max_rotation_days"),
            ("secret_max_unused_days = -5", "secret_max_unused_days"),
            ("max_ec2_instance_stopped_days = 0", "max_ec2_instance_stopped_days"),
            ("max_ec2_instance_stopped_days = 36501", "max_ec2_instance_stopped_days"),
        ] {
            let err = Config::from_toml(line).expect_err(line);
            assert!(err.contains(key) && err.contains("allowed"), "{line}: {err}");
        }
    }

    #[test]
    fn authorized_ports_are_read() {
        assert_eq!(
            (Config::default().authorized_tcp_ports, Config::default().authorized_udp_ports),
            (vec![80, 443], vec![])
        );
        let c = Config::from_toml("authorized_tcp_ports = [443]\nauthorized_udp_ports = [500, 4500]").unwrap();
        assert_eq!((c.authorized_tcp_ports, c.authorized_udp_ports), (vec![443], vec![500, 4500]));
        assert!(Config::from_toml("authorized_tcp_ports = [70000]").is_err());
    }

    #[test]
    fn empty_fargate_versions_are_rejected() {
        let err = Config::from_toml("fargate_windows_latest_version = \" \"").unwrap_err();
        assert!(err.contains("fargate_windows_latest_version"), "{err}");
        let c = Config::from_toml("fargate_linux_latest_version = \"1.5.0\"").unwrap();
        assert_eq!(c.fargate_linux_latest_version, "1.5.0");
    }

    #[test]
    fn ignore_patterns_are_read_and_empty_ones_rejected() {
        let c =
            Config::from_toml("secrets_ignore_names = [\"*_PARAM\"]\nsecrets_ignore_values = [\"/prod/*\"]").unwrap();
        assert_eq!((c.secrets_ignore_names, c.secrets_ignore_values), (vec!["*_PARAM".into()], vec!["/prod/*".into()]));
        let err = Config::from_toml("secrets_ignore_values = [\"/a\", \"\"]").unwrap_err();
        assert!(err.contains("secrets_ignore_values[1]"), "{err}");
    }

    #[test]
    fn the_bounds_themselves_are_accepted() {
        let text = "password_min_length = 6\npassword_reuse_prevention = 24\npassword_max_age_days = 1095\n\
                    max_unused_credential_days = 1\nroot_usage_days = 36500\n";
        let c = Config::from_toml(text).unwrap();
        assert_eq!((c.password_min_length, c.password_reuse_prevention), (6, 24));
        assert_eq!((c.max_unused_credential_days, c.root_usage_days), (1, 36500));
    }
}
