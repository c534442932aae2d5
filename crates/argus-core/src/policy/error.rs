//! Error type and small JSON-shape helpers shared by the parsers.

use super::json::{Json, JsonExt};
use arcstr::Substr;
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

/// Where a value sits in a document (`Statement[2].Action`). Written out only when an error names it:
/// parsing a valid document builds no path text.
pub(super) type PathOf<'a> = &'a dyn Fn() -> String;

/// A string or a list of strings (the shape of Action, Resource, principal values).
pub(super) fn string_list(v: &Json, path: PathOf<'_>) -> Result<Box<[Substr]>, PolicyError> {
    match v {
        Json::String(s) => Ok(Box::new([Substr::from(s.as_str())])),
        Json::Array(items) => {
            // Sized up front: collecting through `Result` would start at four slots for a list of one.
            let mut list = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item {
                    Json::String(s) => list.push(Substr::from(s.as_str())),
                    other => {
                        return Err(PolicyError::invalid(
                            format!("{}[{i}]", path()),
                            format!("expected a string, found {}", other.kind()),
                        ))
                    }
                }
            }
            Ok(list.into_boxed_slice())
        }
        other => {
            Err(PolicyError::invalid(path(), format!("expected a string or a list of strings, found {}", other.kind())))
        }
    }
}
