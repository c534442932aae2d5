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
/// too common. `ignores` are the config's value patterns: they must be applied here, the only place
/// the values exist.
pub fn reduce_all(vars: &HashMap<String, String>, ignores: &ValueIgnores) -> Vec<EnvVarFacts> {
    let sorted: Vec<(&str, &str)> =
        vars.iter().collect::<BTreeMap<_, _>>().into_iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    reduce_pairs(sorted.iter().copied(), ignores)
}

/// [`reduce_all`] for variables given as a list (an ECS container's `environment`), in their order;
/// a name listed twice is reduced twice, so a repeated name cannot hide a value.
pub fn reduce_pairs<'a>(
    vars: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    ignores: &ValueIgnores,
) -> Vec<EnvVarFacts> {
    let has_access_key = vars.clone().any(|(_, v)| matches_format(v, "aws-access-key-id"));
    vars.map(|(name, value)| EnvVarFacts {
        value_ignored: ignores.matches(value),
        ..facts(name, value, has_access_key)
    })
    .collect()
}

/// The config's `secrets_ignore_values`: globs (`*`, `?`) matched against whole values, case-sensitive.
#[derive(Debug, Default)]
pub struct ValueIgnores(Option<Globs>);

impl ValueIgnores {
    /// Patterns that do not compile (the config rejects them first) ignore nothing.
    pub fn new(patterns: &[String]) -> Self {
        ValueIgnores(Globs::new(patterns, false).ok())
    }

    pub fn matches(&self, value: &str) -> bool {
        self.0.as_ref().is_some_and(|g| g.matches(value))
    }
}

/// Whole-text globs: `*` any run of characters, `?` one character, everything else literal. Compiled
/// into one anchored `RegexSet`: matching is linear in the text whatever the patterns (a backtracking
/// glob matcher is quadratic at worst), and the regex crate is already a dependency.
#[derive(Debug)]
pub struct Globs(regex::RegexSet);

impl Globs {
    pub fn new(patterns: &[String], case_insensitive: bool) -> Result<Self, String> {
        let regexes = patterns.iter().map(|p| {
            let body: String = p
                .chars()
                .map(|c| match c {
                    '*' => ".*".to_string(),
                    '?' => ".".to_string(),
                    c => regex::escape(c.encode_utf8(&mut [0; 4])),
                })
                .collect();
            format!("^(?s{}:{body})$", if case_insensitive { "i" } else { "" })
        });
        regex::RegexSet::new(regexes).map(Globs).map_err(|e| e.to_string())
    }

    pub fn matches(&self, text: &str) -> bool {
        self.0.is_match(text)
    }
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
    let is_reference = is_reference(name, value);
    let entropy = shannon_entropy(value);
    // A reference only silences this heuristic: known formats above are reported whatever the shape.
    if detectors.is_empty() && secret_name && !is_reference && looks_random(value, entropy) {
        detectors.push(SECRET_NAME_HIGH_ENTROPY.to_string());
    }
    EnvVarFacts {
        name: name.to_string(),
        length: value.chars().count(),
        entropy: (entropy * 100.0).round() / 100.0,
        detectors,
        is_reference,
        value_ignored: false,
        masked_preview: masked_preview(value),
    }
}

/// The detector driven by the variable's name (a secret-like name holding a random-looking value),
/// the one a config name pattern silences.
pub const SECRET_NAME_HIGH_ENTROPY: &str = "secret-name-high-entropy";

/// A secret-like name assigned a literal value in a script (`DB_PASSWORD=hunter2`): in a script a
/// literal is a value someone typed in, whatever its entropy. Used for user data, not for
/// environment variables (where short configuration values under such names are common).
pub const SECRET_NAME_LITERAL: &str = "secret-name-literal";

/// The detectors driven by the name alone, which the config's `secrets_ignore_names` silence.
pub fn is_name_driven(detector: &str) -> bool {
    detector == SECRET_NAME_HIGH_ENTROPY || detector == SECRET_NAME_LITERAL
}

pub(crate) fn matches_format(value: &str, id: &str) -> bool {
    FORMATS.iter().any(|(d, re)| *d == id && re.is_match(value))
}

/// Every known credential format in `text`: (detector id, the matched text).
pub(crate) fn format_matches(text: &str) -> Vec<(&'static str, &str)> {
    FORMATS.iter().flat_map(|(id, re)| re.find_iter(text).map(move |m| (*id, m.as_str()))).collect()
}

/// Name fragments that, in a script, say the value assigned is a credential.
const LITERAL_SECRET_KEYWORDS: &[&str] =
    &["password", "passwd", "secret", "token", "api_key", "apikey", "private_key", "access_key"];

/// Name endings that say the value describes a secret rather than being one (`TOKEN_URL`, `PASSWORD_FILE`).
const DESCRIPTIVE_NAME_SUFFIXES: &[&str] =
    &["file", "dir", "url", "uri", "endpoint", "type", "mode", "length", "len", "enabled", "version", "policy"];

/// Values that configure rather than authenticate.
const NON_SECRET_WORDS: &[&str] =
    &["true", "false", "yes", "no", "none", "null", "nil", "required", "optional", "enabled", "disabled"];

/// Whether `name=value` in a script assigns a credential literally: a credential-like name that does
/// not describe or point at the secret, and a literal value that is no reference.
pub fn is_literal_secret_assignment(name: &str, value: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let v = value.trim();
    LITERAL_SECRET_KEYWORDS.iter().any(|k| lower.contains(k))
        && !is_descriptive_name(name)
        && !is_pointer_name(name)
        && v.chars().count() >= 4
        && is_literal_value(v)
        && !NON_SECRET_WORDS.contains(&v.to_ascii_lowercase().as_str())
        && !is_reference(name, v)
}

/// A name that describes a secret rather than holding it (`TOKEN_URL`, `PASSWORD_FILE`).
pub fn is_descriptive_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    DESCRIPTIVE_NAME_SUFFIXES
        .iter()
        .any(|s| lower.strip_suffix(s).is_some_and(|rest| rest.is_empty() || rest.ends_with(['_', '-', '.'])))
}

/// A value typed in as it is: no variable expansion, command substitution or template placeholder.
pub fn is_literal_value(value: &str) -> bool {
    !value.contains(['$', '`', '{', '}', '<', '>', '%']) && !value.trim().contains(char::is_whitespace)
}

pub fn has_secret_keyword(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_NAME_KEYWORDS.iter().any(|k| lower.contains(k))
}

/// Whole values that are explicit pointers: an ARN (an SSM parameter's or a Secrets Manager
/// secret's) or a CloudFormation dynamic reference.
static EXPLICIT_REFERENCE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(?:[0-9]{12})?:\S+",
        r"|\{\{resolve:(?:ssm|ssm-secure|secretsmanager):[^{}\s]+\}\})$"
    ))
    .ok()
});

/// An `ssm:` / `secretsmanager:` reference; the name after the prefix must not look generated.
static PREFIXED_REFERENCE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(?:ssm|secretsmanager):(?://)?([A-Za-z0-9/_+=.@:-]+)$").ok());

/// An SSM parameter path (`/prod/app/api-token`): parameter names allow only these characters.
static PARAMETER_PATH: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"^(?:/[A-Za-z0-9_.-]+)+$").ok());

/// A hierarchical Secrets Manager or parameter name without the leading slash (`prod/app/db`).
static HIERARCHICAL_NAME: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+$").ok());

/// A single secret or parameter name (`db-credentials`), a reference only under a pointer-like name.
static PLAIN_NAME: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"^[A-Za-z0-9_.-]{1,512}$").ok());

/// Variable name endings that say the value points at a secret (`DB_SECRET_NAME`, `TOKEN_PARAM`).
const POINTER_NAME_SUFFIXES: &[&str] = &["arn", "name", "id", "param", "parameter", "path", "ref", "reference"];

/// ARNs, CloudFormation dynamic references, `ssm:`/`secretsmanager:` pointers, parameter paths and
/// secret names point at a secret instead of holding it.
///
/// ARNs and `{{resolve:…}}` must be the whole value. Every other shape (an `ssm:` or
/// `secretsmanager:` name, a path, a hierarchical name, a bare name under a pointer-like variable
/// name) counts only when no part of it looks generated, so a random credential that happens to
/// start with `/` or sit under `..._SECRET_NAME` is still a secret. Known credential formats are
/// detected whatever this says.
pub fn is_reference(name: &str, value: &str) -> bool {
    let v = value.trim();
    let is = |re: &LazyLock<Option<Regex>>| re.as_ref().is_some_and(|re| re.is_match(v));
    if is(&EXPLICIT_REFERENCE) {
        return true;
    }
    if let Some(name) = PREFIXED_REFERENCE.as_ref().and_then(|re| re.captures(v)).and_then(|c| c.get(1)) {
        return !looks_generated(name.as_str());
    }
    let shaped = is(&PARAMETER_PATH) || is(&HIERARCHICAL_NAME) || (is(&PLAIN_NAME) && is_pointer_name(name));
    shaped && !looks_generated(v)
}

pub fn is_pointer_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    POINTER_NAME_SUFFIXES.iter().any(|suffix| {
        lower.strip_suffix(suffix).is_some_and(|rest| {
            // `DB_SECRET_NAME`, `db-secret-name`, or camelCase `dbSecretName`.
            let camel = name[rest.len()..].starts_with(|c: char| c.is_ascii_uppercase())
                && name[..rest.len()].ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit());
            rest.ends_with(['_', '-']) || camel
        })
    })
}

/// Whether a value reads as machine-generated rather than named by a person: high overall entropy,
/// or a run of letters and digits that switches character class as often as random text does
/// (`K7MDENGbPxRfiCYw`, not `OAuth2ClientSecret` or `DB_PASSWORD`).
fn looks_generated(value: &str) -> bool {
    shannon_entropy(value) >= 4.5 || value.split(|c: char| !c.is_ascii_alphanumeric()).any(run_looks_generated)
}

fn run_looks_generated(run: &str) -> bool {
    fn class(c: u8) -> u8 {
        if c.is_ascii_uppercase() {
            0
        } else if c.is_ascii_lowercase() {
            1
        } else {
            2
        }
    }
    let bytes = run.as_bytes();
    if bytes.len() < 8 {
        return false;
    }
    let has = |k| bytes.iter().any(|&c| class(c) == k);
    let switches = bytes.windows(2).filter(|w| class(w[0]) != class(w[1])).count() as f64;
    let switch_rate = switches / (bytes.len() - 1) as f64;
    let (upper, lower, digit) = (has(0), has(1), has(2));
    // Random base64 switches class at ~60 % of positions; words in camelCase at ~30 %.
    (upper && lower && digit && switch_rate >= 0.4) || (bytes.len() >= 16 && upper && lower && switch_rate >= 0.45)
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
        let f = reduce_all(
            &vars(&[("MY_KEY", "AKIAIOSFODNN7EXAMPLE"), ("MY_OTHER", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]),
            &ValueIgnores::default(),
        );
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
    fn value_patterns_mark_matching_values_and_only_those() {
        let ignores = ValueIgnores::new(&["/prod/*".to_string(), "AKIAIOSFODNN7EXAMPLE".to_string()]);
        let f = reduce_all(
            &vars(&[
                ("A_KEY", "AKIAIOSFODNN7EXAMPLE"),
                ("B_KEY", "AKIAI44QH8DHBEXAMPLE"),
                ("C_PASSWORD", "/prod/Zq8#rT2!mW9$kP4@"),
                ("D_PASSWORD", "/PROD/Zq8#rT2!mW9$kP4@"),
            ]),
            &ignores,
        );
        let ignored: Vec<(&str, bool)> = f.iter().map(|v| (v.name.as_str(), v.value_ignored)).collect();
        assert_eq!(ignored, [("A_KEY", true), ("B_KEY", false), ("C_PASSWORD", true), ("D_PASSWORD", false)]);
        // The facts themselves are kept: the check decides, and says what was ignored.
        assert_eq!(f[0].detectors, vec!["aws-access-key-id"]);
    }

    #[test]
    fn globs_match_whole_texts_with_star_and_question_mark_only() {
        let g = Globs::new(&["/prod/*".into(), "a?c".into(), "x.y+(z)".into()], false).unwrap();
        for yes in ["/prod/", "/prod/app/token", "abc", "a\nc", "x.y+(z)"] {
            assert!(g.matches(yes), "{yes:?}");
        }
        for no in ["/PROD/app", "x/prod/app", "abcd", "xxy+(z)", "x.yy(z)"] {
            assert!(!g.matches(no), "{no:?}");
        }
        assert!(Globs::new(&["*_param".into()], true).unwrap().matches("DB_TOKEN_PARAM"));
        assert!(!Globs::new(&[], false).unwrap().matches(""));
    }

    #[test]
    fn pointer_like_names() {
        for name in ["DB_SECRET_NAME", "token-param", "dbSecretArn", "API_KEY_PATH", "SECRET_ID"] {
            assert!(is_pointer_name(name), "{name}");
        }
        for name in ["DB_PASSWORD", "USERNAME", "TOKEN", "SECRET_IDENTITY", "PARAMNAME_X"] {
            assert!(!is_pointer_name(name), "{name}");
        }
    }

    /// Pointers to a secret, under names that sound secret: the recommended pattern, not a leak.
    const REFERENCES: &[(&str, &str)] = &[
        ("API_TOKEN_PARAM", "/prod/app/api-token"),
        ("DB_PASSWORD_PARAM", "/myapp/prod/DB_PASSWORD"),
        ("STRIPE_SECRET_PATH", "/payments/production/stripe/secret-key"),
        ("OAUTH_SECRET_PARAMETER", "/auth/v2/OAuth2ClientSecret"),
        ("API_TOKEN_PARAM_ARN", "arn:aws:ssm:us-east-1:123456789012:parameter/prod/app/api-token"),
        ("DB_SECRET_ARN", "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:prod/db-AbC123"),
        ("DB_SECRET_NAME", "prod/app/db-credentials"),
        ("DB_SECRET_NAME", "db-credentials"),
        ("DB_SECRET_ID", "payments_database_password"),
        ("API_TOKEN", "{{resolve:ssm:/prod/token}}"),
        ("DB_PASSWORD", "{{resolve:secretsmanager:prod/db:SecretString:password}}"),
        ("DB_PASSWORD", "{{resolve:ssm-secure:/prod/db/password:3}}"),
        ("API_TOKEN", "ssm:/prod/app/api-token"),
        ("API_TOKEN", "ssm://prod/app/api-token"),
        ("DB_PASSWORD", "secretsmanager:prod/app/db-credentials"),
    ];

    #[test]
    fn parameter_paths_and_secret_names_are_references() {
        for (name, value) in REFERENCES {
            let f = facts(name, value, false);
            assert!(f.is_reference, "{name}={value} is a reference");
            assert!(f.detectors.is_empty(), "{name}={value}: {:?}", f.detectors);
        }
    }

    /// Secrets dressed as references: a leading slash, a pointer-like name or a reference prefix
    /// never hides a generated value or a known credential format.
    const SECRETS_SHAPED_LIKE_REFERENCES: &[(&str, &str)] = &[
        ("API_TOKEN_PARAM", "/K7MDENGbPxRfiCYw/JalrXUtnFEMI9aQ2"),
        ("DB_PASSWORD", "/Xk9pQ2mZ7L4rT8vN3wB"),
        ("DB_SECRET_NAME", "Xk9pQ2mZ7L4rT8vN3wBq"),
        ("DB_SECRET_NAME", "prod/Xk9pQ2mZ7L4rT8vN3wBq"),
        ("API_TOKEN", "{{resolve:ssm:/x}}Zq8#rT2!mW9$kP4@"),
        ("DB_PASSWORD", "arn:Zq8#rT2!mW9$kP4@xY"),
        ("DB_PASSWORD", "ssm:Zq8#rT2!mW9$kP4@ Zq8#rT2"),
        ("API_TOKEN", "ssm:Xk9pQ2mZ7L4rT8vN3wBq"),
        ("TOKEN_PARAM", "/AKIAIOSFODNN7EXAMPLE"),
        (
            "DB_SECRET_ARN",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:x ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        ),
        ("SECRET_PATH", "/byr6viLWrpsUBj9DK/UDOhZEaqPQDcEVqGbH83I"),
    ];

    #[test]
    fn secrets_shaped_like_references_are_still_secrets() {
        for (name, value) in SECRETS_SHAPED_LIKE_REFERENCES {
            let f = facts(name, value, false);
            assert!(!f.detectors.is_empty(), "{name}={value} must be reported: {f:?}");
        }
        // Whatever the shape, a known format is reported even when the value is a reference.
        let pem = facts("KEY_PATH", "/-----BEGIN RSA PRIVATE KEY-----", false);
        assert_eq!(pem.detectors, vec!["private-key"]);
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
