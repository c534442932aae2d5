//! Data-access actions granted without any constraint.

use std::sync::LazyLock;

use super::evaluate::{PermissionSet, Request};

pub const DATA_EXFILTRATION_ACTIONS: [&str; 6] = [
    "s3:GetObject",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "kms:Decrypt",
];

/// Which of `DATA_EXFILTRATION_ACTIONS` are allowed on Resource `*` with no
/// Condition (and no Deny that might interfere).
pub fn data_exfiltration_actions(permissions: &PermissionSet) -> Vec<&'static str> {
    REQUESTS
        .iter()
        .filter(|(_, request)| permissions.is_allowed_request(request).is_unconditional())
        .map(|(action, _)| *action)
        .collect()
}

/// Each action on some resource (`*`), tokenised once per process rather than once per policy asked.
static REQUESTS: LazyLock<Vec<(&'static str, Request)>> =
    LazyLock::new(|| DATA_EXFILTRATION_ACTIONS.iter().map(|a| (*a, Request::new(a, "*"))).collect());

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;

    fn set(json: &str) -> PermissionSet {
        PermissionSet::from_policy(&Policy::parse_str(json).expect("valid"))
    }

    #[test]
    fn unconstrained_reads() {
        let p =
            set(r#"{"Statement":{"Effect":"Allow","Action":["s3:Get*","ssm:GetParameter*","kms:*"],"Resource":"*"}}"#);
        assert_eq!(
            data_exfiltration_actions(&p),
            vec!["s3:GetObject", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "kms:Decrypt"]
        );
    }

    #[test]
    fn constrained_reads_are_not_reported() {
        let p = set(r#"{"Statement":[
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
            {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*",
             "Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}},
            {"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"},
            {"Effect":"Deny","Action":"kms:Decrypt","Resource":"*"}]}"#);
        assert!(data_exfiltration_actions(&p).is_empty());
    }
}
