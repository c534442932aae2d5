//! S3-specific helpers: which dangerous actions a bucket policy grants to
//! everyone, and whether it enforces TLS.

use super::document::{Effect, Policy, Statement};
use super::exposure::{deny_covers_resources, is_deny_to_everyone, public_statement_indices};
use super::matching::{Glob, S3_ACTIONS};
use super::pin::{allow_side_of_negated, pin_of};

/// Actions that make a public bucket grant dangerous.
pub const S3_DANGEROUS_PUBLIC_ACTIONS: [&str; 6] =
    ["s3:Get*", "s3:List*", "s3:Put*", "s3:Delete*", "s3:AbortMultipartUpload", "s3:RestoreObject"];

/// The write/delete subset of `S3_DANGEROUS_PUBLIC_ACTIONS`.
pub const S3_PUBLIC_WRITE_ACTIONS: [&str; 4] = ["s3:Put*", "s3:Delete*", "s3:AbortMultipartUpload", "s3:RestoreObject"];

/// Which of `S3_DANGEROUS_PUBLIC_ACTIONS` public (unpinned) statements grant,
/// after Denies to everyone that cancel or pin that action group.
/// Does not know about Block Public Access: callers apply it.
pub fn s3_public_actions(policy: &Policy) -> Vec<&'static str> {
    let public: Vec<&Statement> =
        public_statement_indices(policy).into_iter().filter_map(|i| policy.statements.get(i)).collect();
    S3_DANGEROUS_PUBLIC_ACTIONS
        .iter()
        .map(|group| (*group, Glob::action(group)))
        .filter(|(_, q)| public.iter().any(|st| st.may_match_action(q) && !restricted_by_deny(policy, st, q)))
        .map(|(group, _)| group)
        .collect()
}

/// A Deny to everyone covering this action group on all of the Allow's
/// resources, unconditional or "unless pinned".
fn restricted_by_deny(policy: &Policy, allow: &Statement, group: &Glob) -> bool {
    policy.statements.iter().any(|d| {
        is_deny_to_everyone(d)
            && d.must_match_action(group)
            && deny_covers_resources(d, allow)
            && match &d.conditions[..] {
                [] => true,
                [only] => allow_side_of_negated(only).and_then(|c| pin_of(&c, d.policy_variables)).is_some(),
                _ => false,
            }
    })
}

/// Deny to everyone of all (or all S3) actions when `aws:SecureTransport`
/// is false (`Bool` or `BoolIfExists`), with no other Condition narrowing it.
/// The Resource element is not checked.
pub fn statement_denies_insecure_transport(st: &Statement) -> bool {
    st.effect == Effect::Deny
        && st.principals.as_ref().is_some_and(|p| p.is_everyone())
        && st.must_match_action(&S3_ACTIONS)
        && !st.conditions.is_empty()
        && st.conditions.iter().all(|c| {
            c.key == "aws:securetransport"
                && c.operator.set_qualifier.is_none()
                && c.operator.is("Bool")
                && c.values.iter().any(|v| v.eq_ignore_ascii_case("false"))
        })
}

/// The policy has a statement that denies non-TLS requests.
pub fn denies_insecure_transport(policy: &Policy) -> bool {
    policy.statements.iter().any(statement_denies_insecure_transport)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(json: &str) -> Policy {
        Policy::parse_str(json).expect("valid")
    }

    #[test]
    fn public_read_only() {
        let p = policy(
            r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#,
        );
        assert_eq!(s3_public_actions(&p), vec!["s3:Get*"]);
    }

    #[test]
    fn public_wildcard_grants_everything() {
        let p = policy(r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}}"#);
        assert_eq!(s3_public_actions(&p), S3_DANGEROUS_PUBLIC_ACTIONS.to_vec());
    }

    #[test]
    fn pinned_or_private_grants_nothing() {
        let p = policy(
            r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*",
            "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}}"#,
        );
        assert!(s3_public_actions(&p).is_empty());
        let p = policy(
            r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:*","Resource":"*"}}"#,
        );
        assert!(s3_public_actions(&p).is_empty());
    }

    #[test]
    fn deny_removes_write() {
        let p = policy(
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*"},
            {"Effect":"Deny","Principal":"*","Action":["s3:Put*","s3:Delete*","s3:AbortMultipartUpload","s3:RestoreObject"],
             "Resource":"arn:aws:s3:::b/*"}]}"#,
        );
        assert_eq!(s3_public_actions(&p), vec!["s3:Get*", "s3:List*"]);
    }

    #[test]
    fn secure_transport_deny() {
        for (json, expected) in [
            (
                r#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#,
                true,
            ),
            (
                r#"{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false}}}"#,
                true,
            ),
            (
                r#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:securetransport":"false"}}}"#,
                true,
            ),
            (
                r#"{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#,
                false,
            ),
            (
                r#"{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}"#,
                false,
            ),
            (
                r#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}"#,
                false,
            ),
            (
                r#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}"#,
                false,
            ),
            (
                r#"{"Effect":"Deny","Principal":{"AWS":"123456789012"},"Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#,
                false,
            ),
        ] {
            let p = policy(&format!(r#"{{"Statement":[{json}]}}"#));
            assert_eq!(denies_insecure_transport(&p), expected, "{json}");
        }
    }
}
