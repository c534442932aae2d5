//! How a check states secrets found in values argus reduced to facts (Lambda and ECS environments,
//! EC2 user data): which detectors still count once the config's patterns apply, and how an item is
//! named in a message — name, detectors and masked preview, never a value.

use crate::engine::Config;
use crate::env_facts::{is_name_driven, Globs};
use crate::snapshot::{EnvVarFacts, UserDataFacts};

/// The config's `secrets_ignore_names`, compiled once per check run.
pub(crate) struct SecretFilter(Option<Globs>);

impl SecretFilter {
    pub(crate) fn new(config: &Config) -> Self {
        // The config has compiled these already (Config::validate); an error here ignores no name.
        SecretFilter(Globs::new(&config.secrets_ignore_names, true).ok())
    }

    /// The detectors of `v` that still count: none when its value matched `secrets_ignore_values`,
    /// and no name-driven one when its name matches `secrets_ignore_names` (a known credential
    /// format under an ignored name is still reported).
    pub(crate) fn counted<'v>(&self, v: &'v EnvVarFacts) -> Vec<&'v str> {
        if v.value_ignored {
            return vec![];
        }
        let name_ignored = self.0.as_ref().is_some_and(|g| g.matches(&v.name));
        v.detectors.iter().map(String::as_str).filter(|d| !(name_ignored && is_name_driven(d))).collect()
    }

    /// Whether a whole name (an SSM parameter's) is ignored by the config.
    pub(crate) fn name_ignored(&self, name: &str) -> bool {
        self.0.as_ref().is_some_and(|g| g.matches(name))
    }
}

/// `NAME (detector, preview "ab****")`.
pub(crate) fn describe(v: &EnvVarFacts, detectors: &[&str]) -> String {
    format!("{} ({}, preview {:?})", v.name, detectors.join(", "), v.masked_preview)
}

/// What the scan of one user-data text says once the config's patterns apply.
pub(crate) struct UserDataVerdict {
    /// `line N: NAME (detectors, preview …)` for each counted secret.
    pub(crate) secrets: Vec<String>,
    /// Secrets found but not kept in the snapshot (the list is bounded).
    pub(crate) more: usize,
    /// Secret-looking items the config's patterns silenced.
    pub(crate) ignored: usize,
    /// Why part of it was not scanned.
    pub(crate) unscanned: Option<String>,
}

impl UserDataVerdict {
    pub(crate) fn of(filter: &SecretFilter, facts: &UserDataFacts) -> Self {
        let mut secrets = Vec::new();
        let mut ignored = 0;
        for s in &facts.secrets {
            let detectors = filter.counted(&s.facts);
            if detectors.is_empty() {
                ignored += 1;
            } else {
                secrets.push(format!("line {}: {}", s.line, describe(&s.facts, &detectors)));
            }
        }
        UserDataVerdict { secrets, more: facts.more_secrets, ignored, unscanned: facts.unscanned.clone() }
    }

    /// The secrets as one list for a message: `a; b (and 3 more)`.
    pub(crate) fn listed(&self) -> String {
        match self.more {
            0 => self.secrets.join("; "),
            n => format!("{} (and {n} more)", self.secrets.join("; ")),
        }
    }

    pub(crate) fn ignored_note(&self) -> String {
        match self.ignored {
            0 => String::new(),
            n => format!(
                " ({n} secret-looking item(s) ignored by the config's secrets_ignore_names/secrets_ignore_values)"
            ),
        }
    }
}

/// Fixture user data: (line, name, detector, preview) per secret found.
#[cfg(test)]
pub(crate) fn user_data_with(secrets: &[(usize, &str, &str, &str)]) -> UserDataFacts {
    UserDataFacts {
        size: 512,
        secrets: secrets
            .iter()
            .map(|(line, name, detector, preview)| crate::snapshot::TextSecret {
                line: *line,
                facts: EnvVarFacts {
                    name: name.to_string(),
                    length: 20,
                    entropy: 4.0,
                    detectors: vec![detector.to_string()],
                    is_reference: false,
                    value_ignored: false,
                    masked_preview: preview.to_string(),
                },
            })
            .collect(),
        ..Default::default()
    }
}
