//! Check metadata: one TOML file per check under `checks/<service>/<id>.toml`, embedded at build time.
//! The metadata file is the check's user documentation (`argus checks show ID` prints it).

use super::Severity;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/check_files.rs"));
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CheckMetadata {
    pub id: String,
    pub title: String,
    /// Service family: iam, s3, ec2, vpc, rds, awslambda, secretsmanager, kms, cloudtrail.
    pub service: String,
    /// The AWS resource type judged, e.g. `AwsS3Bucket`, `AwsIamUser`, `AwsAccount`.
    pub resource_type: String,
    pub severity: Severity,
    /// Why this severity (the starting point in checks-scope.md was adjusted per check).
    pub severity_rationale: String,
    pub description: String,
    pub risk: String,
    pub remediation: Remediation,
    pub references: Vec<String>,
    pub compliance: Compliance,
    /// Prowler checks this check answers under another id (see `crate::prowler`): their ids are
    /// accepted wherever a check id is, and findings name them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prowler_aliases: Vec<ProwlerAlias>,
    /// Set for a check that is slow or costly by nature: it runs, and its data is collected, only
    /// when named in `--checks` (by id or alias) or with `--include-opt-in`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opt_in: Option<OptIn>,
    /// Collections the check reads that cost requests beyond its service's usual reads: the
    /// collector gathers one only when a selected check declares it (`checks::selects_reader_of`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reads: Vec<CostlyRead>,
}

/// A collection gathered only for the checks that declare they read it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CostlyRead {
    /// IAM's service last-accessed reports (`IamSnapshot::service_last_accessed`): one IAM job per user
    /// and role.
    ServiceLastAccessed,
    /// The attack-path graph (`crate::paths`), whose resources running as a role (Glue dev endpoints,
    /// SageMaker notebooks, CloudFormation stacks: `Snapshot::role_runners`) are listed per region.
    AttackPaths,
}

/// Why a check is opt-in, and how its collection is bounded.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OptIn {
    /// Why it does not run by default (what makes it slow or costly).
    pub reason: String,
    /// The bounds of its collection (pages, events, time) and what a finding says when one is hit.
    pub bounds: String,
}

/// A Prowler check answered by an argus check of another id.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProwlerAlias {
    pub id: String,
    /// The TCP ports the Prowler check looks at, when it covers only part of what the argus check
    /// judges: then only the findings about these ports answer it (a mutelist entry for this id mutes
    /// nothing else). Empty: every finding of the check answers it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tcp_ports: Vec<u16>,
}

impl ProwlerAlias {
    /// Whether only some findings of the check answer this alias.
    pub fn is_scoped(&self) -> bool {
        !self.tcp_ports.is_empty()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Remediation {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cli: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terraform: Option<String>,
}

/// Requirement ids per framework. Empty lists are allowed: not every check maps to every framework.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Compliance {
    #[serde(default, rename = "cis-5.0")]
    pub cis_5_0: Vec<String>,
    #[serde(default, rename = "cis-7.0")]
    pub cis_7_0: Vec<String>,
    #[serde(default)]
    pub fsbp: Vec<String>,
}

/// A metadata file that failed to load, with the reason (tests turn these into failures).
#[derive(Debug, Clone)]
pub struct MetadataError {
    pub file: String,
    pub message: String,
}

static LOADED: LazyLock<(Vec<CheckMetadata>, Vec<MetadataError>)> = LazyLock::new(|| {
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for (file, text) in embedded::CHECK_FILES {
        match toml::from_str::<CheckMetadata>(text) {
            Ok(meta) => ok.push(meta),
            Err(e) => errors.push(MetadataError { file: file.to_string(), message: e.to_string() }),
        }
    }
    ok.sort_by(|a, b| a.id.cmp(&b.id));
    (ok, errors)
});

/// Every embedded check's metadata, sorted by id.
pub fn all() -> &'static [CheckMetadata] {
    &LOADED.0
}

#[cfg(test)]
/// Every embedded metadata file: (path relative to `checks/`, `/`-separated; its text).
pub(crate) fn embedded_files() -> &'static [(&'static str, &'static str)] {
    embedded::CHECK_FILES
}

/// Metadata files that did not parse (should always be empty; a test enforces it).
pub fn load_errors() -> &'static [MetadataError] {
    &LOADED.1
}

pub fn find(id: &str) -> Option<&'static CheckMetadata> {
    all().iter().find(|m| m.id == id)
}

/// The raw TOML of a check's metadata file, for `argus checks show`.
pub fn source(id: &str) -> Option<&'static str> {
    embedded::CHECK_FILES
        .iter()
        .find(|(_, text)| toml::from_str::<CheckMetadata>(text).is_ok_and(|m| m.id == id))
        .map(|(_, text)| *text)
}

impl CheckMetadata {
    /// Every text field that must not be empty (a test checks all of them).
    pub fn empty_fields(&self) -> Vec<&'static str> {
        let fields: [(&'static str, &str); 9] = [
            ("id", &self.id),
            ("title", &self.title),
            ("service", &self.service),
            ("resource_type", &self.resource_type),
            ("severity_rationale", &self.severity_rationale),
            ("description", &self.description),
            ("risk", &self.risk),
            ("remediation.text", &self.remediation.text),
            ("references", if self.references.is_empty() { "" } else { "x" }),
        ];
        let opt_in: [(&'static str, &str); 2] = match &self.opt_in {
            Some(o) => [("opt_in.reason", &o.reason), ("opt_in.bounds", &o.bounds)],
            None => [("opt_in.reason", "x"), ("opt_in.bounds", "x")],
        };
        fields.into_iter().chain(opt_in).filter(|(_, v)| v.trim().is_empty()).map(|(k, _)| k).collect()
    }

    /// The alias of this check named `id`, if any.
    pub fn alias(&self, id: &str) -> Option<&ProwlerAlias> {
        self.prowler_aliases.iter().find(|a| a.id == id)
    }
}
