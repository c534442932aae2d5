//! EC2 and VPC checks (per region).

pub(crate) mod common;
pub(crate) mod enclave;
#[cfg(test)]
pub(crate) mod fixtures;
pub(crate) mod launch_templates;
pub(crate) mod vpc_common;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_ec2.rs"));
