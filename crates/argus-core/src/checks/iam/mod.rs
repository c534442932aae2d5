//! IAM checks (global).

use crate::engine::Check;

pub(crate) mod cred_common;
#[cfg(test)]
pub(crate) mod cred_fixtures;
pub mod iam_avoid_root_usage;
pub mod iam_no_expired_server_certificates_stored;
pub mod iam_no_root_access_key;
pub mod iam_password_policy_expires_passwords_within_90_days_or_less;
pub mod iam_password_policy_lowercase;
pub mod iam_password_policy_minimum_length_14;
pub mod iam_password_policy_number;
pub mod iam_password_policy_reuse_24;
pub mod iam_password_policy_symbol;
pub mod iam_password_policy_uppercase;
pub mod iam_policy_attached_only_to_group_or_roles;
pub mod iam_root_hardware_mfa_enabled;
pub mod iam_root_mfa_enabled;
pub mod iam_rotate_access_key_90_days;
pub mod iam_support_role_created;
pub mod iam_user_accesskey_unused;
pub mod iam_user_console_access_unused;
pub mod iam_user_mfa_enabled_console_access;
pub mod iam_user_two_active_access_key;

// IAM policy checks.
pub mod iam_aws_attached_policy_no_administrative_privileges;
pub mod iam_customer_attached_policy_no_administrative_privileges;
pub mod iam_customer_unattached_policy_no_administrative_privileges;
pub mod iam_group_administrator_access_policy;
pub mod iam_inline_policy_allows_privilege_escalation;
pub mod iam_inline_policy_no_administrative_privileges;
pub mod iam_policy_allows_privilege_escalation;
pub mod iam_policy_data_exfiltration_without_constraints;
pub mod iam_policy_service_wildcard_on_all_resources;
pub mod iam_role_administratoraccess_policy;
pub mod iam_role_cross_account_trust_without_external_id;
pub mod iam_role_cross_service_confused_deputy_prevention;
pub mod iam_role_trust_allows_any_principal;
pub mod iam_user_administrator_access_policy;
pub(crate) mod policy_common;
#[cfg(test)]
pub(crate) mod policy_fixtures;

pub const CHECKS: &[Check] = &[
    iam_root_mfa_enabled::CHECK,
    iam_root_hardware_mfa_enabled::CHECK,
    iam_no_root_access_key::CHECK,
    iam_avoid_root_usage::CHECK,
    iam_user_mfa_enabled_console_access::CHECK,
    iam_user_console_access_unused::CHECK,
    iam_user_accesskey_unused::CHECK,
    iam_rotate_access_key_90_days::CHECK,
    iam_user_two_active_access_key::CHECK,
    iam_password_policy_minimum_length_14::CHECK,
    iam_password_policy_reuse_24::CHECK,
    iam_password_policy_uppercase::CHECK,
    iam_password_policy_lowercase::CHECK,
    iam_password_policy_number::CHECK,
    iam_password_policy_symbol::CHECK,
    iam_password_policy_expires_passwords_within_90_days_or_less::CHECK,
    iam_policy_attached_only_to_group_or_roles::CHECK,
    iam_no_expired_server_certificates_stored::CHECK,
    iam_support_role_created::CHECK,
    iam_aws_attached_policy_no_administrative_privileges::CHECK,
    iam_customer_attached_policy_no_administrative_privileges::CHECK,
    iam_customer_unattached_policy_no_administrative_privileges::CHECK,
    iam_inline_policy_no_administrative_privileges::CHECK,
    iam_user_administrator_access_policy::CHECK,
    iam_group_administrator_access_policy::CHECK,
    iam_role_administratoraccess_policy::CHECK,
    iam_policy_allows_privilege_escalation::CHECK,
    iam_inline_policy_allows_privilege_escalation::CHECK,
    iam_policy_service_wildcard_on_all_resources::CHECK,
    iam_policy_data_exfiltration_without_constraints::CHECK,
    iam_role_trust_allows_any_principal::CHECK,
    iam_role_cross_account_trust_without_external_id::CHECK,
    iam_role_cross_service_confused_deputy_prevention::CHECK,
];
