//! Compliance reports: findings grouped by the requirements of a framework.
//!
//! Frameworks: CIS AWS Foundations Benchmark v5.0 (`cis-5.0`) and v7.0 (`cis-7.0`) and AWS
//! Foundational Security Best Practices (`fsbp`), each with its whole requirement list bundled (see
//! [`catalog`]): every control appears in a report, judged or not. [`coverage`] counts how many of
//! them argus judges.
//!
//! Which check judges which requirement comes only from check metadata (`[compliance]` in
//! `checks/<service>/<id>.toml`). A requirement's status:
//!
//! | status | when |
//! |---|---|
//! | FAIL | a mapped check produced an unmuted FAIL (a definite violation wins over everything else) |
//! | ERROR | no unmuted FAIL, but a mapped check produced an ERROR — muted or not: muting accepts a risk, it cannot make data argus never saw look compliant, so an ERROR never reads as PASS |
//! | PASS | mapped checks produced findings, none an unmuted FAIL nor an ERROR (muted FAILs are counted in `muted`) |
//! | NOTHING TO EVALUATE | mapped checks ran but produced no finding: the scanned accounts and regions hold nothing for them to judge (no buckets, no keys…) |
//! | NOT EVALUATED | mapped checks produced no finding and none of them ran (service not scanned, check filtered out, or a findings file from before argus recorded which checks ran) |
//! | MANUAL | a Manual requirement no check maps |
//! | NOT COVERED | an Automated requirement no check maps |
//!
//! A Manual requirement that checks do map is judged like an Automated one (PASS/FAIL/ERROR/NOT
//! EVALUATED) and flagged `manual_assisted`: the checks cover part of it, a reviewer confirms the rest.
//!
//! Each requirement also lists `nothing_to_evaluate`: once per account and region, each mapped check
//! that ran there and found nothing to judge. These are informational results, not findings: they
//! never make a requirement PASS or FAIL.

pub mod catalog;
pub mod coverage;
mod export;
#[cfg(test)]
mod tests;

pub use catalog::{Assessment, Requirement};
pub use export::{reports_to_csv, reports_to_json, write_reports_json, ExportError};

use crate::engine::{metadata, ArcStr, CheckMetadata, Finding, NothingToEvaluate, Status};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Framework {
    #[serde(rename = "cis-5.0")]
    Cis50,
    #[serde(rename = "cis-7.0")]
    Cis70,
    #[serde(rename = "fsbp")]
    Fsbp,
}

impl Framework {
    pub const ALL: [Framework; 3] = [Framework::Cis50, Framework::Cis70, Framework::Fsbp];

    /// The id used on the command line and in check metadata.
    pub fn id(self) -> &'static str {
        match self {
            Framework::Cis50 => "cis-5.0",
            Framework::Cis70 => "cis-7.0",
            Framework::Fsbp => "fsbp",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Framework::Cis50 => "CIS Amazon Web Services Foundations Benchmark v5.0",
            Framework::Cis70 => "CIS Amazon Web Services Foundations Benchmark v7.0",
            Framework::Fsbp => "AWS Foundational Security Best Practices",
        }
    }

    /// Where the requirement list comes from (shown in reports so readers know what "all" means).
    pub fn requirements_source(self) -> &'static str {
        match self {
            Framework::Cis50 => "every requirement of the benchmark (bundled list cis_aws_foundations_v5.0.tsv)",
            Framework::Cis70 => "every requirement of the benchmark (bundled list cis_aws_foundations_v7.0.tsv)",
            Framework::Fsbp => "every control of the standard (bundled list aws_fsbp.tsv)",
        }
    }

    /// The requirement ids of this framework that a check's metadata maps.
    pub fn mapped_ids(self, meta: &CheckMetadata) -> &[String] {
        match self {
            Framework::Cis50 => &meta.compliance.cis_5_0,
            Framework::Cis70 => &meta.compliance.cis_7_0,
            Framework::Fsbp => &meta.compliance.fsbp,
        }
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl std::str::FromStr for Framework {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Framework::ALL.into_iter().find(|f| f.id().eq_ignore_ascii_case(s.trim())).ok_or_else(|| {
            let known: Vec<&str> = Framework::ALL.iter().map(|f| f.id()).collect();
            format!("unknown compliance framework '{s}' (expected one of: {})", known.join(", "))
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum RequirementStatus {
    #[serde(rename = "FAIL")]
    Fail,
    #[serde(rename = "ERROR")]
    Error,
    #[serde(rename = "PASS")]
    Pass,
    #[serde(rename = "NOTHING TO EVALUATE")]
    NothingToEvaluate,
    #[serde(rename = "NOT EVALUATED")]
    NotEvaluated,
    #[serde(rename = "MANUAL")]
    Manual,
    #[serde(rename = "NOT COVERED")]
    NotCovered,
}

impl RequirementStatus {
    pub const ALL: [RequirementStatus; 7] = [
        RequirementStatus::Fail,
        RequirementStatus::Error,
        RequirementStatus::Pass,
        RequirementStatus::NothingToEvaluate,
        RequirementStatus::NotEvaluated,
        RequirementStatus::Manual,
        RequirementStatus::NotCovered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequirementStatus::Fail => "FAIL",
            RequirementStatus::Error => "ERROR",
            RequirementStatus::Pass => "PASS",
            RequirementStatus::NothingToEvaluate => "NOTHING TO EVALUATE",
            RequirementStatus::NotEvaluated => "NOT EVALUATED",
            RequirementStatus::Manual => "MANUAL",
            RequirementStatus::NotCovered => "NOT COVERED",
        }
    }

    /// A CSS-class-like key (`not-covered`) for renderers.
    pub fn key(self) -> &'static str {
        match self {
            RequirementStatus::Fail => "fail",
            RequirementStatus::Error => "error",
            RequirementStatus::Pass => "pass",
            RequirementStatus::NothingToEvaluate => "nothing-to-evaluate",
            RequirementStatus::NotEvaluated => "not-evaluated",
            RequirementStatus::Manual => "manual",
            RequirementStatus::NotCovered => "not-covered",
        }
    }
}

impl fmt::Display for RequirementStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How many requirements have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    pub total: usize,
    pub pass: usize,
    pub fail: usize,
    pub error: usize,
    pub nothing_to_evaluate: usize,
    pub not_evaluated: usize,
    pub manual: usize,
    pub not_covered: usize,
}

impl StatusCounts {
    fn add(&mut self, status: RequirementStatus) {
        self.total += 1;
        let slot = match status {
            RequirementStatus::Pass => &mut self.pass,
            RequirementStatus::Fail => &mut self.fail,
            RequirementStatus::Error => &mut self.error,
            RequirementStatus::NothingToEvaluate => &mut self.nothing_to_evaluate,
            RequirementStatus::NotEvaluated => &mut self.not_evaluated,
            RequirementStatus::Manual => &mut self.manual,
            RequirementStatus::NotCovered => &mut self.not_covered,
        };
        *slot += 1;
    }

    pub fn get(&self, status: RequirementStatus) -> usize {
        match status {
            RequirementStatus::Pass => self.pass,
            RequirementStatus::Fail => self.fail,
            RequirementStatus::Error => self.error,
            RequirementStatus::NothingToEvaluate => self.nothing_to_evaluate,
            RequirementStatus::NotEvaluated => self.not_evaluated,
            RequirementStatus::Manual => self.manual,
            RequirementStatus::NotCovered => self.not_covered,
        }
    }
}

/// Findings behind one requirement, by status; `muted` counts muted findings of any status
/// (they are also counted under their status).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FindingCounts {
    pub pass: usize,
    pub fail: usize,
    pub error: usize,
    pub muted: usize,
}

/// One finding behind a requirement. Resource and message are untrusted account data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequirementFinding {
    pub check_id: ArcStr,
    pub region: ArcStr,
    /// The resource ARN, or its id when it has none.
    pub resource: ArcStr,
    pub status: Status,
    pub muted: bool,
    pub message: ArcStr,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequirementResult {
    pub id: String,
    pub section: String,
    pub subsection: String,
    pub profile: String,
    pub description: String,
    pub assessment: Assessment,
    pub status: RequirementStatus,
    /// A Manual requirement judged from mapped checks: they cover part of it, a reviewer confirms the rest.
    pub manual_assisted: bool,
    /// The checks whose metadata maps this requirement.
    pub checks: Vec<String>,
    pub finding_counts: FindingCounts,
    pub findings: Vec<RequirementFinding>,
    /// Informational: mapped checks that ran and had nothing to judge, once per account and region.
    pub nothing_to_evaluate: Vec<NothingToEvaluate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplianceReport {
    pub framework: Framework,
    pub title: String,
    /// What the requirement list is (all of the benchmark, or only the mapped FSBP controls).
    pub requirements_source: String,
    pub counts: StatusCounts,
    pub requirements: Vec<RequirementResult>,
}

/// Groups `findings` by the requirements of `framework`, judging each requirement from the findings
/// of the checks that map it; `nothing_to_evaluate` (the findings file's) says which checks ran with
/// nothing to judge. Every requirement of the framework appears, mapped or not.
pub fn evaluate(
    framework: Framework,
    findings: &[Finding],
    nothing_to_evaluate: &[NothingToEvaluate],
) -> ComplianceReport {
    let checks_by_requirement = mapped_checks(framework, metadata::all());
    let mut findings_by_check: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in findings {
        findings_by_check.entry(f.check_id().as_str()).or_default().push(f);
    }
    let mut empty_by_check: HashMap<&str, Vec<&NothingToEvaluate>> = HashMap::new();
    for n in nothing_to_evaluate {
        empty_by_check.entry(n.check_id.as_str()).or_default().push(n);
    }
    let mut counts = StatusCounts::default();
    let requirements = catalog::requirements(framework)
        .iter()
        .map(|req| {
            let checks: Vec<String> = checks_by_requirement.get(req.id.as_str()).cloned().unwrap_or_default();
            let behind: Vec<&Finding> =
                checks.iter().flat_map(|c| findings_by_check.get(c.as_str()).into_iter().flatten().copied()).collect();
            let empty: Vec<NothingToEvaluate> = checks
                .iter()
                .flat_map(|c| empty_by_check.get(c.as_str()).into_iter().flatten().map(|n| (*n).clone()))
                .collect();
            let status = judge(req.assessment, !checks.is_empty(), &behind, !empty.is_empty());
            counts.add(status);
            RequirementResult {
                id: req.id.clone(),
                section: req.section.clone(),
                subsection: req.subsection.clone(),
                profile: req.profile.clone(),
                description: req.description.clone(),
                assessment: req.assessment,
                status,
                manual_assisted: req.assessment == Assessment::Manual && !checks.is_empty(),
                checks,
                finding_counts: count_findings(&behind),
                findings: behind.iter().map(|f| requirement_finding(f)).collect(),
                nothing_to_evaluate: empty,
            }
        })
        .collect();
    ComplianceReport {
        framework,
        title: framework.title().to_string(),
        requirements_source: framework.requirements_source().to_string(),
        counts,
        requirements,
    }
}

/// Requirement id → ids of the checks mapping it (sorted, as `metadata::all` is).
fn mapped_checks(framework: Framework, all: &[CheckMetadata]) -> BTreeMap<&str, Vec<String>> {
    let mut map: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for meta in all {
        for id in framework.mapped_ids(meta) {
            let checks = map.entry(id.as_str()).or_default();
            if !checks.contains(&meta.id) {
                checks.push(meta.id.clone());
            }
        }
    }
    map
}

/// The status rules of the module documentation. `ran_empty`: a mapped check ran with nothing to judge.
fn judge(assessment: Assessment, mapped: bool, findings: &[&Finding], ran_empty: bool) -> RequirementStatus {
    if !mapped {
        return match assessment {
            Assessment::Manual => RequirementStatus::Manual,
            Assessment::Automated => RequirementStatus::NotCovered,
        };
    }
    if findings.iter().any(|f| f.status == Status::Fail && !f.muted) {
        RequirementStatus::Fail
    } else if findings.iter().any(|f| f.status == Status::Error) {
        RequirementStatus::Error
    } else if findings.is_empty() && ran_empty {
        RequirementStatus::NothingToEvaluate
    } else if findings.is_empty() {
        RequirementStatus::NotEvaluated
    } else {
        RequirementStatus::Pass
    }
}

fn count_findings(findings: &[&Finding]) -> FindingCounts {
    let mut c = FindingCounts::default();
    for f in findings {
        match f.status {
            Status::Pass => c.pass += 1,
            Status::Fail => c.fail += 1,
            Status::Error => c.error += 1,
        }
        if f.muted {
            c.muted += 1;
        }
    }
    c
}

fn requirement_finding(f: &Finding) -> RequirementFinding {
    RequirementFinding {
        check_id: f.check_id().clone(),
        region: f.resource.region.clone(),
        resource: if f.resource.arn.is_empty() { f.resource.id.clone() } else { f.resource.arn.clone() },
        status: f.status,
        muted: f.muted,
        message: f.message.clone(),
    }
}
