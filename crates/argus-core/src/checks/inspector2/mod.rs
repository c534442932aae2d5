//! Inspector checks: per region, the account's status and scan types.

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_inspector2.rs"));
