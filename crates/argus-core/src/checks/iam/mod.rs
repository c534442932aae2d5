//! IAM checks (global).

pub(crate) mod agentcore;
pub(crate) mod cred_common;
#[cfg(test)]
pub(crate) mod cred_fixtures;
pub(crate) mod escalation_use;
pub(crate) mod kms_decrypt;
pub(crate) mod last_accessed;
pub(crate) mod policy_common;
#[cfg(test)]
pub(crate) mod policy_fixtures;
pub(crate) mod service_grants;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_iam.rs"));
