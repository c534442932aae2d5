//! The command line. Every flag is declared once here; `--help` is generated from these docs.

use crate::aws::{AwsContext, ConnectOptions};
use crate::collect::{self, CollectOptions, Service};
use crate::commands;
use crate::logging::{self, LogFormat};
use argus_core::engine::Severity;
use argus_core::report::OutputFormat;
use clap::builder::{EnumValueParser, PossibleValue, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::ffi::OsStr;
use std::io::IsTerminal;
use std::marker::PhantomData;
use std::path::PathBuf;
use std::time::Duration;

/// argus — a fast, read-only AWS account security auditor.
///
/// argus only ever reads the account it audits: every API call passes a read-only allowlist before it
/// is sent. It reports what is exposed and, just as loudly, what it could not see.
#[derive(Debug, Parser)]
#[command(name = "argus", version, about, long_about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// More log output on stderr (-v info, -vv debug, -vvv trace). RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,

    /// Only print errors and the requested output.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Disable colours in terminal output.
    #[arg(long, global = true, env = "NO_COLOR", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_color: bool,

    /// Log line format on stderr.
    #[arg(long, value_enum, default_value = "text", global = true)]
    pub log_format: LogFormat,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Collect a snapshot of the account (read-only) and write it as JSON.
    Collect(CollectArgs),
    /// Collect, evaluate every check, and report (the usual command).
    Scan(Box<ScanArgs>),
    /// Evaluate a saved snapshot offline: no AWS calls at all.
    Evaluate(EvaluateArgs),
    /// List or describe the checks argus runs.
    #[command(subcommand)]
    Checks(ChecksCommand),
    /// Compliance frameworks (CIS v5.0, CIS v7.0, AWS FSBP) as argus judges them.
    #[command(subcommand)]
    Compliance(ComplianceCommand),
    /// Compare two findings files: new, resolved and persisting failures (exit 3 if something new fails).
    Diff(DiffArgs),
    /// Combine the reports of several runs (e.g. the shards of an organization scan) into one report.
    ///
    /// Reads each DIR's top-level `*.findings.json` (or the findings files given directly), merges the
    /// findings (sorted) and the collection errors, and writes the merged findings file and formats.
    Merge(MergeArgs),
    /// Who can perform ACTION on RESOURCE: every principal allowed to (identity policies, the resource's
    /// policy, Deny and permission boundaries honoured), and every path to one of them from the
    /// internet, other accounts, workloads and other principals.
    ///
    /// Example: `argus who-can s3:GetObject 'arn:aws:s3:::customer-data/*' --snapshot snap.json`.
    WhoCan(WhoCanArgs),
    /// What a principal or workload can reach (roles, data, administrator), each with its path.
    ///
    /// Example: `argus reach arn:aws:iam::123456789012:user/dev --snapshot snap.json`.
    Reach(ReachArgs),
    /// Print the least-privilege IAM policy argus needs (exactly its read-only allowlist), the trust
    /// policy of an audit role, or a CloudFormation template of that role.
    IamPolicy(IamPolicyArgs),
    /// Print the default thresholds as a TOML file to start a `--config` from.
    ConfigDefaults,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to generate completions for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout, e.g. `argus man > argus.1`.
    Man,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier `*.findings.json`.
    pub old: PathBuf,
    /// The later `*.findings.json`.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: DiffFormat,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Directories written by `argus scan --output-dir` (their top-level `*.findings.json`), or
    /// findings files.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Named profile, for an `s3://` --output-dir.
    #[arg(long, env = "AWS_PROFILE")]
    pub profile: Option<String>,
    /// Custom S3 endpoint, for an `s3://` --output-dir.
    #[arg(long, env = "ARGUS_ENDPOINT_URL")]
    pub endpoint_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct IamPolicyArgs {
    /// Which document to print (json format): the audit role's permissions, or its trust policy.
    #[arg(long, value_enum, default_value = "permissions")]
    pub document: PolicyDocumentKind,
    /// `json`: one IAM policy document; `cloudformation`: a StackSet-ready template of the whole audit
    /// role (permissions and trust; the principal and external id are template parameters).
    #[arg(long, value_enum, default_value = "json")]
    pub format: PolicyFormat,
    /// The principal allowed to assume the audit role (the scanner's role ARN); for `--document trust`.
    #[arg(long)]
    pub trust_principal: Option<String>,
    /// External id the scanner must present; for `--document trust`.
    #[arg(long)]
    pub external_id: Option<String>,
}

#[derive(Debug, Args)]
pub struct WhoCanArgs {
    /// The IAM action, e.g. `s3:GetObject`.
    pub action: String,
    /// The resource ARN, e.g. `arn:aws:s3:::bucket/*`, a role's or a secret's ARN.
    pub resource: String,
    #[command(flatten)]
    pub query: PathQueryArgs,
}

#[derive(Debug, Args)]
pub struct ReachArgs {
    /// A user, role, instance, function or database: its ARN, or its name when unique.
    pub from: String,
    #[command(flatten)]
    pub query: PathQueryArgs,
}

/// Where the account's graph comes from, and how to print the answer.
#[derive(Debug, Args)]
pub struct PathQueryArgs {
    /// Answer from this snapshot (written by `argus collect` or `argus scan --output-dir`), offline;
    /// without it argus collects the account first (read-only, as `argus collect`).
    #[arg(long)]
    pub snapshot: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: DiffFormat,
    #[command(flatten)]
    pub target: TargetArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PolicyDocumentKind {
    Permissions,
    Trust,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PolicyFormat {
    Json,
    Cloudformation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ComplianceCommand {
    /// Per framework, how many controls argus evaluates automatically (a check maps them), how many
    /// are manual (a reviewer's judgement) and how many it does not cover; FSBP over all its controls
    /// and over the controls of the services argus collects.
    Coverage {
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: CoverageFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CoverageFormat {
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ChecksCommand {
    /// One line per check: id, service, severity, title (an opt-in check says so, and why, after its title).
    List {
        /// Only checks of this service (e.g. iam, s3, ec2, rds, awslambda, secretsmanager, kms, cloudtrail, efs, elbv2, elb, backup).
        #[arg(long)]
        service: Option<String>,
        /// Only checks of this severity or higher.
        #[arg(long)]
        severity: Option<Severity>,
    },
    /// Print a check's full metadata: description, risk, remediation, compliance mappings.
    Show {
        /// The check id, e.g. iam_root_mfa_enabled.
        id: String,
    },
}

/// Which checks to run.
#[derive(Debug, Clone, Args, Default)]
pub struct FilterArgs {
    /// Only these check ids (comma-separated). Prowler ids that an argus check answers under another
    /// id are accepted (docs/prowler-parity.md); an unknown id is an error naming the closest ones.
    #[arg(long, value_delimiter = ',')]
    pub checks: Vec<String>,

    /// Skip these check ids (comma-separated), argus's or Prowler's as for --checks.
    #[arg(long, value_delimiter = ',')]
    pub exclude_checks: Vec<String>,

    /// Also run the opt-in checks: those slow or costly by nature (CloudTrail event analytics), which
    /// otherwise run, and have their data collected, only when named in --checks. `argus checks list`
    /// marks them; `argus checks show ID` states why and how their collection is bounded.
    #[arg(long)]
    pub include_opt_in: bool,

    /// Only checks at or above this severity: critical, high, medium, low, informational.
    #[arg(long)]
    pub severity: Option<Severity>,

    /// Thresholds file (TOML): key age, unused days, ports, runtimes, and the patterns of Lambda
    /// environment names and values that are not secrets (`secrets_ignore_names`,
    /// `secrets_ignore_values`: globs with `*` and `?`). `argus config-defaults` prints every key with
    /// its default; a value outside a key's allowed range is an error naming the range.
    #[arg(long)]
    pub config: Option<PathBuf>,
}

/// What to write and when to fail.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Write reports here, all under one timestamped base name `argus-<account>-<time>`: always the
    /// snapshot and findings JSON, plus every format in --output-formats. An `s3://bucket/prefix` URL
    /// uploads them instead, encrypted with SSE-KMS, using the scanner's own credentials (never an audit
    /// role) through a client that can only call s3:PutObject.
    #[arg(long)]
    pub output_dir: Option<PathBuf>,

    /// KMS key (id, ARN or alias) for an `s3://` --output-dir; default: the bucket's default KMS key
    /// or the account's `aws/s3` key.
    #[arg(long)]
    pub sse_kms_key_id: Option<String>,

    /// Report formats to write into --output-dir (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "json-ocsf,csv,html", ignore_case = true, value_parser = lenient::<OutputFormat>())]
    pub output_formats: Vec<OutputFormat>,

    /// Compliance views to compute (comma-separated): cis-5.0, cis-7.0, fsbp. Written as
    /// `<base>.compliance.json` / `.csv` and shown in the HTML report. `none` disables them.
    #[arg(long, value_delimiter = ',', default_value = "cis-5.0,cis-7.0,fsbp")]
    pub compliance: Vec<String>,

    /// A mutelist in Prowler's YAML format: matching findings keep their status, are marked muted,
    /// and do not count towards the exit code.
    #[arg(long)]
    pub mutelist: Option<PathBuf>,

    /// Exit with 3 when an unmuted FAIL at or above this severity exists.
    #[arg(long, default_value = "informational")]
    pub fail_on: Severity,

    /// Exit 0 even when failing findings exist (Prowler's `--ignore-exit-code-3`), e.g. in a scheduled
    /// job whose scheduler would otherwise retry it. Operational errors still exit 1, an incomplete
    /// scan still exits 4.
    #[arg(long, short = 'z')]
    pub ignore_exit_code_3: bool,

    /// Also list PASS findings in the terminal.
    #[arg(long)]
    pub show_pass: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub org: OrgArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Scanning every account of an AWS Organization.
#[derive(Debug, Clone, Args, Default)]
pub struct OrgArgs {
    /// Scan every ACTIVE account of the organization (listed with organizations:ListAccounts from the
    /// management or a delegated administrator account), assuming --role-name in each. Writes each
    /// account's reports under `<output-dir>/<account-id>/` and a merged organization report at the top.
    #[arg(long, requires = "role_name", help_heading = "Organization")]
    pub organization: bool,

    /// Name of the audit role in every account (`arn:<partition>:iam::<account>:role/<NAME>`).
    #[arg(long, requires = "organization", help_heading = "Organization")]
    pub role_name: Option<String>,

    /// Only these accounts (comma-separated ids).
    #[arg(long, value_delimiter = ',', requires = "organization", help_heading = "Organization")]
    pub accounts: Vec<String>,

    /// Skip these accounts (comma-separated ids).
    #[arg(long, value_delimiter = ',', requires = "organization", help_heading = "Organization")]
    pub exclude_accounts: Vec<String>,

    /// Accounts scanned at once. --concurrency stays the limit for the whole run: each account gets
    /// an equal share of it.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=256), help_heading = "Organization")]
    pub account_concurrency: u16,

    /// Scan only shard INDEX of COUNT (0-based), e.g. `--shard 2/8`: an account belongs to shard
    /// fnv1a64(account id) % COUNT — stable across runs, no account in two shards. Combine the shards'
    /// outputs with `argus merge`.
    #[arg(long, requires = "organization", conflicts_with = "shard_from_env", help_heading = "Organization")]
    pub shard: Option<crate::org::Shard>,

    /// Like `--shard $JOB_COMPLETION_INDEX/COUNT`: the index comes from the JOB_COMPLETION_INDEX
    /// environment variable that Kubernetes sets in each pod of an Indexed Job.
    #[arg(long, value_name = "COUNT", requires = "organization", value_parser = clap::value_parser!(u32).range(1..), help_heading = "Organization")]
    pub shard_from_env: Option<u32>,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// A snapshot written by `argus collect` or `argus scan --output-dir`.
    pub snapshot: PathBuf,

    /// Only checks of these services (comma-separated).
    #[arg(long, value_delimiter = ',', ignore_case = true, value_parser = lenient::<Service>())]
    pub services: Vec<Service>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// How to reach the account and what to collect; shared by every command that talks to AWS.
#[derive(Debug, Clone, Args)]
pub struct TargetArgs {
    /// Regions to audit: a comma-separated list, or `all` for every region enabled in the account
    /// (EC2 DescribeRegions). Global services (IAM, S3 listing) are collected once either way.
    #[arg(long, value_delimiter = ',', default_value = "all")]
    pub regions: Vec<String>,

    /// Services to collect, comma-separated. Default: all of them.
    #[arg(long, value_delimiter = ',', ignore_case = true, value_parser = lenient::<Service>())]
    pub services: Vec<Service>,

    /// Named profile from the shared AWS config/credentials files (SSO profiles included).
    /// Without it, aws-config's default chain is used: environment, profile, web identity, ECS, IMDS.
    #[arg(long, env = "AWS_PROFILE")]
    pub profile: Option<String>,

    /// Assume this IAM role (e.g. a read-only audit role) before collecting.
    #[arg(long)]
    pub role_arn: Option<String>,

    /// External id to present when assuming the role: the one of --role-arn or, in organization mode,
    /// the audit role of each account.
    #[arg(long)]
    pub external_id: Option<String>,

    /// Read the external id from this file (e.g. a mounted Kubernetes secret), so that it appears
    /// neither in the process list nor in the environment.
    #[arg(long, conflicts_with = "external_id")]
    pub external_id_file: Option<PathBuf>,

    /// Session name for the assumed role session (visible in the audited account's CloudTrail).
    #[arg(long, default_value = "argus-audit", requires = "role_arn")]
    pub role_session_name: String,

    /// Send every request to this endpoint instead of AWS (LocalStack, moto, a proxy).
    #[arg(long, env = "ARGUS_ENDPOINT_URL")]
    pub endpoint_url: Option<String>,

    /// Most API calls in flight at once, across all services and regions. AWS throttles each API per
    /// account and region, and a throttled client slows down on its own (adaptive retry); most of a
    /// scan's calls are per-bucket S3 reads spread over many buckets, which 64 keeps busy.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub concurrency: u16,

    /// Seconds one API call attempt may take before it is abandoned (and retried).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// Attempts per API call, including the first; retries use adaptive backoff.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub max_attempts: u32,
}

#[derive(Debug, Args)]
pub struct CollectArgs {
    #[command(flatten)]
    pub target: TargetArgs,

    /// Where to write the snapshot JSON (`-` for stdout).
    #[arg(long, short)]
    pub output: PathBuf,

    /// Config file (TOML, as for `scan`): `collect` applies its `secrets_ignore_values`, the patterns
    /// matched against Lambda environment values while argus holds them.
    #[arg(long)]
    pub config: Option<PathBuf>,
}

impl TargetArgs {
    /// Moves the content of --external-id-file into `external_id`.
    pub fn resolve_external_id(&mut self) -> anyhow::Result<()> {
        if let Some(path) = &self.external_id_file {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("cannot read --external-id-file {}: {e}", path.display()))?;
            let id = text.trim();
            if id.is_empty() {
                anyhow::bail!("--external-id-file {} is empty", path.display());
            }
            self.external_id = Some(id.to_string());
        }
        Ok(())
    }

    pub fn connect_options(&self) -> ConnectOptions {
        ConnectOptions {
            profile: self.profile.clone(),
            role_arn: self.role_arn.clone(),
            external_id: self.external_id.clone(),
            role_session_name: Some(self.role_session_name.clone()),
            endpoint_url: self.endpoint_url.clone(),
            timeout: Duration::from_secs(self.timeout),
            max_attempts: self.max_attempts,
        }
    }

    pub fn collect_options(&self) -> Result<CollectOptions, String> {
        let services = if self.services.is_empty() { Service::ALL.to_vec() } else { self.services.clone() };
        let regions: Vec<String> =
            self.regions.iter().map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect();
        let regions = if regions.is_empty() || regions.iter().any(|r| r.eq_ignore_ascii_case("all")) {
            None
        } else {
            for r in &regions {
                let valid =
                    r.len() <= 32 && r.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !valid {
                    return Err(format!("'{r}' is not a region name (expected e.g. us-east-1)"));
                }
            }
            Some(regions)
        };
        Ok(CollectOptions {
            regions,
            services,
            concurrency: usize::from(self.concurrency),
            secrets_ignore_values: Vec::new(),
            service_last_accessed: true,
            role_runners: true,
            // Opt-in: set by the scan from its selected checks.
            cloudtrail_event_actions: Vec::new(),
        })
    }
}

/// Reads a value of `E` by its name or alias in any case (with `ignore_case`), surrounding spaces
/// ignored as in `--services "iam, s3"`. clap lists the accepted names in --help and in its error for
/// any other value.
fn lenient<E: ValueEnum + Clone + Send + Sync + 'static>() -> Lenient<E> {
    Lenient(PhantomData)
}

#[derive(Clone)]
struct Lenient<E>(PhantomData<E>);

impl<E: ValueEnum + Clone + Send + Sync + 'static> TypedValueParser for Lenient<E> {
    type Value = E;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &OsStr) -> Result<E, clap::Error> {
        let trimmed = value.to_str().map_or(value, |v| OsStr::new(v.trim()));
        EnumValueParser::<E>::new().parse_ref(cmd, arg, trimmed)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(E::value_variants().iter().filter_map(ValueEnum::to_possible_value)))
    }
}

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let color = !cli.no_color && std::io::stderr().is_terminal();
    logging::init(cli.verbose, cli.quiet, cli.log_format, color);
    crate::interrupt::install();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return 1;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            // One line, whatever the underlying errors look like: easy to read and to grep in cron logs.
            let text = format!("{e:#}");
            // Errors quote file contents and API replies (account ids, config keys): escaped like any
            // other untrusted text on the terminal.
            let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
            eprintln!("error: {}", argus_core::report::terminal_safe(&line));
            1
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<i32> {
    let ui = commands::Ui { quiet: cli.quiet, color: !cli.no_color && std::io::stdout().is_terminal() };
    match cli.command {
        Command::Scan(args) => commands::scan(*args, &ui).await,
        Command::Evaluate(args) => commands::evaluate(args, &ui),
        Command::Checks(cmd) => commands::checks(cmd),
        Command::Compliance(cmd) => commands::compliance(cmd),
        Command::Diff(args) => commands::diff(args, &ui),
        Command::Merge(args) => commands::merge(args, &ui).await,
        Command::IamPolicy(args) => commands::iam_policy(args, &ui),
        Command::WhoCan(args) => commands::who_can(args, &ui).await,
        Command::Reach(args) => commands::reach(args, &ui).await,
        Command::ConfigDefaults => {
            print!("{}", argus_core::engine::Config::defaults_toml());
            Ok(0)
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "argus", &mut std::io::stdout());
            Ok(0)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(&mut std::io::stdout())?;
            Ok(0)
        }
        Command::Collect(mut args) => {
            args.target.resolve_external_id()?;
            if args.target.external_id.is_some() && args.target.role_arn.is_none() {
                anyhow::bail!("--external-id needs --role-arn");
            }
            let mut opts = args.target.collect_options().map_err(anyhow::Error::msg)?;
            opts.secrets_ignore_values = commands::read_config(args.config.as_deref())?.secrets_ignore_values;
            let (ctx, identity) = AwsContext::connect(&args.target.connect_options()).await?;
            let progress = crate::progress::Bars::new(ui.quiet);
            let snapshot = collect::collect(&ctx, identity, &opts, &progress).await;
            progress.finish();
            crate::output_file::write_named(&args.output, |w| Ok(serde_json::to_writer_pretty(w, &snapshot)?))?;
            if !cli.quiet {
                eprintln!(
                    "collected account {} in {} region(s): {} API calls, {} retries, {} failed call(s)",
                    argus_core::report::terminal_safe(&snapshot.identity.account_id),
                    snapshot.collection.regions.len(),
                    snapshot.collection.api_calls,
                    snapshot.collection.retries,
                    snapshot.errors.len()
                );
            }
            // A snapshot with failed calls is incomplete: a scheduler must not read it as all-clear.
            Ok(if snapshot.errors.is_empty() { 0 } else { commands::EXIT_INCOMPLETE })
        }
    }
}
