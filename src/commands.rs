//! What each subcommand does, on top of the collector, the engine and the reports.

use crate::aws::{AwsContext, ConnectOptions};
use crate::cli::{
    ChecksCommand, ComplianceCommand, CoverageFormat, DiffArgs, DiffFormat, EvaluateArgs, FilterArgs, IamPolicyArgs,
    MergeArgs, PathQueryArgs, PolicyDocumentKind, PolicyFormat, ReachArgs, ReportArgs, ScanArgs, WhoCanArgs,
};
use crate::collect;
use crate::org::{self, AccountOutcome, EntryState, OrgFindingsFile, OrgScanPlan, Selection, Shard};
use crate::output_file;
use crate::upload::{S3Destination, StagingDir, Uploader};
use anyhow::{bail, Context};
use argus_core::checks;
use argus_core::compliance::{self, ComplianceReport, Framework};
use argus_core::engine::metadata::CostlyRead;
use argus_core::engine::{self, metadata, Config, Filter, Status};
use argus_core::mutelist::Mutelist;
use argus_core::report::findings_file::check_schema_version;
use argus_core::report::{self, terminal_safe, FindingsFile, OutputFormat, Summary};
use argus_core::service::Service;
use argus_core::snapshot::{Snapshot, SCHEMA_VERSION};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit code when failing findings exist (Prowler's convention).
pub const EXIT_FAILING_FINDINGS: i32 = 3;
/// Exit code when no finding fails but the scan was incomplete: some data could not be collected, so
/// some checks report ERROR. A scheduler must not read such a run as all-clear.
pub const EXIT_INCOMPLETE: i32 = 4;

/// The exit code of a scan, evaluate or merge: failing findings first (3), else an incomplete scan (4),
/// else 0. `--ignore-exit-code-3` turns 3 into 0 but never hides an incomplete scan.
fn findings_exit_code(file: &FindingsFile, report_args: &ReportArgs) -> i32 {
    let failing = Summary::failing_at_or_above(&file.findings, report_args.fail_on);
    let incomplete =
        !file.collection_errors.is_empty() || file.findings.iter().any(|f| f.status == Status::Error && !f.muted);
    if failing > 0 && !report_args.ignore_exit_code_3 {
        EXIT_FAILING_FINDINGS
    } else if incomplete {
        EXIT_INCOMPLETE
    } else {
        0
    }
}

pub struct Ui {
    pub quiet: bool,
    pub color: bool,
}

pub async fn scan(mut args: ScanArgs, ui: &Ui) -> anyhow::Result<i32> {
    args.target.resolve_external_id()?;
    if args.org.organization {
        return scan_organization(args, ui).await;
    }
    if args.target.external_id.is_some() && args.target.role_arn.is_none() {
        bail!("--external-id needs --role-arn (or --organization with --role-name)");
    }
    let mut opts = args.target.collect_options().map_err(anyhow::Error::msg)?;
    let config = load_config(&args.filter)?;
    opts.secrets_ignore_values = config.secrets_ignore_values.clone();
    let reports = ReportPlan::from_args(&args.report)?;
    // A mistyped check id fails before any AWS call.
    build_filter(&args.filter, Vec::new())?;
    // One IAM job per principal: only when a selected check reads the reports.
    let selected = build_filter(&args.filter, opts.services.clone())?;
    opts.service_last_accessed = checks::selects_reader_of(&selected, CostlyRead::ServiceLastAccessed);
    // Glue dev endpoints, SageMaker notebooks and CloudFormation stacks: only for the attack paths.
    opts.role_runners = checks::selects_reader_of(&selected, CostlyRead::AttackPaths);
    // The opt-in CloudTrail event history searches: only for the selected threat-detection checks.
    opts.cloudtrail_event_actions = checks::cloudtrail_event_actions(&selected);
    let connect = args.target.connect_options();
    let output = Output::new(args.report.output_dir.as_deref())?;
    let (ctx, identity) = AwsContext::connect(&connect).await?;
    let progress = crate::progress::Bars::new(ui.quiet);
    let snapshot = collect::collect(&ctx, identity, &opts, &progress).await;
    progress.finish();
    let code =
        finish(&snapshot, &args.filter, opts.services.clone(), &args.report, output.local(), &reports, &config, ui)?;
    output.upload(&connect, &args.report, ui).await?;
    Ok(code)
}

pub fn evaluate(args: EvaluateArgs, ui: &Ui) -> anyhow::Result<i32> {
    let config = load_config(&args.filter)?;
    if !config.secrets_ignore_values.is_empty() {
        // The values are gone: only the collector ever held them.
        tracing::warn!(
            "secrets_ignore_values apply while collecting (scan, collect --config); a saved snapshot keeps              the result of the patterns it was collected with"
        );
    }
    let reports = ReportPlan::from_args(&args.report)?;
    build_filter(&args.filter, Vec::new())?;
    if Output::new(args.report.output_dir.as_deref())?.s3.is_some() {
        bail!("an s3:// --output-dir works with `argus scan` and `argus merge`; evaluate writes to a local directory");
    }
    let snapshot = read_snapshot(&args.snapshot)?;
    let dir = args.report.output_dir.clone();
    finish(&snapshot, &args.filter, args.services, &args.report, dir.as_deref(), &reports, &config, ui)
}

/// Where reports go: a local directory, or a private staging folder that is uploaded to S3 and then
/// removed.
struct Output {
    local: Option<PathBuf>,
    s3: Option<(S3Destination, StagingDir)>,
}

impl Output {
    fn new(dir: Option<&Path>) -> anyhow::Result<Self> {
        let Some(dir) = dir else {
            return Ok(Output { local: None, s3: None });
        };
        match S3Destination::parse(dir)? {
            None => Ok(Output { local: Some(dir.to_path_buf()), s3: None }),
            Some(dest) => Ok(Output { local: None, s3: Some((dest, StagingDir::new()?)) }),
        }
    }

    fn local(&self) -> Option<&Path> {
        self.local.as_deref().or(self.s3.as_ref().map(|(_, staging)| staging.path()))
    }

    /// Uploads the written files when the destination is S3 (a no-op for a local directory).
    async fn upload(&self, connect: &ConnectOptions, report: &ReportArgs, ui: &Ui) -> anyhow::Result<()> {
        let Some((dest, staging)) = &self.s3 else {
            return Ok(());
        };
        let uploader = Uploader::new(connect, report.sse_kms_key_id.clone()).await;
        let keys = uploader.upload_dir(staging.path(), dest).await?;
        if !ui.quiet {
            eprintln!("uploaded {} file(s) to {dest} (SSE-KMS)", keys.len());
        }
        Ok(())
    }
}

/// The validated report options (checked before any AWS call, so a typo fails fast).
pub struct ReportPlan {
    formats: Vec<OutputFormat>,
    frameworks: Vec<Framework>,
    mutelist: Option<(std::path::PathBuf, Mutelist)>,
}

impl ReportPlan {
    pub fn from_args(args: &ReportArgs) -> anyhow::Result<Self> {
        let mut formats: Vec<OutputFormat> = Vec::new();
        for &format in &args.output_formats {
            if !formats.contains(&format) {
                formats.push(format);
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
                let file = std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
                let list = Mutelist::from_reader(file).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                // A Prowler mutelist may name Prowler checks argus does not run: its entries stay valid
                // for Prowler, so they are reported, once per id, rather than refused.
                for unanswered in list.unanswered_check_ids() {
                    let line = format!("warning: {}: {unanswered}; its entries mute nothing", path.display());
                    eprintln!("{}", terminal_safe(&line));
                }
                Some((path.clone(), list))
            }
        };
        Ok(ReportPlan { formats, frameworks, mutelist })
    }
}

/// Evaluates, writes the requested files, prints the terminal report, and picks the exit code.
#[allow(clippy::too_many_arguments)]
fn finish(
    snapshot: &Snapshot,
    filter_args: &FilterArgs,
    services: Vec<Service>,
    report_args: &ReportArgs,
    out_dir: Option<&Path>,
    plan: &ReportPlan,
    config: &Config,
    ui: &Ui,
) -> anyhow::Result<i32> {
    let filter = build_filter(filter_args, services)?;
    let file = evaluate_snapshot(snapshot, &filter, plan, config);
    let compliance: Vec<ComplianceReport> =
        plan.frameworks.iter().map(|fw| compliance::evaluate(*fw, &file.findings, &file.nothing_to_evaluate)).collect();
    if let Some(dir) = out_dir {
        let written = write_reports(dir, snapshot, &file, &compliance, plan)?;
        if !ui.quiet {
            eprintln!("wrote {} file(s) to {}: {}", written.len(), dir.display(), terminal_safe(&written.join(", ")));
        }
    }
    if !ui.quiet {
        let width = terminal_width();
        let opts = report::terminal::TerminalOptions { color: ui.color, show_pass: report_args.show_pass, width };
        print!("{}", report::terminal::render(&file, &opts));
    }
    Ok(findings_exit_code(&file, report_args))
}

fn build_filter(filter_args: &FilterArgs, services: Vec<Service>) -> anyhow::Result<Filter> {
    let filter = Filter {
        checks: filter_args.checks.clone(),
        exclude_checks: filter_args.exclude_checks.clone(),
        services,
        min_severity: filter_args.severity,
        opt_in_only_when_named: !filter_args.include_opt_in,
    };
    // An argus id or a Prowler alias; anything else would select nothing without a word.
    for id in filter.checks.iter().chain(&filter.exclude_checks) {
        argus_core::prowler::resolve(id).map_err(|unanswered| anyhow::anyhow!("{unanswered}"))?;
    }
    Ok(filter)
}

/// Runs the checks on a snapshot and applies the mutelist.
fn evaluate_snapshot(snapshot: &Snapshot, filter: &Filter, plan: &ReportPlan, config: &Config) -> FindingsFile {
    // "Now" is when the data was collected, so re-evaluating a saved snapshot gives the same findings.
    let now = snapshot.collection.finished_at;
    let all = checks::all();
    let mut findings = engine::evaluate(snapshot, &all, filter, config, now);
    let nothing_to_evaluate =
        engine::nothing_to_evaluate(snapshot, &engine::selected_checks(snapshot, &all, filter), &findings);
    if let Some((_, mutelist)) = &plan.mutelist {
        mutelist.apply(&mut findings);
    }
    FindingsFile { nothing_to_evaluate, ..FindingsFile::new(snapshot, findings) }
}

/// Writes every requested file under one base name; returns their file names.
fn write_reports(
    dir: &Path,
    snapshot: &Snapshot,
    file: &FindingsFile,
    compliance: &[ComplianceReport],
    plan: &ReportPlan,
) -> anyhow::Result<Vec<String>> {
    write_report_files(dir, &base_name(snapshot), Some(snapshot), file, file, compliance, plan)
}

/// Writes `<base>.snapshot.json` (when there is a snapshot), every requested format and, last,
/// `<base>.findings.json` (`findings_doc`, which may carry more than `file`, e.g. the organization
/// section): a findings file marks a complete run. Each file is streamed (a large account's reports are
/// hundreds of megabytes together) and appears under its name only once complete (`output_file`).
fn write_report_files(
    dir: &Path,
    base: &str,
    snapshot: Option<&Snapshot>,
    findings_doc: &impl serde::Serialize,
    file: &FindingsFile,
    compliance: &[ComplianceReport],
    plan: &ReportPlan,
) -> anyhow::Result<Vec<String>> {
    let mut written = Vec::new();
    let mut put = |suffix: &str, write: &mut dyn FnMut(&mut dyn Write) -> anyhow::Result<()>| -> anyhow::Result<()> {
        let name = format!("{base}.{suffix}");
        output_file::write_atomically(&dir.join(&name), write)?;
        written.push(name);
        Ok(())
    };
    if let Some(snapshot) = snapshot {
        put("snapshot.json", &mut |w| Ok(serde_json::to_writer_pretty(w, snapshot)?))?;
    }
    for &format in &plan.formats {
        put(format.file_extension(), &mut |w| {
            format.write(file, compliance, w).map_err(|e| anyhow::anyhow!("{format} report: {e}"))
        })?;
    }
    if !compliance.is_empty() {
        put("compliance.json", &mut |w| {
            compliance::write_reports_json(compliance, w).map_err(|e| anyhow::anyhow!("compliance: {e}"))
        })?;
        let csv = compliance::reports_to_csv(compliance).map_err(|e| anyhow::anyhow!("compliance: {e}"))?;
        put("compliance.csv", &mut |w| Ok(w.write_all(csv.as_bytes())?))?;
    }
    put("findings.json", &mut |w| Ok(serde_json::to_writer_pretty(w, findings_doc)?))?;
    Ok(written)
}

pub fn compliance(cmd: ComplianceCommand) -> anyhow::Result<i32> {
    match cmd {
        ComplianceCommand::Coverage { format } => {
            let rows = compliance::coverage::coverage();
            match format {
                CoverageFormat::Table => print!("{}", compliance::coverage::render_table(&rows)),
                CoverageFormat::Json => println!("{}", compliance::coverage::to_json(&rows)),
            }
        }
    }
    Ok(0)
}

pub fn diff(args: DiffArgs, ui: &Ui) -> anyhow::Result<i32> {
    let read = |path: &Path| -> anyhow::Result<FindingsFile> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        check_schema_version(&text).map_err(|e| anyhow::anyhow!("{} {e}", path.display()))?;
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
    read_config(args.config.as_deref())
}

/// The `--config` file, or the defaults without one.
pub(crate) fn read_config(path: Option<&Path>) -> anyhow::Result<Config> {
    match path {
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
                    let title = match &m.opt_in {
                        Some(o) => format!("{} (opt-in: {})", m.title, o.reason),
                        None => m.title.clone(),
                    };
                    table.add_row(vec![m.id.as_str(), m.service.as_str(), m.severity.as_str(), title.as_str()]);
                }
            }
            println!("{table}");
            Ok(0)
        }
        ChecksCommand::Show { id } => {
            let named = argus_core::prowler::resolve(&id).map_err(|unanswered| anyhow::anyhow!("{unanswered}"))?;
            let check = named.check();
            if check.id != id {
                println!("# Prowler's {id} is answered by argus's {}:\n", check.id);
            }
            if let Some(o) = metadata::find(&check.id).and_then(|m| m.opt_in.as_ref()) {
                println!(
                    "# opt-in: {}\n# It runs only when named in --checks, or with --include-opt-in.\n# Bounds: {}\n",
                    o.reason, o.bounds
                );
            }
            match metadata::source(&check.id) {
                Some(text) => {
                    print!("{text}");
                    Ok(0)
                }
                None => bail!("unknown check id '{id}' (see `argus checks list`)"),
            }
        }
    }
}

/// `argus scan --organization`: every selected account of the organization, then the merged report.
async fn scan_organization(args: ScanArgs, ui: &Ui) -> anyhow::Result<i32> {
    let org_args = &args.org;
    let role_name = org_args.role_name.clone().context("--organization needs --role-name")?;
    let mut collect_opts = args.target.collect_options().map_err(anyhow::Error::msg)?;
    let config = load_config(&args.filter)?;
    collect_opts.secrets_ignore_values = config.secrets_ignore_values.clone();
    let reports = ReportPlan::from_args(&args.report)?;
    let filter = build_filter(&args.filter, collect_opts.services.clone())?;
    collect_opts.service_last_accessed = checks::selects_reader_of(&filter, CostlyRead::ServiceLastAccessed);
    collect_opts.role_runners = checks::selects_reader_of(&filter, CostlyRead::AttackPaths);
    collect_opts.cloudtrail_event_actions = checks::cloudtrail_event_actions(&filter);
    let shard = match org_args.shard_from_env {
        Some(count) => Some(
            Shard::from_env_index(count, std::env::var("JOB_COMPLETION_INDEX").ok().as_deref())
                .map_err(anyhow::Error::msg)?,
        ),
        None => org_args.shard,
    };
    let selection = Selection {
        include: org::shard::parse_account_list("--accounts", &org_args.accounts).map_err(anyhow::Error::msg)?,
        exclude: org::shard::parse_account_list("--exclude-accounts", &org_args.exclude_accounts)
            .map_err(anyhow::Error::msg)?,
        shard,
    };
    let output = Output::new(args.report.output_dir.as_deref())?;

    // The hub identity: the scanner itself, or --role-arn (e.g. a role in the management account).
    // --external-id belongs to the member accounts' audit role.
    let mut connect = args.target.connect_options();
    connect.external_id = None;
    let (ctx, hub) = AwsContext::connect(&connect).await?;
    let organization = org::list_accounts(&ctx).await?;
    for id in &selection.include {
        if !organization.accounts.iter().any(|a| &a.id == id) {
            tracing::warn!(account = %id, "--accounts names an account that is not an ACTIVE member of the organization");
        }
    }
    let accounts: Vec<org::Account> =
        organization.accounts.iter().filter(|a| selection.wants(&a.id)).cloned().collect();
    let account_concurrency = usize::from(org_args.account_concurrency);
    collect_opts.concurrency = OrgScanPlan::per_account_concurrency(collect_opts.concurrency, account_concurrency);
    let plan = OrgScanPlan {
        role_name,
        external_id: args.target.external_id.clone(),
        session_name: args.target.role_session_name.clone(),
        account_concurrency,
        collect: collect_opts,
    };
    if !ui.quiet {
        eprintln!(
            "organization {}: {} active account(s), scanning {}{} ({} at a time, {} calls in flight each)",
            terminal_safe(organization.id.as_deref().unwrap_or("(id not readable)")),
            organization.accounts.len(),
            accounts.len(),
            shard.map(|s| format!(" in shard {s}")).unwrap_or_default(),
            plan.account_concurrency,
            plan.collect.concurrency
        );
    }

    let out_dir = output.local().map(Path::to_path_buf);
    let partition = hub.partition.clone();
    let handle = |account: &org::Account, outcome: AccountOutcome| -> anyhow::Result<FindingsFile> {
        let account_dir = out_dir.as_ref().map(|d| d.join(&account.id));
        match outcome {
            AccountOutcome::Scanned(snapshot) => {
                let file = evaluate_snapshot(&snapshot, &filter, &reports, &config);
                if let Some(dir) = &account_dir {
                    let compliance: Vec<ComplianceReport> = reports
                        .frameworks
                        .iter()
                        .map(|fw| compliance::evaluate(*fw, &file.findings, &file.nothing_to_evaluate))
                        .collect();
                    write_reports(dir, &snapshot, &file, &compliance, &reports)?;
                }
                Ok(file)
            }
            AccountOutcome::NotEntered { role_arn, error } => {
                let mut file = org::not_entered_findings(account, &partition, &role_arn, &error, chrono::Utc::now());
                if let Some((_, mutelist)) = &reports.mutelist {
                    mutelist.apply(&mut file.findings);
                }
                if let Some(dir) = &account_dir {
                    let base = format!("argus-{}-{}", account.id, file.collected_at.format("%Y%m%dT%H%M%SZ"));
                    write_report_files(dir, &base, None, &file, &file, &[], &reports)?;
                }
                Ok(file)
            }
        }
    };
    let results = org::scan_accounts(&ctx, &partition, &accounts, &plan, handle).await?;

    let parts = results
        .into_iter()
        .map(|(account, file)| {
            let state = if file.findings.iter().any(|f| f.check_id() == org::ASSUME_ROLE_CHECK_ID) {
                EntryState::NotEntered
            } else {
                EntryState::Scanned
            };
            OrgFindingsFile::from_account(&account.id, &account.name, state, file, organization.id.as_deref())
        })
        .collect();
    let mut merged = org::merge::merge(parts, chrono::Utc::now())?;
    merged.organization.organization_id = organization.id.clone();
    if let Some(id) = &organization.id {
        merged.file.account_id = id.clone();
    }
    merged.organization.shards = shard.map(|s| vec![s.to_string()]).unwrap_or_default();
    let code = finish_org(&merged, &args.report, output.local(), &reports, shard, ui)?;
    output.upload(&args.target.connect_options(), &args.report, ui).await?;
    Ok(code)
}

/// Writes the organization report, prints the per-account summary, and picks the exit code.
fn finish_org(
    merged: &OrgFindingsFile,
    report_args: &ReportArgs,
    out_dir: Option<&Path>,
    plan: &ReportPlan,
    shard: Option<Shard>,
    ui: &Ui,
) -> anyhow::Result<i32> {
    let file = &merged.file;
    if let Some(dir) = out_dir {
        let compliance: Vec<ComplianceReport> = plan
            .frameworks
            .iter()
            .map(|fw| compliance::evaluate(*fw, &file.findings, &file.nothing_to_evaluate))
            .collect();
        let shard_part = shard.map(|s| format!("-shard-{}-of-{}", s.index, s.count)).unwrap_or_default();
        let base = format!("argus-organization{shard_part}-{}", file.collected_at.format("%Y%m%dT%H%M%SZ"));
        let written = write_report_files(dir, &base, None, merged, file, &compliance, plan)?;
        if !ui.quiet {
            eprintln!("wrote the organization report to {}: {}", dir.display(), terminal_safe(&written.join(", ")));
        }
    }
    if !ui.quiet {
        print!("{}", render_org_summary(merged));
    }
    Ok(findings_exit_code(file, report_args))
}

fn render_org_summary(merged: &OrgFindingsFile) -> String {
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    table.set_header(vec!["Account", "Name", "State", "FAIL", "PASS", "ERROR", "Failed calls"]);
    for a in &merged.organization.accounts {
        let state = match a.state {
            EntryState::Scanned => "scanned",
            EntryState::NotEntered => "NOT ENTERED",
        };
        table.add_row(vec![
            terminal_safe(&a.account_id),
            terminal_safe(&a.name),
            state.to_string(),
            a.fail.to_string(),
            a.pass.to_string(),
            a.error.to_string(),
            a.collection_errors.to_string(),
        ]);
    }
    let summary = Summary::of(&merged.file.findings);
    let not_entered = merged.organization.accounts.iter().filter(|a| a.state == EntryState::NotEntered).count();
    let mut out = format!(
        "argus {} — organization {} — {} account(s)\n{table}\n{} findings: {} FAIL, {} PASS, {} ERROR{}\n",
        merged.file.argus_version,
        terminal_safe(&merged.file.account_id),
        merged.organization.accounts.len(),
        summary.total,
        summary.fail,
        summary.pass,
        summary.error,
        if summary.muted > 0 { format!(", {} muted", summary.muted) } else { String::new() }
    );
    if not_entered > 0 {
        out.push_str(&format!(
            "INCOMPLETE: {not_entered} account(s) could not be entered (see the {} ERROR findings).\n",
            org::ASSUME_ROLE_CHECK_ID
        ));
    }
    out
}

/// `argus merge DIR...`
pub async fn merge(args: MergeArgs, ui: &Ui) -> anyhow::Result<i32> {
    let plan = ReportPlan::from_args(&args.report)?;
    let output = Output::new(args.report.output_dir.as_deref())?;
    let parts = org::merge::read_inputs(&args.inputs)?;
    let mut merged = org::merge::merge(parts, chrono::Utc::now())?;
    if let Some((_, mutelist)) = &plan.mutelist {
        mutelist.apply(&mut merged.file.findings);
    }
    let code = finish_org(&merged, &args.report, output.local(), &plan, None, ui)?;
    let connect = ConnectOptions {
        profile: args.profile.clone(),
        endpoint_url: args.endpoint_url.clone(),
        timeout: std::time::Duration::from_secs(60),
        max_attempts: 8,
        ..Default::default()
    };
    output.upload(&connect, &args.report, ui).await?;
    Ok(code)
}

/// `argus iam-policy`
/// The snapshot a path query answers from: the saved one, or a fresh read-only collection.
async fn query_snapshot(args: &mut PathQueryArgs, ui: &Ui) -> anyhow::Result<Snapshot> {
    if let Some(path) = &args.snapshot {
        return read_snapshot(path);
    }
    args.target.resolve_external_id()?;
    let mut opts = args.target.collect_options().map_err(anyhow::Error::msg)?;
    // Paths are drawn from policies: no per-principal last-accessed job.
    opts.service_last_accessed = false;
    let (ctx, identity) = AwsContext::connect(&args.target.connect_options()).await?;
    let progress = crate::progress::Bars::new(ui.quiet);
    let snapshot = collect::collect(&ctx, identity, &opts, &progress).await;
    progress.finish();
    Ok(snapshot)
}

fn print_paths(
    graph: &argus_core::paths::Graph,
    question: &str,
    paths: &[argus_core::paths::Path],
    format: DiffFormat,
) {
    use argus_core::paths::query;
    match format {
        DiffFormat::Json => println!("{}", query::to_json(graph, question, paths)),
        DiffFormat::Table => print!("{}", query::to_table(graph, question, paths, terminal_width())),
    }
}

pub async fn who_can(mut args: WhoCanArgs, ui: &Ui) -> anyhow::Result<i32> {
    let snapshot = query_snapshot(&mut args.query, ui).await?;
    let graph = argus_core::paths::Graph::build(&snapshot);
    let paths = graph.who_can(&args.action, &args.resource);
    print_paths(&graph, &format!("who can {} on {}", args.action, args.resource), &paths, args.query.format);
    Ok(0)
}

pub async fn reach(mut args: ReachArgs, ui: &Ui) -> anyhow::Result<i32> {
    let snapshot = query_snapshot(&mut args.query, ui).await?;
    let graph = argus_core::paths::Graph::build(&snapshot);
    let from = graph.lookup(&args.from).map_err(anyhow::Error::msg)?;
    let paths: Vec<_> = graph.reach(from).into_iter().map(|r| r.path).collect();
    print_paths(&graph, &format!("what {} reaches", graph.node(from)), &paths, args.query.format);
    Ok(0)
}

pub fn iam_policy(args: IamPolicyArgs, ui: &Ui) -> anyhow::Result<i32> {
    use crate::iam_policy;
    if !ui.quiet && args.document == PolicyDocumentKind::Permissions {
        eprintln!("note: {}", iam_policy::CAVEATS);
    }
    match (args.format, args.document) {
        (PolicyFormat::Cloudformation, _) => print!("{}", iam_policy::cloudformation_template()),
        (PolicyFormat::Json, PolicyDocumentKind::Permissions) => {
            println!("{}", serde_json::to_string_pretty(&iam_policy::permissions_policy())?)
        }
        (PolicyFormat::Json, PolicyDocumentKind::Trust) => {
            let principal = args
                .trust_principal
                .as_deref()
                .context("--document trust needs --trust-principal ARN (the scanner's role)")?;
            if args.external_id.is_none() {
                eprintln!("warning: no --external-id: any code running as {principal} can assume the audit role");
            }
            let doc = iam_policy::trust_policy(principal, args.external_id.as_deref());
            println!("{}", serde_json::to_string_pretty(&doc)?);
        }
    }
    Ok(0)
}
