//! argus: a fast, read-only, honest AWS account security auditor.
//!
//! The rooms, in the order data flows through them (see ARCHITECTURE.md):
//! [`aws`] (read-only clients) → [`collect`] → snapshot → engine → findings → reports.
//! Everything after the collector lives in `argus-core`, which has no AWS SDK.

pub mod aws;
pub mod cli;
pub mod collect;
pub mod commands;
pub mod iam_policy;
pub mod interrupt;
pub mod logging;
pub mod org;
pub mod output_file;
pub mod progress;
pub mod upload;

pub use argus_core::snapshot;
