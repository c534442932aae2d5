//! The findings JSON document argus writes (`*.findings.json`) and reads back (`argus diff`, `merge`).

use crate::engine::Finding;
use crate::snapshot::{CollectionError, Snapshot};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const FINDINGS_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FindingsFile {
    pub schema_version: u32,
    pub argus_version: String,
    pub account_id: String,
    /// When the data was collected (the engine's "now").
    pub collected_at: DateTime<Utc>,
    pub regions: Vec<String>,
    pub services: Vec<String>,
    /// Calls that failed while collecting: the scan is incomplete when this is not empty.
    pub collection_errors: Vec<CollectionError>,
    pub api_calls: u64,
    pub retries: u64,
    #[serde(deserialize_with = "crate::engine::deserialize_sharing_sources")]
    pub findings: Vec<Finding>,
}

impl FindingsFile {
    pub fn new(snapshot: &Snapshot, findings: Vec<Finding>) -> Self {
        FindingsFile {
            schema_version: FINDINGS_SCHEMA_VERSION,
            argus_version: env!("CARGO_PKG_VERSION").to_string(),
            account_id: snapshot.identity.account_id.clone(),
            collected_at: snapshot.collection.finished_at,
            regions: snapshot.collection.regions.clone(),
            services: snapshot.collection.services.clone(),
            collection_errors: snapshot.errors.clone(),
            api_calls: snapshot.collection.api_calls,
            retries: snapshot.collection.retries,
            findings,
        }
    }

    pub fn is_complete(&self) -> bool {
        self.collection_errors.is_empty()
    }
}

/// Why a text is not a findings file this argus can read.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    #[error("is not JSON: {0}")]
    NotJson(String),
    #[error("is not an argus findings file (no schema_version)")]
    NoVersion,
    #[error("has findings schema {0}; this argus reads schema {FINDINGS_SCHEMA_VERSION} (a newer argus wrote it?)")]
    Unsupported(String),
}

/// Checks a findings file's `schema_version` before it is read: a file of another schema may have the
/// same field names with other meanings (or lack new fields), and reading it anyway would compare or
/// merge findings that do not mean the same thing. Only the version is deserialised here.
pub fn check_schema_version(text: &str) -> Result<(), SchemaError> {
    #[derive(Deserialize)]
    struct Versioned {
        schema_version: Option<serde_json::Value>,
    }
    let versioned: Versioned = serde_json::from_str(text).map_err(|e| SchemaError::NotJson(e.to_string()))?;
    match versioned.schema_version {
        None => Err(SchemaError::NoVersion),
        Some(v) if v.as_u64() == Some(u64::from(FINDINGS_SCHEMA_VERSION)) => Ok(()),
        Some(v) => Err(SchemaError::Unsupported(v.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_known_schema_version_is_read() {
        assert_eq!(check_schema_version(r#"{"schema_version": 1, "findings": []}"#), Ok(()));
        assert_eq!(check_schema_version(r#"{"schema_version": 2}"#), Err(SchemaError::Unsupported("2".into())));
        assert_eq!(check_schema_version(r#"{"schema_version": "1"}"#), Err(SchemaError::Unsupported("\"1\"".into())));
        assert_eq!(check_schema_version(r#"{"findings": []}"#), Err(SchemaError::NoVersion));
        assert!(matches!(check_schema_version("[1, 2"), Err(SchemaError::NotJson(_))));
        assert!(matches!(check_schema_version("[]"), Err(SchemaError::NotJson(_))));
    }
}
