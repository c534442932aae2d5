//! What each subcommand does, on top of the collector, the engine and the reports.

use crate::aws::AwsContext;
use crate::cli::{ChecksCommand, DiffArgs, DiffFormat, EvaluateArgs, FilterArgs, ReportArgs, ScanArgs};
use crate::collect;
use anyhow::{bail, Context};
use argus_core::checks;
use argus_core::compliance::{self, ComplianceReport, Framework};
use argus_core::engine::{self, metadata, Config, Filter};
use argus_core::mutelist::Mutelist;
use argus_core::report::machine::MachineFormat;
use argus_core::report::{self, FindingsFile, Summary};
use argus_core::snapshot::{Snapshot, SCHEMA_VERSION};
use std::path::Path;

/// Exit code when failing findings exist (Prowler's convention).
pub const EXIT_FAILING_FINDINGS: i32 = 3;

pub struct Ui {
    pub quiet: bool,
    pub color: bool,
}

pub async fn scan(args: ScanArgs, ui: &Ui) -> anyhow::Result<i32> {
    let opts = args.target.collect_options().map_err(anyhow::Error::msg)?;
    let config = load_config(&args.filter)?;
    let reports = ReportPlan::from_args(&args.report)?;
    let (ctx, identity) = AwsContext::connect(&args.target.connect_options()).await?;
    let progress = crate::progress::Bars::new(ui.quiet);
    let snapshot = collect::collect(&ctx, identity, &opts, &progress).await;
    progress.finish();
    let services = opts.services.iter().map(|s| s.name().to_string()).collect();
    finish(&snapshot, &args.filter, services, &args.report, &reports, &config, ui)
}

pub fn evaluate(args: EvaluateArgs, ui: &Ui) -> anyhow::Result<i32> {
    let config = load_config(&args.filter)?;
    let reports = ReportPlan::from_args(&args.report)?;
    let snapshot = read_snapshot(&args.snapshot)?;
    finish(&snapshot, &args.filter, args.services, &args.report, &reports, &config, ui)
}

/// The validated report options (checked before any AWS call, so a typo fails fast).
pub struct ReportPlan {
    formats: Vec<String>,
    frameworks: Vec<Framework>,
    mutelist: Option<(std::path::PathBuf, Mutelist)>,
}

const FILE_FORMATS: &[&str] = &["json-ocsf", "asff", "csv", "html", "junit"];

impl ReportPlan {
    pub fn from_args(args: &ReportArgs) -> anyhow::Result<Self> {
        let mut formats = Vec::new();
        for f in args.output_formats.iter().map(|f| f.trim().to_ascii_lowercase()).filter(|f| !f.is_empty()) {
            if !FILE_FORMATS.contains(&f.as_str()) {
                bail!("unknown output format '{f}' (known: {})", FILE_FORMATS.join(", "));
            }
            if !formats.contains(&f) {
                formats.push(f);
            }
        }
        let mut frameworks = Vec::new();
        for c in args.compliance.iter().map(|c| c.trim()).filter(|c| !c.is_empty() && *c != "none") {
            let fw: Framework = c.parse().map_err(anyhow::Error::msg)?;
            if !frameworks.contains(&fw) {
                frameworks.push(fw);
            }
        }
        let mutelist = match &args.mutelist {
            None => None,
            Some(path) => {
                let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
                let list = Mutelist::from_yaml(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                Some((path.clone(), list))
            }
        };
        Ok(ReportPlan { formats, frameworks, mutelist })
    }
}

/// Evaluates, writes the requested files, prints the terminal report, and picks the exit code.
fn finish(
    snapshot: &Snapshot,
    filter_args: &FilterArgs,
    services: Vec<String>,
    report_args: &ReportArgs,
    plan: &ReportPlan,
    config: &Config,
    ui: &Ui,
) -> anyhow::Result<i32> {
    let filter = Filter {
        checks: filter_args.checks.clone(),
        exclude_checks: filter_args.exclude_checks.clone(),
        services,
        min_severity: filter_args.severity,
    };
    for id in filter.checks.iter().chain(&filter.exclude_checks) {
        if metadata::find(id).is_none() {
            bail!("unknown check id '{id}' (see `argus checks list`)");
        }
    }
    // "Now" is when the data was collected, so re-evaluating a saved snapshot gives the same findings.
    let now = snapshot.collection.finished_at;
    let mut findings = engine::evaluate(snapshot, &checks::all(), &filter, config, now);
    if let Some((_, mutelist)) = &plan.mutelist {
        mutelist.apply(&mut findings);
    }
    let file = FindingsFile::new(snapshot, findings);
    let compliance: Vec<ComplianceReport> =
        plan.frameworks.iter().map(|fw| compliance::evaluate(*fw, &file.findings)).collect();
    if let Some(dir) = &report_args.output_dir {
        let written = write_reports(dir, snapshot, &file, &compliance, plan)?;
        if !ui.quiet {
            eprintln!("wrote {} file(s) to {}: {}", written.len(), dir.display(), written.join(", "));
        }
    }
    if !ui.quiet {
        let width = terminal_width();
        let opts = report::terminal::TerminalOptions { color: ui.color, show_pass: report_args.show_pass, width };
        print!("{}", report::terminal::render(&file, &opts));
    }
    let failing = Summary::failing_at_or_above(&file.findings, report_args.fail_on);
    Ok(if failing > 0 { EXIT_FAILING_FINDINGS } else { 0 })
}

/// Writes every requested file under one base name; returns their file names.
fn write_reports(
    dir: &Path,
    snapshot: &Snapshot,
    file: &FindingsFile,
    compliance: &[ComplianceReport],
    plan: &ReportPlan,
) -> anyhow::Result<Vec<String>> {
    let base = base_name(snapshot);
    let mut written = Vec::new();
    let mut put = |suffix: &str, content: &str| -> anyhow::Result<()> {
        let name = format!("{base}.{suffix}");
        write_text(&dir.join(&name), content)?;
        written.push(name);
        Ok(())
    };
    put("snapshot.json", &serde_json::to_string_pretty(snapshot)?)?;
    put("findings.json", &serde_json::to_string_pretty(file)?)?;
    for format in &plan.formats {
        match format.as_str() {
            "html" => {
                let html = report::html::render(file, compliance).map_err(|e| anyhow::anyhow!("HTML report: {e}"))?;
                put("html", &html)?;
            }
            other => {
                let fmt: MachineFormat = other.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
                let text = fmt.render(file).map_err(|e| anyhow::anyhow!("{other} report: {e}"))?;
                put(fmt.file_extension(), &text)?;
            }
        }
    }
    if !compliance.is_empty() {
        let json = compliance::reports_to_json(compliance).map_err(|e| anyhow::anyhow!("compliance: {e}"))?;
        let csv = compliance::reports_to_csv(compliance).map_err(|e| anyhow::anyhow!("compliance: {e}"))?;
        put("compliance.json", &json)?;
        put("compliance.csv", &csv)?;
    }
    Ok(written)
}

fn write_text(path: &Path, content: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(path, content).with_context(|| format!("cannot write {}", path.display()))
}

pub fn diff(args: DiffArgs, ui: &Ui) -> anyhow::Result<i32> {
    let read = |path: &Path| -> anyhow::Result<FindingsFile> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("{} is not an argus findings file", path.display()))
    };
    let (old, new) = (read(&args.old)?, read(&args.new)?);
    let d = argus_core::diff::diff(&old, &new);
    match args.format {
        DiffFormat::Json => println!("{}", d.to_json()),
        DiffFormat::Table => print!("{}", d.render_table(ui.color)),
    }
    Ok(if d.has_new_failures() { EXIT_FAILING_FINDINGS } else { 0 })
}

/// `argus-<account>-<collected at, UTC>`: one base name for every file of a scan.
pub fn base_name(snapshot: &Snapshot) -> String {
    let account: String = snapshot.identity.account_id.chars().filter(|c| c.is_ascii_alphanumeric()).take(32).collect();
    format!("argus-{account}-{}", snapshot.collection.finished_at.format("%Y%m%dT%H%M%SZ"))
}

fn terminal_width() -> u16 {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(160)
}

fn load_config(args: &FilterArgs) -> anyhow::Result<Config> {
    match &args.config {
        None => Ok(Config::default()),
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            Config::from_toml(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
        }
    }
}

pub fn read_snapshot(path: &Path) -> anyhow::Result<Snapshot> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let version: Option<u64> = serde_json::from_str::<serde_json::Value>(&text)
        .with_context(|| format!("{} is not JSON", path.display()))?
        .get("schema_version")
        .and_then(|v| v.as_u64());
    match version {
        Some(v) if v == u64::from(SCHEMA_VERSION) => {}
        Some(v) => bail!("{} has snapshot schema {v}; this argus reads schema {SCHEMA_VERSION}", path.display()),
        None => bail!("{} is not an argus snapshot (no schema_version)", path.display()),
    }
    serde_json::from_str(&text).with_context(|| format!("{} is not a valid argus snapshot", path.display()))
}

pub fn checks(cmd: ChecksCommand) -> anyhow::Result<i32> {
    match cmd {
        ChecksCommand::List { service, severity } => {
            let mut table = comfy_table::Table::new();
            table.load_preset(comfy_table::presets::NOTHING);
            table.set_header(vec!["ID", "SERVICE", "SEVERITY", "TITLE"]);
            for m in metadata::all() {
                let service_ok = service.as_ref().is_none_or(|s| {
                    s.eq_ignore_ascii_case(&m.service) || s.eq_ignore_ascii_case(engine::collector_service(&m.service))
                });
                if service_ok && severity.is_none_or(|min| m.severity >= min) {
                    table.add_row(vec![m.id.as_str(), m.service.as_str(), m.severity.as_str(), m.title.as_str()]);
                }
            }
            println!("{table}");
            Ok(0)
        }
        ChecksCommand::Show { id } => match metadata::source(&id) {
            Some(text) => {
                print!("{text}");
                Ok(0)
            }
            None => bail!("unknown check id '{id}' (see `argus checks list`)"),
        },
    }
}
