//! The terminal report: a summary table by service and severity, then the FAIL and ERROR findings.

use super::{terminal_safe, FindingsFile, Summary};
use crate::engine::{Severity, Status};
use crate::snapshot::CollectionError;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, ContentArrangement, Table};
use std::fmt::Write;

pub struct TerminalOptions {
    pub color: bool,
    /// Also list PASS findings.
    pub show_pass: bool,
    /// Table width when not on a terminal.
    pub width: u16,
}

pub fn render(file: &FindingsFile, opts: &TerminalOptions) -> String {
    let summary = Summary::of(&file.findings);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "argus {} — account {} — {} region(s): {}",
        terminal_safe(&file.argus_version),
        terminal_safe(&file.account_id),
        file.regions.len(),
        terminal_safe(&file.regions.join(", "))
    );
    let _ = writeln!(
        out,
        "{} findings: {} FAIL, {} PASS, {} ERROR{}",
        summary.total,
        summary.fail,
        summary.pass,
        summary.error,
        if summary.muted > 0 { format!(", {} muted", summary.muted) } else { String::new() }
    );
    let _ = writeln!(out, "{} API calls, {} retries", file.api_calls, file.retries);
    if !file.is_complete() {
        let _ = writeln!(
            out,
            "INCOMPLETE: {} API call(s) failed; the checks that needed them report ERROR (see below).",
            file.collection_errors.len()
        );
    }
    out.push('\n');
    out.push_str(&summary_table(&summary, opts).to_string());
    out.push('\n');

    let shown: Vec<_> = file.findings.iter().filter(|f| opts.show_pass || f.status != Status::Pass).collect();
    if !shown.is_empty() {
        let mut table = new_table(opts);
        table.set_header(vec!["Status", "Severity", "Check", "Region", "Resource", "Message"]);
        let mut sorted = shown;
        sorted.sort_by(|a, b| b.severity().cmp(&a.severity()).then(a.check_id().cmp(b.check_id())));
        for f in sorted {
            let status = if f.muted { format!("{} (muted)", f.status) } else { f.status.to_string() };
            table.add_row(vec![
                status_cell(f.status, &status, opts.color),
                severity_cell(f.severity(), opts.color),
                Cell::new(terminal_safe(f.check_id())),
                Cell::new(terminal_safe(&f.resource.region)),
                Cell::new(terminal_safe(&f.resource.name)),
                Cell::new(terminal_safe(&f.message)),
            ]);
        }
        out.push('\n');
        out.push_str(&table.to_string());
        out.push('\n');
    }
    if !file.collection_errors.is_empty() {
        let mut table = new_table(opts);
        table.set_header(vec!["Service", "Region", "Permission / API", "Resource", "Error"]);
        for (e, resources) in same_failures(&file.collection_errors) {
            table.add_row(vec![
                Cell::new(terminal_safe(&e.service)),
                Cell::new(terminal_safe(e.region.as_deref().unwrap_or("global"))),
                Cell::new(terminal_safe(&e.iam_action)),
                Cell::new(terminal_safe(&resource_list(&resources))),
                Cell::new(terminal_safe(&format!("{}: {}", e.code, e.message))),
            ]);
        }
        out.push_str("\nCould not collect:\n");
        out.push_str(&table.to_string());
        out.push('\n');
    }
    out
}

/// The failed calls, one row per call, region and error: a call refused for every bucket is one row
/// naming the buckets, not a row per bucket repeating the same error.
fn same_failures(errors: &[CollectionError]) -> Vec<(&CollectionError, Vec<&str>)> {
    let mut rows: Vec<(&CollectionError, Vec<&str>)> = Vec::new();
    for e in errors {
        let same = |(r, _): &&mut (&CollectionError, Vec<&str>)| {
            (&r.service, &r.region, &r.iam_action, &r.code, &r.message)
                == (&e.service, &e.region, &e.iam_action, &e.code, &e.message)
        };
        match rows.iter_mut().find(same) {
            Some((_, resources)) => resources.extend(e.resource.as_deref()),
            None => rows.push((e, e.resource.as_deref().into_iter().collect())),
        }
    }
    rows
}

/// The resources of one row: all of them up to a few, then how many more.
fn resource_list(resources: &[&str]) -> String {
    const SHOWN: usize = 3;
    match resources.len() {
        0 => "-".to_string(),
        1 => resources[0].to_string(),
        n if n <= SHOWN => format!("{n} resources: {}", resources.join(", ")),
        n => format!("{n} resources: {}, and {} more", resources[..SHOWN].join(", "), n - SHOWN),
    }
}

fn new_table(opts: &TerminalOptions) -> Table {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(opts.width);
    if !opts.color {
        table.force_no_tty();
    }
    table
}

fn summary_table(summary: &Summary, opts: &TerminalOptions) -> Table {
    let mut table = new_table(opts);
    let mut header = vec!["Service".to_string()];
    header.extend(Severity::ALL.iter().map(|s| format!("{s} (fail)")));
    header.extend(["PASS".to_string(), "ERROR".to_string()]);
    table.set_header(header);
    for (service, by_sev) in &summary.by_service {
        let mut row = vec![Cell::new(terminal_safe(service))];
        let (mut pass, mut error) = (0, 0);
        for sev in Severity::ALL {
            let c = by_sev.get(&sev).copied().unwrap_or_default();
            pass += c.pass;
            error += c.error;
            row.push(if c.fail > 0 { severity_count(sev, c.fail, opts.color) } else { Cell::new("0") });
        }
        row.push(Cell::new(pass));
        row.push(Cell::new(error));
        table.add_row(row);
    }
    table
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

fn severity_count(s: Severity, n: usize, color: bool) -> Cell {
    let cell = Cell::new(n);
    if color {
        cell.fg(severity_color(s))
    } else {
        cell
    }
}

fn severity_cell(s: Severity, color: bool) -> Cell {
    let cell = Cell::new(s);
    if color {
        cell.fg(severity_color(s))
    } else {
        cell
    }
}

fn status_cell(status: Status, text: &str, color: bool) -> Cell {
    let cell = Cell::new(text);
    if !color {
        return cell;
    }
    match status {
        Status::Pass => cell.fg(Color::Green),
        Status::Fail => cell.fg(Color::Red),
        Status::Error => cell.fg(Color::Yellow),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::terminal_text::{assert_terminal_clean, PAYLOADS};
    use crate::snapshot::{CollectionErrorDetails, ErrorKind};
    use crate::testing::finding_about;

    /// Every string the report shows from the findings file carries a payload.
    fn hostile_file(payload: &str) -> FindingsFile {
        let mut file = FindingsFile::new(&crate::testing::snapshot(), Vec::new());
        file.argus_version = payload.into();
        file.account_id = payload.into();
        file.regions = vec![payload.into()];
        let mut finding = finding_about(payload, payload, payload, payload, payload, Status::Fail);
        finding.message = payload.into();
        file.findings = vec![finding];
        file.collection_errors = vec![CollectionErrorDetails {
            service: payload.into(),
            region: Some(payload.into()),
            operation: payload.into(),
            iam_action: payload.into(),
            resource: Some(payload.into()),
            kind: ErrorKind::AccessDenied,
            code: payload.into(),
            message: payload.into(),
        }
        .into()];
        file
    }

    #[test]
    fn account_strings_cannot_control_the_terminal() {
        for payload in PAYLOADS {
            for color in [false, true] {
                let out = render(&hostile_file(payload), &TerminalOptions { color, show_pass: true, width: 2000 });
                assert_terminal_clean(&out, color);
            }
        }
    }

    #[test]
    fn one_failure_repeated_for_many_resources_is_one_row() {
        let error = |region: &str, bucket: &str, code: &str| -> CollectionError {
            CollectionErrorDetails {
                service: "s3".into(),
                region: Some(region.into()),
                operation: "GetBucketVersioning".into(),
                iam_action: "s3:GetBucketVersioning".into(),
                resource: Some(bucket.into()),
                kind: ErrorKind::InvalidResponse,
                code: code.into(),
                message: "the reply did not parse".into(),
            }
            .into()
        };
        let mut file = FindingsFile::new(&crate::testing::snapshot(), Vec::new());
        file.collection_errors = ["b1", "b2", "b3", "b4", "b5"]
            .iter()
            .map(|b| error("us-east-1", b, "UnparseableResponse"))
            .chain([error("eu-west-1", "b6", "UnparseableResponse"), error("us-east-1", "b7", "AccessDenied")])
            .collect();
        let out = render(&file, &TerminalOptions { color: false, show_pass: false, width: 2000 });
        let rows: Vec<&str> = out.lines().filter(|l| l.contains("s3:GetBucketVersioning")).collect();
        assert_eq!(rows.len(), 3, "{out}");
        assert!(rows[0].contains("5 resources: b1, b2, b3, and 2 more"), "{}", rows[0]);
        assert!(rows[1].contains("b6") && rows[1].contains("eu-west-1"), "{}", rows[1]);
        assert!(rows[2].contains("b7") && rows[2].contains("AccessDenied"), "{}", rows[2]);
    }
}
