//! Reduces a Lambda environment variable to facts, so its value never has to be stored.
//!
//! The collector calls [`facts`] with the value while it is in memory and keeps only the result:
//! the value's length, entropy, the credential formats it matched, whether it is a reference, and a
//! masked preview too short to be useful. See `awslambda_function_no_secrets_in_variables`.

use crate::snapshot::EnvVarFacts;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// Name fragments that mark a variable as meant to hold a secret.
pub const SECRET_NAME_KEYWORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "secret",
    "token",
    "api_key",
    "apikey",
    "private_key",
    "privatekey",
    "credential",
    "auth",
    "access_key",
];

/// Known credential formats: (detector id, pattern). Matching any of these flags the value whatever
/// the variable is called.
static FORMATS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("aws-access-key-id", r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"),
        ("private-key", r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY( BLOCK)?-----"),
        ("github-token", r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"),
        ("slack-token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
        ("stripe-key", r"\b(?:sk|rk)_live_[A-Za-z0-9]{16,}"),
        ("google-api-key", r"\bAIza[0-9A-Za-z_-]{35}\b"),
        ("jwt", r"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}"),
        ("url-with-password", r"[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@[^\s]+"),
    ]
    .into_iter()
    .filter_map(|(id, re)| Regex::new(re).ok().map(|r| (id, r)))
    .collect()
});

static AWS_SECRET_KEY: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"^[A-Za-z0-9/+=]{40}$").ok());

/// Reduces every variable of one function. AWS secret keys are recognised by shape (40 base64
/// characters) only next to an access key id or under a secret-like name, since the shape alone is
/// too common.
pub fn reduce_all(vars: &HashMap<String, String>) -> Vec<EnvVarFacts> {
    let has_access_key = vars.values().any(|v| matches_format(v, "aws-access-key-id"));
    let sorted: BTreeMap<&String, &String> = vars.iter().collect();
    sorted.into_iter().map(|(name, value)| facts(name, value, has_access_key)).collect()
}

/// The facts about one variable.
pub fn facts(name: &str, value: &str, next_to_access_key: bool) -> EnvVarFacts {
    let mut detectors: Vec<String> =
        FORMATS.iter().filter(|(_, re)| re.is_match(value)).map(|(id, _)| id.to_string()).collect();
    let secret_name = has_secret_keyword(name);
    if AWS_SECRET_KEY.as_ref().is_some_and(|re| re.is_match(value))
        && (next_to_access_key || secret_name || name.to_ascii_lowercase().contains("aws"))
    {
        detectors.push("aws-secret-access-key".to_string());
    }
    let is_reference = is_reference(value);
    let entropy = shannon_entropy(value);
    if detectors.is_empty() && secret_name && !is_reference && looks_random(value, entropy) {
        detectors.push("secret-name-high-entropy".to_string());
    }
    EnvVarFacts {
        name: name.to_string(),
        length: value.chars().count(),
        entropy: (entropy * 100.0).round() / 100.0,
        detectors,
        is_reference,
        masked_preview: masked_preview(value),
    }
}

fn matches_format(value: &str, id: &str) -> bool {
    FORMATS.iter().any(|(d, re)| *d == id && re.is_match(value))
}

pub fn has_secret_keyword(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_NAME_KEYWORDS.iter().any(|k| lower.contains(k))
}

/// ARNs, CloudFormation dynamic references and SSM / Secrets Manager pointers name a secret
/// instead of holding it.
pub fn is_reference(value: &str) -> bool {
    let v = value.trim();
    v.starts_with("arn:")
        || v.starts_with("{{resolve:")
        || v.starts_with("ssm:")
        || v.starts_with("ssm://")
        || v.starts_with("secretsmanager:")
}

/// Entropy high enough for a generated secret. Hex alphabets carry at most 4 bits per character,
/// so they get a lower bar; short values cannot reach 4.5 bits, so the bar scales with length.
fn looks_random(value: &str, entropy: f64) -> bool {
    let len = value.chars().count();
    if len < 8 {
        return false;
    }
    let is_hex = value.chars().all(|c| c.is_ascii_hexdigit());
    let bar: f64 = if is_hex { 3.0 } else { 4.5 };
    entropy >= bar.min(0.8 * (len as f64).log2())
}

pub fn shannon_entropy(value: &str) -> f64 {
    let mut counts: HashMap<char, usize> = HashMap::new();
    let mut total = 0usize;
    for c in value.chars() {
        *counts.entry(c).or_default() += 1;
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    counts
        .values()
        .map(|&n| {
            let p = n as f64 / total as f64;
            -p * p.log2()
        })
        .sum()
}

/// At most 4 leading characters, and fewer for short values, so a preview never reveals a secret.
pub fn masked_preview(value: &str) -> String {
    let len = value.chars().count();
    let shown = match len {
        0..=7 => 0,
        8..=15 => 2,
        _ => 4,
    };
    let head: String = value.chars().take(shown).collect();
    format!("{head}****")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn aws_key_pair_is_detected_and_masked() {
        let f = reduce_all(&vars(&[
            ("MY_KEY", "AKIAIOSFODNN7EXAMPLE"),
            ("MY_OTHER", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ]));
        assert_eq!(f[0].detectors, vec!["aws-access-key-id"]);
        assert_eq!(f[0].masked_preview, "AKIA****");
        assert_eq!(f[1].detectors, vec!["aws-secret-access-key"]);
        assert!(!f[1].masked_preview.contains("EXAMPLE"));
    }

    #[test]
    fn keyword_plus_entropy_flags_passwords_but_not_config() {
        assert!(!facts("DB_PASSWORD", "Zq8#rT2!mW9$kP4@", false).detectors.is_empty());
        assert!(facts("LOG_LEVEL", "Zq8#rT2!mW9$kP4@", false).detectors.is_empty());
        assert!(facts("AUTH_MODE", "enabled", false).detectors.is_empty());
        assert!(facts("TOKEN_TYPE", "bearerbearer", false).detectors.is_empty());
    }

    #[test]
    fn references_are_not_secrets() {
        let f = facts("DB_PASSWORD_SECRET", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbC123", false);
        assert!(f.is_reference);
        assert!(f.detectors.is_empty());
        assert!(facts("API_TOKEN", "{{resolve:ssm:/prod/token}}", false).detectors.is_empty());
    }

    #[test]
    fn known_formats_fire_regardless_of_name() {
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIE...";
        assert_eq!(facts("X", pem, false).detectors, vec!["private-key"]);
        assert_eq!(
            facts("X", "postgres://admin:hunter2@db.internal:5432/app", false).detectors,
            vec!["url-with-password"]
        );
        assert_eq!(facts("X", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", false).detectors, vec!["github-token"]);
        assert_eq!(facts("X", "xoxb-1234567890-abcdefghij", false).detectors, vec!["slack-token"]);
        assert!(facts("X", "https://example.com/path", false).detectors.is_empty());
    }

    #[test]
    fn previews_never_show_short_values() {
        assert_eq!(masked_preview("hunter2"), "****");
        assert_eq!(masked_preview("hunter22"), "hu****");
        assert_eq!(masked_preview("ünïcødé-välüé-lõñg"), "ünïc****");
        assert_eq!(masked_preview(""), "****");
    }

    #[test]
    fn entropy_is_sane() {
        assert_eq!(shannon_entropy(""), 0.0);
        assert_eq!(shannon_entropy("aaaa"), 0.0);
        assert!((shannon_entropy("ab") - 1.0).abs() < 1e-9);
    }
}
