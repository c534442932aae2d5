//! How much of each framework argus judges (`argus compliance coverage`), derived only from the
//! bundled requirement lists and the mappings in check metadata, so a check that maps a control
//! counts the moment it exists.
//!
//! Each control falls in exactly one class:
//! - automatic: a check's metadata maps it (a Manual CIS control that checks map counts here too:
//!   the checks judge it, a reviewer confirms the rest);
//! - manual: no check maps it and the framework assesses it manually (a reviewer's job);
//! - not covered: no check maps it, yet the framework assesses it automatically.
//!
//! FSBP is counted twice: over every control of the standard, and over the controls of the services
//! argus collects (a control's service is its id prefix, `S3.1` → S3).

use super::catalog::{self, Assessment, Requirement};
use super::Framework;
use crate::engine::{metadata, CheckMetadata};
use crate::service::Service;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};
use serde::Serialize;
use std::collections::HashSet;

/// Which controls of a framework a coverage row counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every control of the framework.
    AllControls,
    /// The controls of the services argus collects.
    CollectedServices,
}

impl Scope {
    pub fn label(self) -> &'static str {
        match self {
            Scope::AllControls => "all controls",
            Scope::CollectedServices => "controls of the services argus collects",
        }
    }
}

/// One class of controls: how many, their share of the row's controls, and their ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlClass {
    pub count: usize,
    /// `count` as a percentage of the row's controls, rounded to one decimal.
    pub percent: f64,
    pub ids: Vec<String>,
}

/// The coverage of one framework over one scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameworkCoverage {
    pub framework: Framework,
    pub title: &'static str,
    pub scope: Scope,
    pub controls: usize,
    pub automatic: ControlClass,
    pub manual: ControlClass,
    pub not_covered: ControlClass,
}

/// The rows `argus compliance coverage` prints: CIS v5.0, CIS v7.0, then FSBP over all controls and
/// over the controls of the services argus collects.
pub fn coverage() -> Vec<FrameworkCoverage> {
    let all = metadata::all();
    vec![
        framework_coverage(Framework::Cis50, Scope::AllControls, all),
        framework_coverage(Framework::Cis70, Scope::AllControls, all),
        framework_coverage(Framework::Fsbp, Scope::AllControls, all),
        framework_coverage(Framework::Fsbp, Scope::CollectedServices, all),
    ]
}

/// The coverage of `framework` over `scope`, judged by the mappings of `checks`.
pub fn framework_coverage(framework: Framework, scope: Scope, checks: &[CheckMetadata]) -> FrameworkCoverage {
    let mapped: HashSet<&str> =
        checks.iter().flat_map(|meta| framework.mapped_ids(meta).iter().map(String::as_str)).collect();
    let in_scope: Vec<&Requirement> = catalog::requirements(framework)
        .iter()
        .filter(|r| scope == Scope::AllControls || fsbp_service_is_collected(&r.section))
        .collect();
    let (mut automatic, mut manual, mut not_covered) = (Vec::new(), Vec::new(), Vec::new());
    for r in &in_scope {
        let class = if mapped.contains(r.id.as_str()) {
            &mut automatic
        } else if r.assessment == Assessment::Manual {
            &mut manual
        } else {
            &mut not_covered
        };
        class.push(r.id.clone());
    }
    let controls = in_scope.len();
    let class = |ids: Vec<String>| ControlClass { count: ids.len(), percent: percent(ids.len(), controls), ids };
    FrameworkCoverage {
        framework,
        title: framework.title(),
        scope,
        controls,
        automatic: class(automatic),
        manual: class(manual),
        not_covered: class(not_covered),
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}

/// Whether argus collects the service of an FSBP control prefix (`S3`, `Lambda`, `ELB`). Most
/// prefixes are a service name in another case; the others list the names argus may give them.
fn fsbp_service_is_collected(prefix: &str) -> bool {
    let other_names: &[&str] = match prefix {
        "ELB" => &["elbv2", "elb"],
        "WAF" => &["wafv2", "waf"],
        "Macie" => &["macie2", "macie"],
        "ES" | "OpenSearch" => &["opensearch", "es"],
        "APIGateway" => &["apigateway", "apigatewayv2"],
        "DocumentDB" => &["docdb", "documentdb"],
        "MSK" => &["kafka", "msk"],
        _ => &[],
    };
    std::iter::once(prefix).chain(other_names.iter().copied()).any(|name| name.parse::<Service>().is_ok())
}

/// The rows as a terminal table.
pub fn render_table(rows: &[FrameworkCoverage]) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
    table.set_header(vec!["Framework", "Scope", "Controls", "Automatic", "Manual", "Not covered"]);
    let cell = |c: &ControlClass| format!("{} ({:.1} %)", c.count, c.percent);
    for row in rows {
        table.add_row(vec![
            row.title.to_string(),
            row.scope.label().to_string(),
            row.controls.to_string(),
            cell(&row.automatic),
            cell(&row.manual),
            cell(&row.not_covered),
        ]);
    }
    for column in 2..6 {
        if let Some(c) = table.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    format!("{table}\n")
}

/// The rows as pretty JSON.
pub fn to_json(rows: &[FrameworkCoverage]) -> String {
    serde_json::to_string_pretty(rows).expect("coverage rows serialize")
}

#[cfg(test)]
mod tests;
