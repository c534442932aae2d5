//! Security Hub checks: per region, whether the hub is on and what it runs.

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_securityhub.rs"));
