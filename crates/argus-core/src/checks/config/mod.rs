//! AWS Config checks: per region, the configuration recorder and its delivery channel.

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_config.rs"));
