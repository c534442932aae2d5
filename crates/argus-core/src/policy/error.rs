//! Why a policy document could not be read.

use thiserror::Error;

/// Why a policy document could not be decoded or understood.
///
/// Callers record this as a finding naming the policy; parsing never panics.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PolicyError {
    #[error("policy document is not valid percent-encoding: {0}")]
    Decode(String),
    #[error("policy document is not valid JSON: {0}")]
    Json(String),
    #[error("invalid policy at {path}: {message}")]
    Invalid { path: String, message: String },
}

impl PolicyError {
    pub(super) fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        PolicyError::Invalid { path: path.into(), message: message.into() }
    }
}

/// Quote at most 64 characters of untrusted text so error messages stay small.
pub(super) fn preview(s: &str) -> String {
    const MAX: usize = 64;
    if s.chars().count() <= MAX {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head:?}…")
    }
}
