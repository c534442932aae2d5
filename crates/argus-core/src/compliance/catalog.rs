//! The requirement lists, bundled as TSV files under `crates/argus-core/compliance/`: the CIS
//! benchmarks' requirements, and the FSBP controls (`aws_fsbp.tsv`: AWS's control ids and titles, the
//! list Security Hub's FSBP standard v1.0.0 and Prowler's FSBP compliance file share, plus EC2.53,
//! EC2.54 and EFS.6 from AWS's control reference). Every FSBP control is Automated: Security Hub
//! evaluates each one through a Config rule or a service check, none asks a human. An FSBP id that check metadata maps but the bundled list lacks
//! is still listed (so no finding is hidden), and a test keeps the list complete.

use super::Framework;
use crate::engine::metadata;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

const CIS_5_0_TSV: &str = include_str!("../../compliance/cis_aws_foundations_v5.0.tsv");
const CIS_7_0_TSV: &str = include_str!("../../compliance/cis_aws_foundations_v7.0.tsv");
const FSBP_TSV: &str = include_str!("../../compliance/aws_fsbp.tsv");
const TSV_HEADER: [&str; 6] = ["id", "section", "subsection", "profile", "assessment", "description"];

/// How the benchmark says a requirement is assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Assessment {
    Automated,
    Manual,
}

impl Assessment {
    pub fn as_str(self) -> &'static str {
        match self {
            Assessment::Automated => "Automated",
            Assessment::Manual => "Manual",
        }
    }
}

/// One requirement of a framework, as the benchmark states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    pub id: String,
    /// e.g. `1 Identity and Access Management`; for FSBP the control's service prefix (`S3`).
    pub section: String,
    /// e.g. `2.1 Simple Storage Service (S3)`; empty when the section has none.
    pub subsection: String,
    /// CIS profile (`Level 1` / `Level 2`); empty for FSBP.
    pub profile: String,
    pub assessment: Assessment,
    pub description: String,
}

/// A parsed requirement list and the problems found while parsing it (a test keeps these empty).
pub(super) struct Catalog {
    pub(super) requirements: Vec<Requirement>,
    pub(super) errors: Vec<String>,
}

static CIS_5_0: LazyLock<Catalog> = LazyLock::new(|| parse_tsv("cis_aws_foundations_v5.0.tsv", CIS_5_0_TSV));
static CIS_7_0: LazyLock<Catalog> = LazyLock::new(|| parse_tsv("cis_aws_foundations_v7.0.tsv", CIS_7_0_TSV));
static FSBP: LazyLock<Catalog> = LazyLock::new(|| with_unlisted_fsbp_controls(parse_tsv("aws_fsbp.tsv", FSBP_TSV)));

fn catalog(framework: Framework) -> &'static Catalog {
    match framework {
        Framework::Cis50 => &CIS_5_0,
        Framework::Cis70 => &CIS_7_0,
        Framework::Fsbp => &FSBP,
    }
}

/// Every requirement of `framework`, in benchmark order (ids compared number by number).
pub fn requirements(framework: Framework) -> &'static [Requirement] {
    &catalog(framework).requirements
}

/// Lines of a bundled list that could not be read (always empty; a test enforces it).
pub fn catalog_errors(framework: Framework) -> &'static [String] {
    &catalog(framework).errors
}

/// The raw bundled list of a framework.
pub fn bundled_tsv(framework: Framework) -> &'static str {
    match framework {
        Framework::Cis50 => CIS_5_0_TSV,
        Framework::Cis70 => CIS_7_0_TSV,
        Framework::Fsbp => FSBP_TSV,
    }
}

/// Prefix of the description of an FSBP control that check metadata maps but `aws_fsbp.tsv` lacks.
pub const UNLISTED_FSBP_CONTROL: &str = "Not in the bundled FSBP list; judged by: ";

pub(super) fn parse_tsv(file: &str, text: &str) -> Catalog {
    let mut requirements = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    match lines.next() {
        Some((_, header)) if header.trim_end_matches('\r').split('\t').eq(TSV_HEADER) => {}
        _ => errors.push(format!("{file}: the first line must be the header {}", TSV_HEADER.join("\\t"))),
    }
    for (index, line) in lines {
        let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').map(str::trim).collect();
        let [id, section, subsection, profile, assessment, description] = fields[..] else {
            errors.push(format!("{file}:{}: expected 6 tab-separated fields, found {}", index + 1, fields.len()));
            continue;
        };
        let assessment = match assessment {
            "Automated" => Assessment::Automated,
            "Manual" => Assessment::Manual,
            other => {
                errors.push(format!("{file}:{}: assessment '{other}' is neither Automated nor Manual", index + 1));
                continue;
            }
        };
        if id.is_empty() || !seen.insert(id.to_string()) {
            errors.push(format!("{file}:{}: empty or repeated requirement id '{id}'", index + 1));
            continue;
        }
        requirements.push(Requirement {
            id: id.to_string(),
            section: section.to_string(),
            subsection: subsection.to_string(),
            profile: profile.to_string(),
            assessment,
            description: description.to_string(),
        });
    }
    requirements.sort_by_cached_key(|r| id_sort_key(&r.id));
    Catalog { requirements, errors }
}

/// Appends the FSBP control ids that check metadata maps but the bundled list lacks, so their
/// findings still reach the report; the description names the checks, as no title is known.
pub(super) fn with_unlisted_fsbp_controls(mut catalog: Catalog) -> Catalog {
    let listed: HashSet<String> = catalog.requirements.iter().map(|r| r.id.clone()).collect();
    let mut unlisted: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for meta in metadata::all() {
        for id in meta.compliance.fsbp.iter().filter(|id| !listed.contains(id.as_str())) {
            unlisted.entry(id.as_str()).or_default().push(meta.title.as_str());
        }
    }
    catalog.requirements.extend(unlisted.into_iter().map(|(id, checks)| Requirement {
        id: id.to_string(),
        section: id.split('.').next().unwrap_or(id).to_string(),
        subsection: String::new(),
        profile: String::new(),
        assessment: Assessment::Automated,
        description: format!("{UNLISTED_FSBP_CONTROL}{}", checks.join("; ")),
    }));
    catalog.requirements.sort_by_cached_key(|r| id_sort_key(&r.id));
    catalog
}

/// One dot-separated part of a requirement id: numbers compare as numbers, so 1.10 follows 1.9.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum IdPart {
    Number(u64),
    Text(String),
}

fn id_sort_key(id: &str) -> Vec<IdPart> {
    id.split('.').map(|p| p.parse().map(IdPart::Number).unwrap_or_else(|_| IdPart::Text(p.to_string()))).collect()
}
