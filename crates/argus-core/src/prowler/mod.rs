//! Prowler's AWS check catalogue and argus's answer to each of its ids.
//!
//! Users bring Prowler ids to argus: in `--checks`, `--exclude-checks` and mutelists. Each id is
//! either an argus check of the same id, an alias declared in an argus check's metadata
//! (`prowler_aliases`), a Prowler check argus does not implement (the reason is in
//! `data/prowler-not-implemented.tsv`), or not a check id at all. The catalogue
//! (`data/prowler-checks-aws.tsv`: service, id, severity, title) is Prowler's public check list, bundled
//! so that an id argus knows but does not implement is reported as such rather than as a typo.

pub mod parity_doc;

use crate::engine::metadata::{self, CheckMetadata, ProwlerAlias};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::LazyLock;

/// The Prowler services argus audits (Prowler's service names).
pub const AUDITED_SERVICES: &[&str] = &[
    "iam",
    "s3",
    "ec2",
    "vpc",
    "rds",
    "awslambda",
    "secretsmanager",
    "kms",
    "cloudtrail",
    "efs",
    "guardduty",
    "securityhub",
    "config",
    "accessanalyzer",
    "macie",
    "inspector2",
    "ssm",
    "ecs",
    "elbv2",
    "elb",
    "backup",
    "sqs",
    "ecr",
    "account",
];

/// One Prowler check: its service, id, severity and title, as Prowler lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProwlerCheck {
    pub service: &'static str,
    pub id: &'static str,
    pub severity: &'static str,
    pub title: &'static str,
}

const CATALOGUE_TSV: &str = include_str!("../../data/prowler-checks-aws.tsv");
const NOT_IMPLEMENTED_TSV: &str = include_str!("../../data/prowler-not-implemented.tsv");

static CATALOGUE: LazyLock<Vec<ProwlerCheck>> = LazyLock::new(|| {
    CATALOGUE_TSV
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|line| {
            let mut cols = line.split('\t');
            Some(ProwlerCheck { service: cols.next()?, id: cols.next()?, severity: cols.next()?, title: cols.next()? })
        })
        .collect()
});

static NOT_IMPLEMENTED: LazyLock<BTreeMap<&'static str, &'static str>> = LazyLock::new(|| {
    NOT_IMPLEMENTED_TSV
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(id, reason)| (id.trim(), reason.trim()))
        .collect()
});

/// Every Prowler AWS check, in the catalogue's order (by service, then id).
pub fn catalogue() -> &'static [ProwlerCheck] {
    &CATALOGUE
}

static BY_ID: LazyLock<HashMap<&'static str, &'static ProwlerCheck>> =
    LazyLock::new(|| catalogue().iter().map(|c| (c.id, c)).collect());

/// The Prowler check of this id (a hash lookup: reports ask once per finding).
pub fn find(id: &str) -> Option<&'static ProwlerCheck> {
    BY_ID.get(id).copied()
}

/// Why argus does not implement a Prowler check of its services (one line per id in
/// `data/prowler-not-implemented.tsv`).
pub fn not_implemented_reason(id: &str) -> Option<&'static str> {
    NOT_IMPLEMENTED.get(id).copied()
}

/// Every not-implemented id with its reason.
pub fn not_implemented() -> &'static BTreeMap<&'static str, &'static str> {
    &NOT_IMPLEMENTED
}

/// What a check id given by a user names.
#[derive(Debug, Clone, Copy)]
pub enum Named {
    /// An argus check.
    Check(&'static CheckMetadata),
    /// A Prowler id answered by an argus check of another id.
    Alias { check: &'static CheckMetadata, alias: &'static ProwlerAlias },
}

impl Named {
    /// The argus check that answers the id.
    pub fn check(&self) -> &'static CheckMetadata {
        match self {
            Named::Check(m) | Named::Alias { check: m, .. } => m,
        }
    }
}

/// An id that names no argus check and no alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unanswered {
    /// A Prowler check of a service argus audits that argus does not implement.
    NotImplemented { id: String, reason: String },
    /// A Prowler check of a service argus does not audit.
    OtherService { id: String, service: String },
    /// Neither an argus nor a Prowler id; the closest ids argus accepts.
    Unknown { id: String, suggestions: Vec<String> },
}

impl fmt::Display for Unanswered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unanswered::NotImplemented { id, reason } => {
                write!(f, "check id '{id}' is a Prowler check not implemented by argus: {reason} (see docs/prowler-parity.md)")
            }
            Unanswered::OtherService { id, service } => write!(
                f,
                "check id '{id}' is a Prowler check not implemented by argus: argus does not audit the {service} service (see docs/prowler-parity.md)"
            ),
            Unanswered::Unknown { id, suggestions } if suggestions.is_empty() => {
                write!(f, "unknown check id '{id}' (see `argus checks list`)")
            }
            Unanswered::Unknown { id, suggestions } => {
                write!(f, "unknown check id '{id}'; did you mean {}? (see `argus checks list`)", suggestions.join(", "))
            }
        }
    }
}

/// Resolves a check id as given on the command line or in a mutelist.
pub fn resolve(id: &str) -> Result<Named, Unanswered> {
    if let Some(m) = metadata::find(id) {
        return Ok(Named::Check(m));
    }
    if let Some(named) = alias(id) {
        return Ok(named);
    }
    if let Some(reason) = not_implemented_reason(id) {
        return Err(Unanswered::NotImplemented { id: id.to_string(), reason: reason.to_string() });
    }
    if let Some(p) = find(id) {
        if AUDITED_SERVICES.contains(&p.service) {
            // The catalogue test keeps every id of an audited service answered or explained.
            return Err(Unanswered::NotImplemented { id: id.to_string(), reason: "no reason recorded".to_string() });
        }
        return Err(Unanswered::OtherService { id: id.to_string(), service: p.service.to_string() });
    }
    Err(Unanswered::Unknown { id: id.to_string(), suggestions: suggestions(id) })
}

/// The argus check declaring `id` as a Prowler alias.
pub fn alias(id: &str) -> Option<Named> {
    metadata::all().iter().find_map(|check| check.alias(id).map(|alias| Named::Alias { check, alias }))
}

/// Every id argus accepts: its checks' ids and their Prowler aliases.
pub fn accepted_ids() -> impl Iterator<Item = &'static str> {
    metadata::all()
        .iter()
        .flat_map(|m| std::iter::once(m.id.as_str()).chain(m.prowler_aliases.iter().map(|a| a.id.as_str())))
}

/// The accepted ids closest to a mistyped one, best first (at most three).
///
/// Normalised Damerau-Levenshtein similarity: ids are long and share long prefixes
/// (`ec2_securitygroup_allow_ingress_from_internet_to_…`), so a typo, a dropped word or swapped
/// letters stay close while ids of other services fall far below the cut.
pub fn suggestions(id: &str) -> Vec<String> {
    const MIN_SIMILARITY: f64 = 0.7;
    let wanted = id.trim().to_ascii_lowercase();
    let mut scored: Vec<(f64, &str)> = accepted_ids()
        .map(|candidate| (strsim::normalized_damerau_levenshtein(&wanted, candidate), candidate))
        .filter(|(score, _)| *score >= MIN_SIMILARITY)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, id)| id.to_string()).collect()
}

/// The Prowler ids a finding of `check` answers when it says nothing narrower: the check's own id
/// when Prowler has it, then its aliases.
pub fn ids_answered_by(check: &CheckMetadata) -> impl Iterator<Item = &str> {
    find(&check.id).map(|p| p.id).into_iter().chain(check.prowler_aliases.iter().map(|a| a.id.as_str()))
}

#[cfg(test)]
mod tests;
