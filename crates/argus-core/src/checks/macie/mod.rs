//! Macie checks: per region, whether Macie is on.

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_macie.rs"));
