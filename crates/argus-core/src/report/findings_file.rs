//! The findings JSON document argus writes (`*.findings.json`) and reads back (`argus diff`, `merge`).

use crate::engine::{Finding, NothingToEvaluate};
use crate::snapshot::{CollectionError, Snapshot};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// Checks that ran but had nothing to judge in an account and region (no buckets, no keys…):
    /// informational, neither PASS nor FAIL. Empty in files written before argus recorded them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nothing_to_evaluate: Vec<NothingToEvaluate>,
    /// Account id → the account's name in reports: its IAM account alias, where it was readable.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub account_names: BTreeMap<String, String>,
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
            nothing_to_evaluate: Vec::new(),
            account_names: snapshot
                .account_alias()
                .map(|alias| BTreeMap::from([(snapshot.identity.account_id.clone(), alias.to_string())]))
                .unwrap_or_default(),
        }
    }

    /// The account's name for reports: its alias where known, else its id (OCSF `cloud.account.name`).
    pub fn account_name<'a>(&'a self, account_id: &'a str) -> &'a str {
        self.account_names.get(account_id).map_or(account_id, String::as_str)
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
    use crate::snapshot::Fetched;
    use crate::testing::{iam, snapshot, ACCOUNT};

    #[test]
    fn only_the_known_schema_version_is_read() {
        assert_eq!(check_schema_version(r#"{"schema_version": 1, "findings": []}"#), Ok(()));
        assert_eq!(check_schema_version(r#"{"schema_version": 2}"#), Err(SchemaError::Unsupported("2".into())));
        assert_eq!(check_schema_version(r#"{"schema_version": "1"}"#), Err(SchemaError::Unsupported("\"1\"".into())));
        assert_eq!(check_schema_version(r#"{"findings": []}"#), Err(SchemaError::NoVersion));
        assert!(matches!(check_schema_version("[1, 2"), Err(SchemaError::NotJson(_))));
        assert!(matches!(check_schema_version("[]"), Err(SchemaError::NotJson(_))));
    }

    #[test]
    fn the_account_is_named_by_its_alias_else_its_id() {
        let mut s = snapshot();
        assert_eq!(FindingsFile::new(&s, vec![]).account_name(ACCOUNT), ACCOUNT);
        iam(&mut s).account_aliases = Fetched::Ok(vec!["prod-payments".into()]);
        let file = FindingsFile::new(&s, vec![]);
        assert_eq!(file.account_name(ACCOUNT), "prod-payments");
        let json = serde_json::to_value(&file).unwrap();
        assert_eq!(json["account_names"][ACCOUNT], "prod-payments");
        assert_eq!(serde_json::from_value::<FindingsFile>(json).unwrap(), file);
    }

    #[test]
    fn a_snapshot_from_before_aliases_were_collected_still_reads() {
        let mut json = serde_json::to_value(snapshot()).unwrap();
        json["iam"].as_object_mut().unwrap().remove("account_aliases");
        let s: Snapshot = serde_json::from_value(json).unwrap();
        assert_eq!(s.account_alias(), None);
        assert_eq!(FindingsFile::new(&s, vec![]).account_name(ACCOUNT), ACCOUNT);
    }
}
