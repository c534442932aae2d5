//! Logs go to stderr through `tracing`; stdout is kept for reports.

use tracing_subscriber::filter::{FilterExt, LevelFilter, Targets};
use tracing_subscriber::prelude::*;
use tracing_subscriber::{fmt, EnvFilter};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Upper bounds that apply whatever RUST_LOG says: the SDK's trace output includes raw request and
/// response bodies (which can hold Lambda environment values) and signing details, so it is capped at
/// `debug` however verbose the user asks argus to be.
const SDK_CAPS: &[(&str, LevelFilter)] = &[
    ("aws_smithy_runtime", LevelFilter::DEBUG),
    // Its debug line "resolving endpoint" prints the request's identity, access key id included.
    ("aws_smithy_runtime::client::orchestrator::endpoints", LevelFilter::INFO),
    ("aws_smithy_runtime_api", LevelFilter::DEBUG),
    ("aws_smithy_http", LevelFilter::DEBUG),
    ("aws_smithy_http_client", LevelFilter::DEBUG),
    ("aws_smithy_types", LevelFilter::DEBUG),
    ("aws_sigv4", LevelFilter::INFO),
    ("aws_runtime", LevelFilter::DEBUG),
    ("aws_config", LevelFilter::DEBUG),
    ("aws_credential_types", LevelFilter::INFO),
    ("hyper", LevelFilter::INFO),
    ("hyper_util", LevelFilter::INFO),
    ("h2", LevelFilter::INFO),
    ("rustls", LevelFilter::INFO),
];

pub fn init(verbosity: u8, quiet: bool, format: LogFormat, color: bool) {
    let default = match (quiet, verbosity) {
        (true, _) => "error",
        (false, 0) => "argus=warn,argus_core=warn,error",
        (false, 1) => "argus=info,argus_core=info,warn",
        (false, 2) => "argus=debug,argus_core=debug,info",
        (false, _) => "argus=trace,argus_core=trace,debug",
    };
    let wanted = std::env::var("RUST_LOG").ok().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| default.to_string());
    let env_filter = EnvFilter::try_new(&wanted).unwrap_or_else(|_| EnvFilter::new(default));
    let caps = SDK_CAPS
        .iter()
        .fold(Targets::new().with_default(LevelFilter::TRACE), |t, (target, level)| t.with_target(*target, *level));
    let layer = match format {
        LogFormat::Json => fmt::layer().json().with_writer(std::io::stderr).boxed(),
        LogFormat::Text => fmt::layer().with_ansi(color).with_writer(std::io::stderr).boxed(),
    };
    let _ = tracing_subscriber::registry().with(layer.with_filter(env_filter.and(caps))).try_init();
}
