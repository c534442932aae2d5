//! awslambda checks (per region).

use crate::engine::Check;

pub mod awslambda_function_inside_vpc;
pub mod awslambda_function_no_secrets_in_variables;
pub mod awslambda_function_not_publicly_accessible;
pub mod awslambda_function_role_overly_permissive;
pub mod awslambda_function_url_public;
pub mod awslambda_function_using_supported_runtimes;
pub(crate) mod lambda_common;
#[cfg(test)]
pub(crate) mod lambda_fixtures;

pub const CHECKS: &[Check] = &[
    awslambda_function_role_overly_permissive::CHECK,
    awslambda_function_no_secrets_in_variables::CHECK,
    awslambda_function_not_publicly_accessible::CHECK,
    awslambda_function_url_public::CHECK,
    awslambda_function_using_supported_runtimes::CHECK,
    awslambda_function_inside_vpc::CHECK,
];
