//! IAM policy analysis: parsing, wildcard matching, allow/deny evaluation,
//! exposure classification, privilege-escalation and admin detection.
//!
//! Pure: no AWS calls and no dependency on the rest of argus, so every rule
//! can be unit-tested from JSON alone. Rules follow
//! `iam-policy-semantics.md`; design choices a caller must know are
//! documented on the items (notably `PermissionSet::is_allowed` for how
//! conditional Denies are treated).

mod admin;
mod condition;
mod document;
mod error;
mod escalation;
mod evaluate;
mod exfiltration;
mod exposure;
mod matching;
mod pin;
mod principal;
mod s3;
mod trust;

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod size_tests;

pub use admin::{is_admin_statement, service_wildcards_on_all_resources, ServiceWildcard};
pub use condition::{Condition, ConditionOperator, SetQualifier};
pub use document::{ActionSpec, Effect, Pattern, Policy, ResourceSpec, Statement, POLICY_VERSION_2012};
pub use error::PolicyError;
pub use escalation::{detect_escalation, EscalationFinding, EscalationMethod, ESCALATION_METHODS};
pub use evaluate::{Access, NamedPolicy, PermissionSet, PolicySource, Request, StatementRef};
pub use exfiltration::{data_exfiltration_actions, DATA_EXFILTRATION_ACTIONS};
pub use exposure::{
    analyse_resource_policy, classify_resource_policy, public_statement_indices, Exposure, ExposureReport,
    StatementExposure,
};
pub use matching::{action_matches, resource_matches, resource_patterns_overlap};
pub use principal::{account_from_arn, is_account_id, Principal, PrincipalSpec};
pub use s3::{
    denies_insecure_transport, s3_public_actions, statement_denies_insecure_transport, S3_DANGEROUS_PUBLIC_ACTIONS,
    S3_PUBLIC_WRITE_ACTIONS,
};
pub use trust::{
    service_trust_source, trust_allows_any_principal, trust_cross_account_without_external_id,
    trust_service_without_confused_deputy_protection, ServiceTrustSource,
};
