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
