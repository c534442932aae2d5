//! Output of a [`ScanDiff`]: JSON for machines, a table for people.

use super::{Previously, ResolvedReason, ScanDiff, ScanInfo};
use crate::engine::{Finding, Severity};
use crate::report::terminal_safe;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, ContentArrangement, Table};
use serde::Serialize;
use std::fmt::Write;

/// How many entries each part of the diff has.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct DiffCounts {
    pub new_failures: usize,
    pub resolved_failures: usize,
    pub resolved_passed: usize,
    pub resolved_resource_gone: usize,
    pub resolved_muted: usize,
    pub persisting_failures: usize,
    pub unverified_failures: usize,
    pub new_errors: usize,
}

#[derive(Serialize)]
struct DiffDocument<'a> {
    summary: DiffCounts,
    #[serde(flatten)]
    diff: &'a ScanDiff,
}

/// Table width used by [`ScanDiff::render_table`].
const DEFAULT_WIDTH: u16 = 120;

impl ScanDiff {
    pub fn counts(&self) -> DiffCounts {
        let resolved = |reason| self.resolved_failures.iter().filter(|r| r.reason == reason).count();
        DiffCounts {
            new_failures: self.new_failures.len(),
            resolved_failures: self.resolved_failures.len(),
            resolved_passed: resolved(ResolvedReason::Passed),
            resolved_resource_gone: resolved(ResolvedReason::ResourceGone),
            resolved_muted: resolved(ResolvedReason::Muted),
            persisting_failures: self.persisting_failures.len(),
            unverified_failures: self.unverified_failures.len(),
            new_errors: self.new_errors.len(),
        }
    }

    /// The diff as a pretty-printed JSON document with a `summary` of the counts.
    pub fn to_json(&self) -> String {
        match serde_json::to_string_pretty(&DiffDocument { summary: self.counts(), diff: self }) {
            Ok(json) => json,
            // Only plain strings, numbers and dates are serialised, so this cannot happen; say so if it does.
            Err(e) => serde_json::json!({ "error": format!("could not serialise the diff: {e}") }).to_string(),
        }
    }

    /// A terminal report: what was compared, the counts, and one row per change (persisting failures
    /// are only counted). Every string from the findings files is escaped for the terminal.
    pub fn render_table(&self, color: bool) -> String {
        self.render_table_with_width(color, DEFAULT_WIDTH)
    }

    pub fn render_table_with_width(&self, color: bool, width: u16) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "old: {}", describe(&self.old));
        let _ = writeln!(out, "new: {}", describe(&self.new));
        if !self.same_account() {
            let _ = writeln!(
                out,
                "WARNING: the scans are of different accounts ({} → {}); findings are matched per account, so nothing carries over.",
                terminal_safe(&self.old.account_id),
                terminal_safe(&self.new.account_id)
            );
        }
        if !self.new.complete {
            let _ = writeln!(out, "WARNING: the new scan is incomplete (some API calls failed): failures it could not re-check are UNVERIFIED.");
        }
        let c = self.counts();
        let _ = writeln!(
            out,
            "{} new failure(s), {} resolved ({} passing, {} resource gone, {} muted), {} persisting, {} unverified, {} new error(s)",
            c.new_failures,
            c.resolved_failures,
            c.resolved_passed,
            c.resolved_resource_gone,
            c.resolved_muted,
            c.persisting_failures,
            c.unverified_failures,
            c.new_errors
        );

        let rows = self.rows();
        if rows.is_empty() {
            out.push_str("\nNo changes in failures.\n");
            return out;
        }
        let mut table = Table::new();
        table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
        table.set_width(width);
        // Colour is the caller's decision (a terminal, or --color always); the width is fixed either way.
        table.force_no_tty();
        if color {
            table.enforce_styling();
        }
        table.set_header(vec!["Change", "Severity", "Check", "Account", "Region", "Resource", "Detail"]);
        for row in rows {
            let change = Cell::new(row.change.label());
            let severity = Cell::new(row.finding.severity().as_str());
            table.add_row(vec![
                if color { change.fg(row.change.color()) } else { change },
                if color { severity.fg(severity_color(row.finding.severity())) } else { severity },
                Cell::new(terminal_safe(row.finding.check_id())),
                Cell::new(terminal_safe(row.finding.account_id())),
                Cell::new(terminal_safe(&row.finding.resource.region)),
                Cell::new(terminal_safe(resource_label(row.finding))),
                Cell::new(terminal_safe(&row.detail)),
            ]);
        }
        out.push('\n');
        out.push_str(&table.to_string());
        out.push('\n');
        out
    }

    fn rows(&self) -> Vec<Row<'_>> {
        let mut rows = Vec::new();
        for n in &self.new_failures {
            let was = match n.previously {
                Previously::Absent => "not in the old scan",
                Previously::Passed => "passed before",
                Previously::Error => "was ERROR before",
                Previously::Muted => "was muted before",
            };
            rows.push(Row {
                change: Change::New,
                finding: &n.finding,
                detail: format!("{} ({was})", n.finding.message),
            });
        }
        for r in &self.resolved_failures {
            let detail = match r.reason {
                ResolvedReason::Passed => "now passes",
                ResolvedReason::ResourceGone => "the resource no longer exists",
                ResolvedReason::Muted => "still fails, now muted",
            };
            rows.push(Row { change: Change::Resolved, finding: &r.finding, detail: detail.to_string() });
        }
        for u in &self.unverified_failures {
            rows.push(Row { change: Change::Unverified, finding: &u.finding, detail: u.detail.clone() });
        }
        for e in &self.new_errors {
            rows.push(Row { change: Change::NewError, finding: e, detail: e.message.to_string() });
        }
        rows
    }
}

fn describe(scan: &ScanInfo) -> String {
    format!(
        "account {}, collected {}, argus {}{}",
        terminal_safe(&scan.account_id),
        scan.collected_at.format("%Y-%m-%d %H:%M:%S UTC"),
        terminal_safe(&scan.argus_version),
        if scan.complete { "" } else { " (incomplete)" }
    )
}

fn resource_label(f: &Finding) -> &str {
    if f.resource.name.is_empty() {
        &f.resource.id
    } else {
        &f.resource.name
    }
}

struct Row<'a> {
    change: Change,
    finding: &'a Finding,
    detail: String,
}

#[derive(Clone, Copy)]
enum Change {
    New,
    Resolved,
    Unverified,
    NewError,
}

impl Change {
    fn label(self) -> &'static str {
        match self {
            Change::New => "NEW",
            Change::Resolved => "RESOLVED",
            Change::Unverified => "UNVERIFIED",
            Change::NewError => "NEW ERROR",
        }
    }

    fn color(self) -> Color {
        match self {
            Change::New => Color::Red,
            Change::Resolved => Color::Green,
            Change::Unverified => Color::Yellow,
            Change::NewError => Color::Magenta,
        }
    }
}

fn severity_color(s: Severity) -> Color {
    match s {
        Severity::Critical => Color::Magenta,
        Severity::High => Color::Red,
        Severity::Medium => Color::Yellow,
        Severity::Low => Color::Blue,
        Severity::Informational => Color::Grey,
    }
}
