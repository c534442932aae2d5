//! Logs go to stderr through `tracing`; stdout is kept for reports.

use tracing_subscriber::EnvFilter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Directives appended after the user's, so they win: the SDK's own trace output includes raw
/// request and response bodies (which can hold Lambda environment values) and signing details, so it
/// is capped at `debug` however verbose the user asks argus to be.
const SDK_CAPS: &[&str] = &[
    "aws_smithy_runtime=debug",
    "aws_smithy_runtime_api=debug",
    "aws_smithy_http=debug",
    "aws_smithy_http_client=debug",
    "aws_sigv4=info",
    "aws_runtime=debug",
    "aws_config=debug",
    "aws_credential_types=info",
    "hyper=info",
    "hyper_util=info",
    "h2=info",
    "rustls=info",
];

pub fn init(verbosity: u8, quiet: bool, format: LogFormat, color: bool) {
    let default = match (quiet, verbosity) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "argus=info,warn",
        (false, 2) => "argus=debug,info",
        (false, _) => "argus=trace,debug",
    };
    let base = std::env::var("RUST_LOG").ok().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| default.to_string());
    let mut filter = EnvFilter::try_new(&base).unwrap_or_else(|_| EnvFilter::new(default));
    for cap in SDK_CAPS {
        if let Ok(d) = cap.parse() {
            filter = filter.add_directive(d);
        }
    }
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.with_ansi(color).try_init(),
    };
}
