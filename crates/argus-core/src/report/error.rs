//! The one error type of the machine-readable renderers.

/// Why a report could not be rendered. Rendering in-memory data rarely fails; these wrap the
/// serialisers' own errors so callers get a message instead of a panic.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("unknown report format '{0}' (expected one of: {formats})", formats = super::OutputFormat::ALL.map(super::OutputFormat::name).join(", "))]
    UnknownFormat(String),
    #[error("{0}")]
    Html(#[from] super::html::HtmlError),
    #[error("could not write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("could not write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("could not write JUnit XML: {0}")]
    Junit(#[from] quick_junit::SerializeError),
    #[error("report is not valid UTF-8: {0}")]
    Encoding(#[from] std::string::FromUtf8Error),
    #[error("could not write the report: {0}")]
    Io(#[from] std::io::Error),
}
