//! cloudtrail checks (per region).

use crate::engine::Check;

pub const CHECKS: &[Check] = &[];
