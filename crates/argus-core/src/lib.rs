//! argus-core: everything after the collector — the snapshot model, the IAM policy analyser, the check
//! engine and the reports. It has no AWS SDK and no network access, so a check *cannot* call AWS.

pub mod checks;
pub mod compliance;
pub mod diff;
pub mod engine;
pub mod env_facts;
pub mod monitoring;
pub mod mutelist;
pub mod network;
pub mod paths;
pub mod policy;
pub mod prowler;
pub mod report;
pub mod service;
pub mod snapshot;
pub mod user_data;

#[cfg(test)]
pub(crate) mod testing;
