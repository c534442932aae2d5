//! FSBP KMS.1 / KMS.2: an IAM policy that lets its holder decrypt with every KMS key.

use crate::policy::{Policy, Request};
use std::sync::LazyLock;

/// The actions that decrypt ciphertext (ReEncryptFrom decrypts it on the way to another key).
const DECRYPT_ACTIONS: [&str; 2] = ["kms:Decrypt", "kms:ReEncryptFrom"];

/// Each decrypt action on every key of every account and region: a grant on `*`, on
/// `arn:aws:kms:*` or on `arn:aws:kms:*:*:key/*` matches it, one on a key or one account's keys does not.
static ALL_KEYS: LazyLock<Vec<(&'static str, Request)>> =
    LazyLock::new(|| DECRYPT_ACTIONS.iter().map(|a| (*a, Request::new(a, "arn:aws:kms:*:*:key/*"))).collect());

/// What `policy` lets its holder decrypt with every key, as a phrase for a finding, or None. A
/// conditional grant counts (the control asks what the policy allows, not what a request may meet)
/// and is said to be conditional; an unconditional Deny of the action on every key makes it not count.
pub(crate) fn decrypt_on_all_keys(policy: &Policy) -> Option<String> {
    let mut unconditional = Vec::new();
    let mut conditional = Vec::new();
    for (action, request) in ALL_KEYS.iter() {
        match policy.covers_alone(request) {
            (true, true) => unconditional.push(*action),
            (true, false) => conditional.push(*action),
            _ => {}
        }
    }
    let mut parts = Vec::new();
    if !unconditional.is_empty() {
        parts.push(format!("allows {} on all KMS keys", unconditional.join(", ")));
    }
    if !conditional.is_empty() {
        parts.push(format!("allows {} on all KMS keys under a Condition", conditional.join(", ")));
    }
    (!parts.is_empty()).then(|| parts.join(" and "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(statements: &str) -> Option<String> {
        decrypt_on_all_keys(
            &Policy::parse_str(&format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#)).unwrap(),
        )
    }

    #[test]
    fn grants_on_every_key_count_and_grants_on_some_keys_do_not() {
        assert_eq!(
            judge(r#"{"Effect":"Allow","Action":"kms:*","Resource":"*"}"#).unwrap(),
            "allows kms:Decrypt, kms:ReEncryptFrom on all KMS keys"
        );
        assert!(judge(r#"{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:*:*:key/*"}"#).is_some());
        assert!(judge(r#"{"Effect":"Allow","Action":"kms:ReEncrypt*","Resource":"*"}"#)
            .unwrap()
            .contains("kms:ReEncryptFrom"));
        assert!(judge(
            r#"{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:123456789012:key/abc"}"#
        )
        .is_none());
        assert!(judge(
            r#"{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:123456789012:key/*"}"#
        )
        .is_none());
        assert!(judge(r#"{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}"#).is_none());
        assert!(judge(r#"{"Effect":"Allow","Action":"kms:*","Resource":"*"},{"Effect":"Deny","Action":["kms:Decrypt","kms:ReEncrypt*"],"Resource":"*"}"#).is_none());
    }

    #[test]
    fn a_conditional_grant_counts_and_says_so() {
        let what = judge(r#"{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}"#).unwrap();
        assert_eq!(what, "allows kms:Decrypt on all KMS keys under a Condition");
    }
}
