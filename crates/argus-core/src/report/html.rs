//! The HTML report: one self-contained file. CSS, JS and the SVG charts are inline and nothing is
//! fetched from the network (a Content-Security-Policy with `default-src 'none'` enforces it).
//!
//! Rendered through minijinja with HTML auto-escaping (the template's name ends in `.html`), so every
//! account string (resource names, tags, messages) is escaped. No data is embedded as JSON in a
//! `<script>`: the filter and sorting read the table's own DOM (`data-*` attributes, cell text), so a
//! value containing `</script>` has nothing to break out of. The script runs only with the per-render
//! CSP nonce, so even markup that escaped escaping could not run inline script.
//!
//! The one value inserted unescaped (`|safe`) is an attack path's SVG, which `path_svg` builds with
//! every account string escaped (its tests hold it to that).
//!
//! The findings rows are rendered in chunks straight into the output (`report-rows.html`, between the
//! parts of `report.html` before and after its rows marker): only one chunk of findings exists as
//! template values at a time, so memory does not grow with the number of findings.
//!
//! The findings filter reads its initial state from the URL fragment:
//! `report.html#filter=TEXT&status=FAIL&severity=high`; rows that do not match get the `hidden`
//! attribute. Rows are `<tr class="finding" data-testid="finding" data-check=… data-status=…
//! data-severity=… data-muted=…>`.

use super::{FindingsFile, Summary};
use crate::compliance::{ComplianceReport, FindingCounts, RequirementFinding, RequirementStatus};
use crate::engine::NothingToEvaluate;
use crate::engine::{metadata, CheckMetadata, Finding, Severity, Status};
use crate::snapshot::CollectionError;
use minijinja::value::{Serde, Value};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use std::collections::btree_map::{BTreeMap, Entry};

const PAGE: &str = include_str!("../../templates/report.html");
const ROWS: &str = include_str!("../../templates/report-rows.html");
/// The line of `PAGE` where the findings rows go: the page before it and after it are two templates.
const ROWS_MARKER: &str = "{# findings rows: html.rs streams report-rows.html here #}\n";
/// Findings converted to template values and rendered at a time. The whole list as values was most
/// of a large scan's peak memory (tens of MiB at 40,000 findings); a chunk is well under a MiB.
const ROWS_PER_CHUNK: usize = 512;
const STYLE: &str = include_str!("../../templates/report.css");
const SCRIPT: &str = include_str!("../../templates/report.js");

/// FAIL/ERROR findings listed under one compliance requirement; the rest are one click away through
/// the findings filter (a requirement can have thousands).
const PROBLEMS_PER_REQUIREMENT: usize = 20;

/// Encoding of a value in a `#filter=` fragment: check ids (`a-z0-9_`) stay readable.
const FRAGMENT_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'_').remove(b'-').remove(b'.');

/// Bar geometry of the summary charts (SVG user units).
const BAR_MAX_WIDTH: f64 = 360.0;
const BAR_ROW_HEIGHT: u32 = 26;

#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    #[error("could not render the HTML report: {0}")]
    Template(#[from] minijinja::Error),
    #[error("could not prepare the HTML report data: {0}")]
    Data(#[from] serde_json::Error),
}

/// Renders the findings document and the given compliance reports as one HTML page.
pub fn render(file: &FindingsFile, compliance: &[ComplianceReport]) -> Result<String, HtmlError> {
    let mut out = Vec::new();
    write(file, compliance, &mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Streams the page into `out` (a large account's report is tens of megabytes).
pub fn write(
    file: &FindingsFile,
    compliance: &[ComplianceReport],
    out: &mut dyn std::io::Write,
) -> Result<(), HtmlError> {
    let (head, tail) = PAGE.split_once(ROWS_MARKER).ok_or_else(|| {
        minijinja::Error::new(minijinja::ErrorKind::SyntaxError, "report.html has no findings rows marker")
    })?;
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    // Block tags on their own lines leave no blank lines behind (reports can have thousands of rows).
    env.set_syntax(minijinja::syntax::SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build()?);
    // Names ending in `.html` turn auto-escaping on.
    env.add_template("report.html", head)?;
    env.add_template("report-rows.html", ROWS)?;
    env.add_template("report-tail.html", tail)?;

    // The view's strings are ordinary (unsafe) values: the templates escape every one of them.
    let page = minijinja::context! {
        // Our own static CSS/JS, inserted verbatim (not parsed as template source, not escaped).
        style => Value::from_safe_string(STYLE.to_string()),
        script => Value::from_safe_string(SCRIPT.to_string()),
        ..Value::from(Serde(PageView::new(file, compliance)))
    };
    env.get_template("report.html")?.render_captured_to(page.clone(), &mut *out)?;

    // Converted once, shared by every chunk.
    let checks = Value::from(Serde(check_metadata(file)));
    let rows = env.get_template("report-rows.html")?;
    for chunk in by_urgency(file).chunks(ROWS_PER_CHUNK) {
        let findings: Vec<FindingView> = chunk.iter().map(|f| FindingView::new(f)).collect();
        let context = minijinja::context! { checks => checks.clone(), findings => Value::from(Serde(findings)) };
        rows.render_captured_to(context, &mut *out)?;
    }

    env.get_template("report-tail.html")?.render_captured_to(page, out)?;
    Ok(())
}

/// Everything on the page but the findings rows.
#[derive(Serialize)]
struct PageView<'a> {
    account_id: &'a str,
    regions: &'a [String],
    services: &'a [String],
    collected_at: String,
    argus_version: &'a str,
    api_calls: u64,
    retries: u64,
    nonce: String,
    totals: Totals,
    severities: Vec<&'static str>,
    severity_chart: Chart,
    service_chart: Chart,
    findings_count: usize,
    compliance: Vec<ComplianceView<'a>>,
    collection_errors: Vec<ErrorView<'a>>,
}

#[derive(Serialize)]
struct Totals {
    total: usize,
    pass: usize,
    fail: usize,
    error: usize,
    muted: usize,
}

impl<'a> PageView<'a> {
    fn new(file: &'a FindingsFile, compliance: &'a [ComplianceReport]) -> Self {
        let summary = Summary::of(&file.findings);
        PageView {
            account_id: &file.account_id,
            regions: &file.regions,
            services: &file.services,
            collected_at: file.collected_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            argus_version: &file.argus_version,
            api_calls: file.api_calls,
            retries: file.retries,
            nonce: script_nonce(),
            totals: Totals {
                total: summary.total,
                pass: summary.pass,
                fail: summary.fail,
                error: summary.error,
                muted: summary.muted,
            },
            severities: Severity::ALL.iter().map(|s| s.as_str()).collect(),
            severity_chart: severity_chart(&summary),
            service_chart: service_chart(&summary),
            findings_count: file.findings.len(),
            compliance: compliance.iter().map(ComplianceView::new).collect(),
            collection_errors: file.collection_errors.iter().map(ErrorView::new).collect(),
        }
    }
}

/// The findings in table order. Most urgent first: unmuted FAIL, then ERROR, then PASS; higher severity
/// first within each (a stable sort: scan order otherwise).
fn by_urgency(file: &FindingsFile) -> Vec<&Finding> {
    let mut findings: Vec<&Finding> = file.findings.iter().collect();
    findings.sort_by_key(|f| (status_rank(f), std::cmp::Reverse(f.severity())));
    findings
}

/// Metadata of every check with a finding, by check id. Built entry by entry: collecting into the map
/// would first buffer a view per finding (megabytes at tens of thousands of findings).
fn check_metadata(file: &FindingsFile) -> BTreeMap<&str, MetaView<'static>> {
    let mut checks = BTreeMap::new();
    for f in &file.findings {
        if let Entry::Vacant(entry) = checks.entry(f.check_id().as_str()) {
            if let Some(m) = metadata::find(f.check_id()) {
                entry.insert(MetaView::new(m));
            }
        }
    }
    checks
}

/// Sort rank of a finding's status: unmuted FAIL, ERROR, PASS, then muted ones.
fn status_rank(f: &Finding) -> u8 {
    let base = match f.status {
        Status::Fail => 0,
        Status::Error => 1,
        Status::Pass => 2,
    };
    if f.muted {
        base + 3
    } else {
        base
    }
}

/// A random value for the CSP script nonce. Random keys of std's hasher (seeded from the OS) are
/// enough: the nonce only has to be unknowable to whoever wrote the account data being rendered.
fn script_nonce() -> String {
    use std::hash::{BuildHasher, Hasher};
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    (0..2u8)
        .map(|i| {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(now);
            h.write_u8(i);
            format!("{:016x}", h.finish())
        })
        .collect()
}

// --- charts ------------------------------------------------------------------------------------

#[derive(Serialize)]
struct Chart {
    height: u32,
    rows: Vec<ChartRow>,
}

/// One labelled bar made of coloured segments; `y` and the segment geometry are SVG coordinates.
#[derive(Serialize)]
struct ChartRow {
    label: String,
    total: usize,
    y: u32,
    text_x: u32,
    segments: Vec<Segment>,
}

#[derive(Serialize)]
struct Segment {
    /// A fixed CSS class (`fail`, `critical`, …), never account data.
    class: &'static str,
    title: String,
    x: u32,
    width: u32,
}

/// One coloured part of a bar: (CSS class, what is counted, count).
type Part = (&'static str, &'static str, usize);

fn chart(rows: Vec<(String, Vec<Part>)>) -> Chart {
    let max = rows.iter().map(|(_, parts)| parts.iter().map(|p| p.2).sum::<usize>()).max().unwrap_or(0).max(1);
    let height = rows.len() as u32 * BAR_ROW_HEIGHT + 4;
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, parts))| {
            let total = parts.iter().map(|p| p.2).sum();
            let mut x = 0u32;
            let mut segments = Vec::new();
            for (class, name, count) in parts {
                if count == 0 {
                    continue;
                }
                // Never thinner than 2 units, so a single finding stays visible next to thousands.
                let width = ((count as f64 / max as f64) * BAR_MAX_WIDTH).round().max(2.0) as u32;
                segments.push(Segment { class, title: format!("{count} {name}"), x, width });
                x += width;
            }
            ChartRow { label, total, y: i as u32 * BAR_ROW_HEIGHT, text_x: x + 6, segments }
        })
        .collect();
    Chart { height, rows }
}

/// Unmuted failing findings per severity.
fn severity_chart(summary: &Summary) -> Chart {
    let rows = Severity::ALL
        .iter()
        .map(|sev| {
            let fails = summary.by_service.values().filter_map(|m| m.get(sev)).map(|c| c.fail).sum::<usize>();
            (sev.as_str().to_string(), vec![(sev.as_str(), "failing", fails)])
        })
        .collect();
    chart(rows)
}

/// Unmuted findings per service, split into FAIL / ERROR / PASS.
fn service_chart(summary: &Summary) -> Chart {
    let rows = summary
        .by_service
        .iter()
        .map(|(service, by_sev)| {
            let (mut fail, mut error, mut pass) = (0, 0, 0);
            for c in by_sev.values() {
                fail += c.fail;
                error += c.error;
                pass += c.pass;
            }
            (service.to_string(), vec![("fail", "FAIL", fail), ("error", "ERROR", error), ("pass", "PASS", pass)])
        })
        .collect();
    chart(rows)
}

// --- findings ----------------------------------------------------------------------------------

#[derive(Serialize)]
struct FindingView<'a> {
    status: &'static str,
    /// Fixed CSS class: `fail`, `error`, `pass`.
    status_key: &'static str,
    status_label: String,
    status_rank: u8,
    muted: bool,
    /// FAIL or ERROR: the details show risk and remediation.
    actionable: bool,
    severity: &'static str,
    severity_rank: u8,
    service: &'a str,
    check_id: &'a str,
    check_title: &'a str,
    region: &'a str,
    resource_name: &'a str,
    resource_id: &'a str,
    resource_arn: &'a str,
    tags: Vec<String>,
    message: &'a str,
    /// The attack paths of the finding drawn as inline SVGs (`path_svg`: every account string
    /// already escaped), or empty.
    paths_svg: String,
    paths_shown: usize,
    paths_not_shown: usize,
    /// The check has metadata, in the rows template's `checks` (once per check, not per finding: a large
    /// account has tens of thousands of findings of a few dozen checks).
    has_meta: bool,
}

#[derive(Serialize)]
struct MetaView<'a> {
    description: &'a str,
    risk: &'a str,
    remediation_text: &'a str,
    remediation_cli: Option<&'a str>,
    remediation_terraform: Option<&'a str>,
    references: Vec<Reference<'a>>,
    compliance: Vec<String>,
}

#[derive(Serialize)]
struct Reference<'a> {
    url: &'a str,
    /// Only http(s) references become links (never `javascript:` or the like).
    linkable: bool,
}

impl<'a> FindingView<'a> {
    fn new(f: &'a Finding) -> Self {
        let meta = metadata::find(f.check_id());
        FindingView {
            status: f.status.as_str(),
            status_key: status_key(f.status),
            status_label: if f.muted { format!("{} (muted)", f.status) } else { f.status.to_string() },
            status_rank: status_rank(f),
            muted: f.muted,
            actionable: f.status != Status::Pass,
            severity: f.severity().as_str(),
            severity_rank: f.severity() as u8,
            service: f.service(),
            check_id: f.check_id(),
            check_title: meta.map(|m| m.title.as_str()).unwrap_or(""),
            region: &f.resource.region,
            resource_name: if f.resource.name.is_empty() { &f.resource.id } else { &f.resource.name },
            resource_id: &f.resource.id,
            resource_arn: &f.resource.arn,
            tags: f.resource.tags.iter().map(|(k, v)| format!("{k}={v}")).collect(),
            message: &f.message,
            paths_svg: f
                .paths
                .as_deref()
                .map(|p| p.shown.iter().map(super::path_svg::render).collect())
                .unwrap_or_default(),
            paths_shown: f.paths.as_deref().map_or(0, |p| p.shown.len()),
            paths_not_shown: f.paths.as_deref().map_or(0, |p| p.not_shown),
            has_meta: meta.is_some(),
        }
    }
}

impl<'a> MetaView<'a> {
    fn new(m: &'a CheckMetadata) -> Self {
        let c = &m.compliance;
        let compliance = [("CIS 5.0", &c.cis_5_0), ("CIS 7.0", &c.cis_7_0), ("FSBP", &c.fsbp)]
            .into_iter()
            .flat_map(|(name, ids)| ids.iter().map(move |id| format!("{name} {id}")))
            .collect();
        MetaView {
            description: &m.description,
            risk: &m.risk,
            remediation_text: &m.remediation.text,
            remediation_cli: m.remediation.cli.as_deref(),
            remediation_terraform: m.remediation.terraform.as_deref(),
            references: m
                .references
                .iter()
                .map(|url| Reference { url, linkable: url.starts_with("https://") || url.starts_with("http://") })
                .collect(),
            compliance,
        }
    }
}

fn status_key(s: Status) -> &'static str {
    match s {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Error => "error",
    }
}

// --- compliance --------------------------------------------------------------------------------

#[derive(Serialize)]
struct ComplianceView<'a> {
    framework: &'static str,
    title: &'a str,
    source: &'a str,
    counts: Vec<StatusCount>,
    requirements: Vec<RequirementView<'a>>,
}

#[derive(Serialize)]
struct StatusCount {
    label: &'static str,
    key: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct RequirementView<'a> {
    id: &'a str,
    section: &'a str,
    subsection: &'a str,
    description: &'a str,
    assessment: &'static str,
    status: &'static str,
    status_key: &'static str,
    manual_assisted: bool,
    checks: Vec<CheckLink<'a>>,
    counts: FindingCounts,
    problems: Vec<&'a RequirementFinding>,
    more_problems: usize,
    /// Informational: mapped checks that ran with nothing to judge, per account and region.
    nothing_to_evaluate: &'a [NothingToEvaluate],
}

/// A check id and the fragment link that filters the findings table to it.
#[derive(Serialize)]
struct CheckLink<'a> {
    id: &'a str,
    href: String,
}

impl<'a> ComplianceView<'a> {
    fn new(report: &'a ComplianceReport) -> Self {
        ComplianceView {
            framework: report.framework.id(),
            title: &report.title,
            source: &report.requirements_source,
            counts: RequirementStatus::ALL
                .iter()
                .map(|s| StatusCount { label: s.as_str(), key: s.key(), count: report.count(*s) })
                .collect(),
            requirements: report
                .requirements
                .iter()
                .map(|r| {
                    let problems: Vec<&RequirementFinding> =
                        r.findings.iter().filter(|f| f.status != Status::Pass && !f.muted).collect();
                    RequirementView {
                        id: &r.id,
                        section: &r.section,
                        subsection: &r.subsection,
                        description: &r.description,
                        assessment: r.assessment.as_str(),
                        status: r.status.as_str(),
                        status_key: r.status.key(),
                        manual_assisted: r.manual_assisted,
                        checks: r
                            .checks
                            .iter()
                            .map(|id| CheckLink {
                                id,
                                href: format!("#filter={}", utf8_percent_encode(id, FRAGMENT_VALUE)),
                            })
                            .collect(),
                        counts: r.finding_counts,
                        more_problems: problems.len().saturating_sub(PROBLEMS_PER_REQUIREMENT),
                        problems: problems.into_iter().take(PROBLEMS_PER_REQUIREMENT).collect(),
                        nothing_to_evaluate: &r.nothing_to_evaluate,
                    }
                })
                .collect(),
        }
    }
}

// --- collection errors -------------------------------------------------------------------------

#[derive(Serialize)]
struct ErrorView<'a> {
    service: &'a str,
    region: &'a str,
    operation: &'a str,
    iam_action: &'a str,
    resource: &'a str,
    kind: String,
    code: &'a str,
    message: &'a str,
}

impl<'a> ErrorView<'a> {
    fn new(e: &'a CollectionError) -> Self {
        ErrorView {
            service: &e.service,
            region: e.region.as_deref().unwrap_or("global"),
            operation: &e.operation,
            iam_action: &e.iam_action,
            resource: e.resource.as_deref().unwrap_or("-"),
            kind: serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
            code: &e.code,
            message: &e.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compliance::{evaluate, Framework};
    use crate::snapshot::ErrorKind;
    use chrono::TimeZone;

    const IMG: &str = "<img src=x onerror=alert(1)>";
    const SCRIPT_BREAKOUT: &str = "</script><script>alert(1)</script>";

    fn finding(check: &str, status: Status, severity: Severity, name: &str) -> Finding {
        let mut f = crate::testing::finding_about(check, "s3", "123456789012", "us-east-1", name, status);
        f.source_mut().severity = severity;
        Finding { message: format!("Bucket {name} is {status}.").into(), ..f }
    }

    fn file(findings: Vec<Finding>, errors: Vec<CollectionError>) -> FindingsFile {
        FindingsFile {
            schema_version: 1,
            argus_version: "9.9.9".into(),
            account_id: "123456789012".into(),
            collected_at: chrono::Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).single().unwrap(),
            regions: vec!["us-east-1".into(), "eu-west-1".into()],
            services: vec!["s3".into(), "iam".into()],
            collection_errors: errors,
            api_calls: 42,
            retries: 1,
            findings,
            nothing_to_evaluate: vec![],
            account_names: Default::default(),
        }
    }

    fn hostile_file() -> FindingsFile {
        let mut tagged = finding("s3_bucket_public_access", Status::Fail, Severity::Critical, IMG);
        std::sync::Arc::make_mut(&mut tagged.resource).tags.insert("owner".into(), SCRIPT_BREAKOUT.into());
        tagged.message = format!("Bucket {IMG} is public \"'&").into();
        let mut muted = finding("s3_bucket_default_encryption", Status::Fail, Severity::Medium, "muted-bucket");
        muted.muted = true;
        let error = CollectionError::from(crate::snapshot::CollectionErrorDetails {
            service: "s3".into(),
            region: Some("us-east-1".into()),
            operation: "GetBucketPolicy".into(),
            iam_action: "s3:GetBucketPolicy".into(),
            resource: Some(SCRIPT_BREAKOUT.into()),
            kind: ErrorKind::AccessDenied,
            code: "AccessDenied".into(),
            message: format!("denied {IMG}"),
        });
        file(
            vec![
                tagged,
                muted,
                finding("s3_bucket_secure_transport_policy", Status::Pass, Severity::Medium, "good-bucket"),
                finding("iam_root_mfa_enabled", Status::Error, Severity::Critical, "123456789012"),
            ],
            vec![error],
        )
    }

    fn rendered(f: &FindingsFile) -> String {
        let reports: Vec<ComplianceReport> =
            Framework::ALL.iter().map(|fw| evaluate(*fw, &f.findings, &f.nothing_to_evaluate)).collect();
        render(f, &reports).unwrap()
    }

    #[test]
    fn loads_nothing_from_the_network() {
        let html = rendered(&with_a_path());
        // minijinja writes '/' as &#x2f; inside values; undo it so escaped URLs are seen too.
        let plain = html.replace("&#x2f;", "/");
        // Escaped text has no raw '<', so every match here is a real tag.
        let tags = regex::Regex::new(r"<[A-Za-z][^>]*>").unwrap();
        for tag in tags.find_iter(&plain).map(|m| m.as_str().to_lowercase()) {
            assert!(!tag.contains(" src=") && !tag.contains("srcset"), "an element loads a source: {tag}");
            for name in ["<link", "<iframe", "<object", "<embed", "<img", "<base"] {
                assert!(!tag.starts_with(name), "found {tag}");
            }
        }
        let lower = plain.to_lowercase();
        assert!(!lower.contains("@import") && !lower.contains("url("), "the CSS fetches nothing");
        let url_attr =
            regex::Regex::new(r#"(?i)<(\w+)[^>]*?\s(?:src|href|action|data|poster)\s*=\s*["']?\s*(?:https?:)?//"#)
                .unwrap();
        for m in url_attr.captures_iter(&plain) {
            assert_eq!(&m[1].to_lowercase(), "a", "only plain links may point at the network: {}", &m[0]);
        }
        assert!(url_attr.is_match(&plain), "reference links are kept");
        assert!(html.contains("default-src 'none'"), "the CSP forbids fetches");
    }

    #[test]
    fn account_strings_are_escaped() {
        let html = rendered(&with_a_path());
        assert!(!html.contains("<img src=x"), "resource name rendered raw");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert_eq!(html.matches("</script>").count(), 1, "only the report's own script closes");
        assert_eq!(html.matches("<script").count(), 1);
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("&lt;&#x2f;script&gt;&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
        assert!(html.contains("public &quot;&#x27;&amp;"));
    }

    #[test]
    fn the_script_runs_only_with_the_csp_nonce() {
        let html = rendered(&hostile_file());
        let nonce = regex::Regex::new(r"'nonce-([0-9a-f]{32})'").unwrap().captures(&html).unwrap()[1].to_string();
        assert!(html.contains(&format!("<script nonce=\"{nonce}\">")));
        let script_src = regex::Regex::new(r"script-src ([^;]*)").unwrap().captures(&html).unwrap()[1].to_string();
        assert_eq!(script_src, format!("'nonce-{nonce}'"), "inline handlers and injected scripts cannot run");
        assert!(!html.contains("onerror=") || html.contains("&lt;img src=x onerror="), "no live handler attributes");
        assert!(!html.contains(" onclick=") && !html.contains(" onsubmit="));
    }

    #[test]
    fn static_script_and_style_cannot_close_their_elements() {
        assert!(!SCRIPT.to_lowercase().contains("</script") && !SCRIPT.contains("<!--"));
        assert!(!STYLE.to_lowercase().contains("</style"));
    }

    #[test]
    fn header_and_incomplete_banner() {
        let html = rendered(&hostile_file());
        assert!(html.contains(r#"<dd id="account-id">123456789012</dd>"#));
        assert!(html.contains("us-east-1, eu-west-1"));
        assert!(html.contains("2026-06-01 12:00:00 UTC"));
        assert!(html.contains(r#"<dd id="argus-version">9.9.9</dd>"#));
        assert!(html.contains(r#"id="incomplete-banner""#) && html.contains("INCOMPLETE"));
        assert_eq!(html.matches(r#"data-testid="collection-error""#).count(), 1);
        assert!(html.contains("s3:GetBucketPolicy"));

        let complete = rendered(&file(vec![], vec![]));
        assert!(!complete.contains("incomplete-banner"));
        assert!(complete.contains("every API call succeeded"));
    }

    #[test]
    fn findings_rows_carry_test_attributes_and_details() {
        let f = hostile_file();
        let html = rendered(&f);
        assert_eq!(html.matches(r#"data-testid="finding""#).count(), f.findings.len());
        assert!(html.contains(
            r#"data-check="s3_bucket_public_access" data-status="FAIL" data-severity="critical" data-muted="false""#
        ));
        assert!(html.contains(
            r#"data-check="s3_bucket_default_encryption" data-status="FAIL" data-severity="medium" data-muted="true""#
        ));
        assert!(html.contains("FAIL (muted)"));
        let meta = metadata::find("s3_bucket_public_access").unwrap();
        let escaped = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace('\'', "&#x27;")
                .replace('/', "&#x2f;")
        };
        assert!(html.contains(&escaped(&meta.risk)), "FAIL details show the risk");
        assert!(html.contains(&escaped(&meta.remediation.text)));
        assert!(html.contains(&escaped(&meta.references[0])));
        assert!(html.contains("<details>"));
        // Most urgent first: the unmuted critical FAIL leads the table.
        let first = html.find(r#"data-testid="finding""#).unwrap();
        assert!(html[first..].starts_with(r#"data-testid="finding" data-check="s3_bucket_public_access""#));
    }

    /// The hostile file with a FAIL of an attack-path check whose path names hostile hops.
    fn with_a_path() -> FindingsFile {
        use crate::engine::{AttackPath, AttackPaths, PathEdge, PathHop};
        let mut f = hostile_file();
        let mut escalation = finding("paths_principal_can_escalate_to_admin", Status::Fail, Severity::Critical, "dev");
        let hop = |kind: &str, name: &str| PathHop { kind: kind.into(), name: name.into(), arn: String::new() };
        let edge = |via: &str| PathEdge {
            via: via.into(),
            method: None,
            grants: vec![SCRIPT_BREAKOUT.into()],
            conditional: false,
            missing: None,
        };
        let path = AttackPath {
            hops: vec![hop("user", "dev"), hop("role", "</svg><script>alert(1)</script>"), hop("admin", "admin")],
            edges: vec![edge("sts:AssumeRole"), edge(IMG)],
        };
        escalation.paths = Some(std::sync::Arc::new(AttackPaths { shown: vec![path.clone(), path], not_shown: 3 }));
        f.findings.push(escalation);
        f
    }

    #[test]
    fn attack_paths_are_drawn_as_inline_svg_with_account_strings_escaped() {
        let html = rendered(&with_a_path());
        assert_eq!(html.matches(r#"<svg class="attack-path""#).count(), 2, "one drawing per path");
        assert_eq!(html.matches(r#"data-testid="path-hop""#).count(), 6);
        assert!(html.contains("<dt>Attack paths</dt>") && html.contains("and 3 more path(s), not drawn"));
        assert!(html.contains("<title>role &lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
        assert!(html.contains(">&lt;/svg&gt;&lt;script&gt;alert(…</text>"), "cut to its box");
        assert_eq!(html.matches("<script").count(), 1, "only the report's own script");
        assert_eq!(html.matches("</svg>").count(), 4, "two charts and two paths, each closed once");
        assert!(!html.contains("<img src=x"));
        // Only the path finding has a drawing.
        let rows = html.split(r#"<tr class="finding"#).skip(1);
        let drawn: Vec<bool> = rows.map(|r| r.contains("attack-path")).collect();
        assert_eq!(drawn.iter().filter(|d| **d).count(), 1);
        // The CSP is today's.
        assert!(html.contains(r#"content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-"#));
        assert!(!rendered(&hostile_file()).contains("<svg class=\"attack-path\""), "no path, no drawing");
    }

    #[test]
    fn summary_charts_are_inline_svg() {
        let html = rendered(&hostile_file());
        assert_eq!(html.matches("<svg class=\"chart").count(), 2);
        assert!(html.contains(r#"<rect class="critical""#), "the critical FAIL has a bar");
        assert!(html.contains(r#"<rect class="pass""#));
    }

    #[test]
    fn checks_with_nothing_to_evaluate_are_shown_as_informational() {
        let mut f = hostile_file();
        f.nothing_to_evaluate = vec![NothingToEvaluate {
            check_id: "kms_cmk_rotation_enabled".into(),
            account_id: "123456789012".into(),
            region: "eu-west-1".into(),
        }];
        let html = rendered(&f);
        assert!(html.contains(r#"data-id="3.6" data-status="NOTHING TO EVALUATE""#), "CIS 5.0 3.6 (KMS rotation)");
        assert_eq!(html.matches(r#"data-testid="nothing-to-evaluate""#).count(), 3, "one per framework mapping it");
        assert!(
            html.contains("<code>kms_cmk_rotation_enabled</code> 123456789012 eu-west-1: ran, no resources to judge")
        );
    }

    #[test]
    fn compliance_views_are_rendered() {
        let f = hostile_file();
        let html = rendered(&f);
        for fw in Framework::ALL {
            assert!(html.contains(&format!(r#"id="compliance-{}""#, fw.id())));
        }
        let requirement_rows: usize = Framework::ALL.iter().map(|fw| evaluate(*fw, &[], &[]).requirements.len()).sum();
        assert_eq!(html.matches(r#"data-testid="requirement""#).count(), requirement_rows);
        assert!(html.contains(r#"data-id="1.4" data-status="ERROR""#), "root MFA check errored");
        assert!(html.contains(r##"href="#filter=iam_root_mfa_enabled""##));
    }

    /// The findings section of a rendered page.
    fn findings_section(html: &str) -> &str {
        let start = html.find(r#"<section id="findings">"#).unwrap();
        let end = start + html[start..].find("</section>").unwrap();
        &html[start..end]
    }

    #[test]
    fn findings_rows_are_streamed_in_chunks_without_gaps() {
        assert_eq!(PAGE.matches(ROWS_MARKER).count(), 1);
        // Odd findings FAIL and even ones PASS: the table lists every FAIL first, so the order is
        // decided over all findings, not within each chunk.
        let n = ROWS_PER_CHUNK * 2 + 3;
        let findings = (0..n)
            .map(|i| {
                let status = if i % 2 == 1 { Status::Fail } else { Status::Pass };
                finding("s3_bucket_public_access", status, Severity::Critical, &format!("bucket-{i:05}"))
            })
            .collect();
        let html = rendered(&file(findings, vec![]));
        let section = findings_section(&html);

        let expected: Vec<String> =
            (1..n).step_by(2).chain((0..n).step_by(2)).map(|i| format!("bucket-{i:05}")).collect();
        let cell = regex::Regex::new(r#"<td data-f class="resource">([^<]*)</td>"#).unwrap();
        let rows: Vec<&str> = cell.captures_iter(section).map(|c| c.get(1).unwrap().as_str()).collect();
        assert_eq!(rows, expected, "every finding once, most urgent first");
        assert_eq!(section.matches(r#"data-testid="finding""#).count(), n);
        assert_eq!(section.matches("</tr>").count(), n + 1, "every row closed (and the header row)");
        assert!(section.contains(&format!("{n} of {n} shown")));

        for tag in [r#"<table id="findings-table""#, "<table", "</table>", "<tbody>", "</tbody>"] {
            assert_eq!(section.matches(tag).count(), 1, "{tag}");
        }
        let tbody = section.find("<tbody>").unwrap();
        let end = section.find("</tbody>").unwrap();
        assert!(tbody < section.find(r#"<tr class="finding"#).unwrap());
        assert!(section.rfind("</tr>").unwrap() < end && end < section.find("</table>").unwrap());
        assert!(!section.contains("No findings."));
    }

    #[test]
    fn no_findings_means_no_table() {
        let html = render(&file(vec![], vec![]), &[]).unwrap();
        let section = findings_section(&html);
        assert!(section.contains(r#"<p class="empty">No findings.</p>"#));
        assert!(section.contains("0 of 0 shown"));
        assert!(!section.contains("<table") && !section.contains("tbody>"));
    }

    #[test]
    fn renders_an_empty_scan() {
        let html = render(&file(vec![], vec![]), &[]).unwrap();
        assert!(html.contains("No findings."));
        assert!(html.starts_with("<!DOCTYPE html>"));
    }
}
