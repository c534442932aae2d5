//! CSV output: a header row, then one row per finding (RFC 4180 quoting).
//!
//! Columns, in this order (stable — append new columns at the end only):
//! `check_id, status, severity, service, account_id, region, resource_id, resource_arn,
//! resource_name, message, muted, title, risk, remediation, compliance, resource_tags`.
//! `compliance` is `framework:requirement` pairs joined by `;` (e.g. `cis-5.0:1.4;fsbp:IAM.9`);
//! `resource_tags` is a JSON object; `title`, `risk` and `remediation` come from the check's
//! metadata (empty for an unknown check).
//!
//! Spreadsheet formula injection: resource names, tags and messages come from the audited account,
//! and a spreadsheet would evaluate a cell such as `=HYPERLINK(...)`. Every cell that starts with
//! `=`, `+`, `-`, `@`, a tab, a carriage return, NUL or a full-width `＝` `＋` `－` `＠` therefore
//! gets a leading `'`, which spreadsheets show as text. Consumers parsing the CSV programmatically
//! should strip that one apostrophe.
//!
//! CSV files are read in terminals too (`cat`, `less -r`): control and format characters of account
//! data are written as visible `\u{..}` escapes, as on the terminal report; line breaks and tabs
//! stay (RFC 4180 quotes them).

use super::error::ReportError;
use super::machine::requirements;
use super::terminal_text::terminal_safe_keeping_newlines;
use super::FindingsFile;
use crate::engine::metadata::{self, CheckMetadata};
use crate::engine::Finding;

pub const COLUMNS: [&str; 16] = [
    "check_id",
    "status",
    "severity",
    "service",
    "account_id",
    "region",
    "resource_id",
    "resource_arn",
    "resource_name",
    "message",
    "muted",
    "title",
    "risk",
    "remediation",
    "compliance",
    "resource_tags",
];

pub fn render(file: &FindingsFile) -> Result<String, ReportError> {
    super::machine::into_string(|out| write(file, out))
}

pub fn write(file: &FindingsFile, out: &mut dyn std::io::Write) -> Result<(), ReportError> {
    // `Necessary` quoting is RFC 4180: fields with a comma, quote or line break are quoted and
    // inner quotes doubled.
    let mut writer = ::csv::WriterBuilder::new().quote_style(::csv::QuoteStyle::Necessary).from_writer(out);
    writer.write_record(COLUMNS)?;
    for f in &file.findings {
        writer.write_record(row(f)?.iter().map(|cell| defuse_formula(&terminal_safe_keeping_newlines(cell))))?;
    }
    Ok(writer.flush()?)
}

fn row(f: &Finding) -> Result<[String; 16], ReportError> {
    let meta: Option<&CheckMetadata> = metadata::find(f.check_id());
    let text = |get: fn(&CheckMetadata) -> &str| meta.map(get).unwrap_or_default().to_string();
    Ok([
        f.check_id().to_string(),
        f.status.as_str().to_string(),
        f.severity().as_str().to_string(),
        f.service().to_string(),
        f.account_id().to_string(),
        f.resource.region.to_string(),
        f.resource.id.to_string(),
        f.resource.arn.to_string(),
        f.resource.name.to_string(),
        f.message.to_string(),
        f.muted.to_string(),
        text(|m| &m.title),
        text(|m| &m.risk),
        text(|m| &m.remediation.text),
        meta.map(compliance_cell).unwrap_or_default(),
        serde_json::to_string(&f.resource.tags)?,
    ])
}

/// `cis-5.0:1.4;cis-7.0:2.7;fsbp:IAM.9`
fn compliance_cell(meta: &CheckMetadata) -> String {
    requirements(&meta.compliance)
        .into_iter()
        .flat_map(|(framework, ids)| ids.iter().map(move |id| format!("{}:{id}", framework.key)))
        .collect::<Vec<_>>()
        .join(";")
}

/// Characters that make a spreadsheet read a cell as a formula when it starts with one: OWASP's list
/// (NUL included) and the full-width forms, which spreadsheets in CJK locales treat as the ASCII ones.
const FORMULA_STARTERS: [char; 11] =
    ['=', '+', '-', '@', '\t', '\r', '\0', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}'];

/// Prefixes `'` to a cell a spreadsheet would treat as a formula (see the module docs).
fn defuse_formula(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTERS) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::super::machine::fixtures;
    use super::*;

    fn parse(out: &str) -> Vec<Vec<String>> {
        ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(out.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn header_then_one_row_per_finding_in_documented_order() {
        let file = fixtures::sample();
        let rows = parse(&render(&file).unwrap());
        assert_eq!(rows[0], COLUMNS);
        assert_eq!(rows.len(), file.findings.len() + 1);
        let root = &rows[1];
        assert_eq!(root[..6], ["iam_avoid_root_usage", "FAIL", "high", "iam", "123456789012", "global"]);
        assert_eq!(root[10], "false");
        assert_eq!(root[11], "The root user was not used recently");
        assert_eq!(root[14], "cis-5.0:1.6;cis-7.0:2.7");
        assert_eq!(root[15], "{}");
        assert_eq!(rows[3][14], "cis-5.0:2.1.4;cis-7.0:3.1.4;fsbp:S3.8");
        assert_eq!(rows[4][10], "true");
        // Unknown check: metadata columns are empty, not an error.
        assert_eq!(rows[6][11..15], ["", "", "", ""]);
        assert_eq!(parse(&render(&fixtures::file(vec![])).unwrap()), vec![COLUMNS.map(String::from).to_vec()]);
    }

    #[test]
    fn commas_quotes_and_newlines_round_trip() {
        let file = fixtures::sample();
        let out = render(&file).unwrap();
        let hostile = &parse(&out)[2];
        // Line breaks round-trip; a carriage return is shown, not obeyed.
        assert_eq!(hostile[9], file.findings[1].message.replace('\r', "\\u{d}"));
        // A name starting with a letter is not touched, whatever it contains.
        assert_eq!(hostile[8], file.findings[1].resource.name);
        assert!(out.contains("\"evil,\"\"bucket\"\"\n=cmd|' /C calc'!A0\""), "RFC 4180 quoting: {out}");
        let tags: serde_json::Value = serde_json::from_str(&hostile[15]).unwrap();
        assert_eq!(tags["owner"], fixtures::XSS);
    }

    #[test]
    fn formula_cells_are_defused() {
        let mut file = fixtures::file(fixtures::findings());
        let f = &mut file.findings[0];
        std::sync::Arc::make_mut(&mut f.resource).name = "=HYPERLINK(\"http://x\",\"y\")".into();
        f.message = "-2+3".into();
        std::sync::Arc::make_mut(&mut f.resource).id = "@SUM(A1)".into();
        std::sync::Arc::make_mut(&mut f.resource).arn = "+1".into();
        std::sync::Arc::make_mut(&mut f.resource).region = "\tcmd".into();
        f.source_mut().service = "\rx".into();
        let row = &parse(&render(&file).unwrap())[1];
        assert_eq!(row[8], "'=HYPERLINK(\"http://x\",\"y\")");
        assert_eq!(row[9], "'-2+3");
        assert_eq!(row[6], "'@SUM(A1)");
        assert_eq!(row[7], "'+1");
        assert_eq!(row[5], "'\tcmd");
        assert_eq!(row[3], "\\u{d}x", "a carriage return is shown, so the cell no longer starts with it");
        assert_eq!(defuse_formula("plain=text"), "plain=text");
    }

    #[test]
    fn nul_and_full_width_formula_starters_are_defused() {
        // NUL is on OWASP's list; spreadsheets in CJK locales read the full-width forms as their
        // ASCII counterparts.
        for cell in ["\0=1+1", "\u{FF1D}HYPERLINK(\"http://x\")", "\u{FF0B}1", "\u{FF0D}1", "\u{FF20}SUM(A1)"] {
            assert_eq!(defuse_formula(cell), format!("'{cell}"), "{cell:?}");
        }
        let mut file = fixtures::file(fixtures::findings());
        std::sync::Arc::make_mut(&mut file.findings[0].resource).name = "\u{FF1D}1+1".into();
        let row = &parse(&render(&file).unwrap())[1];
        assert_eq!(row[8], "'\u{FF1D}1+1");
        assert_eq!(defuse_formula("a\u{FF1D}b"), "a\u{FF1D}b");
    }

    #[test]
    fn account_strings_cannot_control_the_terminal_of_whoever_reads_the_file() {
        for payload in crate::report::terminal_text::PAYLOADS {
            let mut file = fixtures::file(fixtures::findings());
            file.findings[0].message = (*payload).into();
            let out = render(&file).unwrap();
            let without_newlines = out.replace('\n', " ");
            crate::report::terminal_text::assert_terminal_clean(&without_newlines, false);
        }
    }
}
