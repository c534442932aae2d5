//! awslambda checks (per region).

pub(crate) mod lambda_common;
#[cfg(test)]
pub(crate) mod lambda_fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_awslambda.rs"));
