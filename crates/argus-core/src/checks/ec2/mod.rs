//! EC2 and VPC checks (per region).

use crate::engine::Check;

pub mod ec2_ebs_default_encryption;

pub const CHECKS: &[Check] = &[ec2_ebs_default_encryption::CHECK];
