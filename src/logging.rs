//! Logs go to stderr through `tracing`; stdout is kept for reports.

use argus_core::report::terminal_safe;
use std::fmt as std_fmt;
use tracing::field::Field;
use tracing_subscriber::field::MakeExt;
use tracing_subscriber::filter::{FilterExt, LevelFilter, Targets};
use tracing_subscriber::fmt::format::{debug_fn, Writer};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::prelude::*;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;
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
        LogFormat::Text => text_layer(color, std::io::stderr),
    };
    let _ = tracing_subscriber::registry().with(layer.with_filter(env_filter.and(caps))).try_init();
}

/// The text log layer. Log lines quote account data (account ids, region names, API errors):
/// every field value, the message included, goes through the terminal escaping, so no log line
/// can carry a line break, an escape sequence or a bidi control of the account's making. (tracing
/// escapes ESC in messages only, and no line breaks or bidi controls.)
fn text_layer<S, W>(color: bool, writer: W) -> Box<dyn Layer<S> + Send + Sync>
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let fields = debug_fn(|out: &mut Writer<'_>, field: &Field, value: &dyn std_fmt::Debug| {
        let value = terminal_safe(&format!("{value:?}"));
        match field.name() {
            "message" => write!(out, "{value}"),
            name => write!(out, "{name}={value}"),
        }
    })
    .delimited(" ");
    fmt::layer().with_ansi(color).fmt_fields(fields).with_writer(writer).boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap_or_else(|p| p.into_inner()).extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl<'a> MakeWriter<'a> for Captured {
        type Writer = Captured;
        fn make_writer(&'a self) -> Captured {
            self.clone()
        }
    }

    /// Logs one event quoting `payload` as a field and in the message, through argus's text layer.
    fn log_line(payload: &str, color: bool) -> String {
        let captured = Captured::default();
        let subscriber = tracing_subscriber::registry().with(text_layer(color, captured.clone()));
        tracing::subscriber::with_default(subscriber, || {
            tracing::warn!(account = %payload, "cannot enter account {payload}");
        });
        let bytes = captured.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    #[test]
    fn account_data_in_logs_cannot_control_the_terminal() {
        let payloads =
            ["x\u{1b}]0;FORGED\u{7}", "x\nFORGED all clear", "x\rFORGED", "x\u{202e}FORGED", "x\u{2066}FORGED"];
        // With colour on, tracing's own colour sequences are the only ESC allowed.
        let own_colours = regex::Regex::new(r"\x1b\[[0-9;]*m").unwrap_or_else(|e| panic!("{e}"));
        for payload in payloads {
            for color in [false, true] {
                let out = log_line(payload, color);
                assert_eq!(out.matches('\n').count(), 1, "one line per event: {out:?}");
                assert!(out.ends_with('\n'), "{out:?}");
                let rest = own_colours.replace_all(&out, "");
                let raw = |c: char| c != '\n' && (c.is_control() || ('\u{200b}'..='\u{206f}').contains(&c));
                assert!(!rest.chars().any(raw), "raw control or format character in {out:?}");
                assert_eq!(out.matches("FORGED").count(), 2, "the message and the field: {out:?}");
            }
        }
    }

    #[test]
    fn messages_and_fields_read_as_before() {
        let out = log_line("111111111111", false);
        assert!(out.contains("cannot enter account 111111111111 account=111111111111"), "{out}");
        assert!(log_line("plain", true).contains("\x1b["));
    }
}
