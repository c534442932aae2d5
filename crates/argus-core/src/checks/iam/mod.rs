//! IAM checks (global).

use crate::engine::Check;

pub mod iam_root_mfa_enabled;

pub const CHECKS: &[Check] = &[iam_root_mfa_enabled::CHECK];
