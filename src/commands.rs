//! What each subcommand does, on top of the collector, the engine and the reports.

use crate::aws::AwsContext;
use crate::cli::{ChecksCommand, EvaluateArgs, FilterArgs, ReportArgs, ScanArgs};
use crate::collect;
use anyhow::{bail, Context};
use argus_core::checks;
use argus_core::engine::{self, metadata, Config, Filter};
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
    let (ctx, identity) = AwsContext::connect(&args.target.connect_options()).await?;
    let snapshot = collect::collect(&ctx, identity, &opts).await;
    let services = opts.services.iter().map(|s| s.name().to_string()).collect();
    finish(&snapshot, &args.filter, services, &args.report, &config, ui)
}

pub fn evaluate(args: EvaluateArgs, ui: &Ui) -> anyhow::Result<i32> {
    let config = load_config(&args.filter)?;
    let snapshot = read_snapshot(&args.snapshot)?;
    finish(&snapshot, &args.filter, args.services, &args.report, &config, ui)
}

/// Evaluates, writes the requested files, prints the terminal report, and picks the exit code.
fn finish(
    snapshot: &Snapshot,
    filter_args: &FilterArgs,
    services: Vec<String>,
    report_args: &ReportArgs,
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
    let findings = engine::evaluate(snapshot, &checks::all(), &filter, config, now);
    let file = FindingsFile::new(snapshot, findings);
    if let Some(dir) = &report_args.output_dir {
        let base = base_name(snapshot);
        let snapshot_path = dir.join(format!("{base}.snapshot.json"));
        let findings_path = dir.join(format!("{base}.findings.json"));
        crate::cli::write_json(&snapshot_path, snapshot)?;
        crate::cli::write_json(&findings_path, &file)?;
        if !ui.quiet {
            eprintln!("wrote {} and {}", snapshot_path.display(), findings_path.display());
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
