//! Nitro Enclave attestation in key policies, as Prowler's `kms_key_enclave_*` checks read it: which
//! keys back enclave workloads, which statements grant the actions an enclave uses, and which
//! conditions bind them to an attestation document (`kms:RecipientAttestation:*`).

use super::{each_customer_key, key_label, missing_field};
use crate::engine::{CheckContext, Findings, Resource};
use crate::policy::{Condition, Effect, Policy, SetQualifier, Statement};
use crate::snapshot::{Fetched, KmsKey};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The actions whose result an enclave receives encrypted to its attested public key.
pub(crate) const SENSITIVE_ACTIONS: [&str; 5] =
    ["kms:Decrypt", "kms:DeriveSharedSecret", "kms:GenerateDataKey", "kms:GenerateDataKeyPair", "kms:GenerateRandom"];

const ATTESTATION_PREFIX: &str = "kms:recipientattestation:";

/// PCRs that bind where the image runs: the parent instance's role (PCR3) and id (PCR4), and the
/// image's signing certificate (PCR8).
const DEPLOYMENT_PCRS: [&str; 3] = ["PCR3", "PCR4", "PCR8"];

/// Account and organization keys that bind a deployment when pinned beside an attestation condition.
const DEPLOYMENT_ACCOUNT_KEYS: [&str; 5] =
    ["aws:principalaccount", "aws:sourceaccount", "aws:principalorgid", "aws:principalorgpaths", "aws:resourceaccount"];

fn is_attestation_key(key: &str) -> bool {
    key.starts_with(ATTESTATION_PREFIX)
}

/// Calls `judge` with the parsed policy of every enabled customer managed key that backs an enclave
/// workload: an alias or description containing "enclave", or a policy that names a
/// kms:RecipientAttestation condition key. A key whose policy could not be read or parsed is an
/// ERROR (whether it is an enclave key cannot be told without it); a key whose state is missing too.
pub(crate) fn each_enclave_key(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&KmsKey, &Policy, Arc<Resource>, &mut Findings),
) {
    each_customer_key(ctx, out, |key, meta, r, out| {
        if meta.state.is_empty() {
            return out.error_message(r, missing_field(key, "KeyState"));
        }
        if meta.state != "Enabled" {
            return;
        }
        let doc = match &key.policy {
            Some(Fetched::Ok(doc)) => doc,
            Some(Fetched::Err(e)) => return out.error(r, e),
            None => return out.error_message(r, "could not be evaluated: the key policy was not collected"),
        };
        let policy = match doc.policy() {
            Ok(p) => p,
            Err(e) => {
                return out.error_message(
                    r,
                    format_args!("could not be evaluated: the key policy of {} is malformed: {e}", key_label(key)),
                )
            }
        };
        let named = |text: &str| text.to_ascii_lowercase().contains("enclave");
        let enclave = key.aliases.iter().any(|a| named(a.strip_prefix("alias/").unwrap_or(a)))
            || meta.description.as_deref().is_some_and(named)
            || policy.statements.iter().flat_map(|st| st.conditions.iter()).any(|c| is_attestation_key(&c.key));
        if enclave {
            judge(key, policy, r, out);
        }
    });
}

/// The sensitive actions an Allow statement grants (NotAction: those it leaves granted).
pub(crate) fn sensitive_granted(st: &Statement) -> Vec<&'static str> {
    SENSITIVE_ACTIONS.iter().copied().filter(|a| st.matches_action(a)).collect()
}

/// The Allow statements granting a sensitive action, with their indices.
pub(crate) fn sensitive_allows(policy: &Policy) -> impl Iterator<Item = (usize, &Statement)> {
    policy
        .statements
        .iter()
        .enumerate()
        .filter(|(_, st)| st.effect == Effect::Allow && !sensitive_granted(st).is_empty())
}

/// A value list that fixes the attested measurement: non-empty, no `*` or `?`.
fn fixed_values(c: &Condition) -> bool {
    !c.values.is_empty() && c.values.iter().all(|v| !v.contains(['*', '?']))
}

/// The attestation condition keys a statement binds restrictively: StringEquals,
/// StringEqualsIgnoreCase or StringLike (optionally ForAnyValue:/ForAllValues:, never IfExists, which
/// a request without attestation skips) to fixed values. ForAllValues is vacuously true on a missing
/// key, so it counts only beside a `Null` false on the same key.
pub(crate) fn attestation_keys(st: &Statement) -> BTreeSet<&str> {
    let null_false = |key: &str| {
        st.conditions.iter().any(|c| {
            c.operator.is("Null")
                && !c.operator.if_exists
                && c.key == key
                && c.values.iter().any(|v| v.eq_ignore_ascii_case("false"))
        })
    };
    st.conditions
        .iter()
        .filter(|c| is_attestation_key(&c.key) && !c.operator.if_exists && fixed_values(c))
        .filter(|c| ["StringEquals", "StringEqualsIgnoreCase", "StringLike"].iter().any(|op| c.operator.is(op)))
        .filter(|c| c.operator.set_qualifier != Some(SetQualifier::ForAllValues) || null_false(&c.key))
        .map(|c| c.key.as_str())
        .collect()
}

/// A Deny to everyone of every `actions` that fires when the request carries no attestation:
/// `Null` true on an attestation key, or StringNotEquals(IgnoreCase)IfExists on one.
fn deny_requires_attestation(st: &Statement, actions: &[&str]) -> bool {
    st.effect == Effect::Deny
        && st.principals.as_ref().is_some_and(|p| p.is_everyone())
        && actions.iter().all(|a| st.matches_action(a))
        && st.conditions.iter().any(|c| {
            is_attestation_key(&c.key)
                && c.operator.set_qualifier.is_none()
                && ((c.operator.is("Null")
                    && !c.operator.if_exists
                    && c.values.iter().any(|v| v.eq_ignore_ascii_case("true")))
                    || (c.operator.if_exists
                        && (c.operator.is("StringNotEquals") || c.operator.is("StringNotEqualsIgnoreCase"))))
        })
}

/// Whether a Deny in the policy neutralises an Allow granting `actions` without attestation.
pub(crate) fn covered_by_deny(policy: &Policy, actions: &[&str]) -> bool {
    policy.statements.iter().any(|st| deny_requires_attestation(st, actions))
}

/// Whether an attestation-bound statement also binds a deployment: a restrictive PCR3, PCR4 or PCR8
/// condition, or an account or organization key pinned with StringEquals, StringEqualsIgnoreCase or
/// ArnEquals (no qualifier, no IfExists) to fixed values.
pub(crate) fn binds_deployment(st: &Statement) -> bool {
    let keys = attestation_keys(st);
    if keys.is_empty() {
        return false;
    }
    let pcr_bound = keys.iter().any(|k| {
        let suffix = &k[ATTESTATION_PREFIX.len()..];
        DEPLOYMENT_PCRS.iter().any(|p| suffix.eq_ignore_ascii_case(p))
    });
    pcr_bound
        || st.conditions.iter().any(|c| {
            DEPLOYMENT_ACCOUNT_KEYS.contains(&c.key.as_str())
                && c.operator.set_qualifier.is_none()
                && !c.operator.if_exists
                && ["StringEquals", "StringEqualsIgnoreCase", "ArnEquals"].iter().any(|op| c.operator.is(op))
                && fixed_values(c)
        })
}

/// `Statement[0]` or `Statement[0] (Sid "x")`.
pub(crate) fn label(index: usize, st: &Statement) -> String {
    crate::checks::iam::policy_common::statement_label(index, st.sid.as_deref())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const PCR: &str =
        "5f4c0a7f0b3ee9e1c2a8f5e6d7c8b9a0112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00";

    fn statement(json: &str) -> Statement {
        let policy = Policy::parse_str(&format!(r#"{{"Version":"2012-10-17","Statement":[{json}]}}"#)).expect("valid");
        policy.statements[0].clone()
    }

    fn allow_decrypt(condition: &str) -> Statement {
        statement(&format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::123456789012:role/enclave"}},"Action":"kms:Decrypt","Resource":"*","Condition":{condition}}}"#
        ))
    }

    #[test]
    fn attestation_binds_only_with_fixed_values_and_strict_operators() {
        let bound = |op: &str, key: &str, value: &str| {
            !attestation_keys(&allow_decrypt(&format!(r#"{{"{op}":{{"{key}":"{value}"}}}}"#))).is_empty()
        };
        assert!(bound("StringEqualsIgnoreCase", "kms:RecipientAttestation:ImageSha384", PCR));
        assert!(bound("StringEquals", "KMS:RecipientAttestation:PCR0", PCR));
        assert!(!bound("StringEqualsIfExists", "kms:RecipientAttestation:PCR0", PCR));
        assert!(!bound("StringLike", "kms:RecipientAttestation:PCR0", "*"));
        assert!(!bound("StringNotEquals", "kms:RecipientAttestation:PCR0", PCR));
        assert!(!bound("ForAllValues:StringEquals", "kms:RecipientAttestation:PCR0", PCR));
        let guarded = allow_decrypt(&format!(
            r#"{{"ForAllValues:StringEquals":{{"kms:RecipientAttestation:PCR0":"{PCR}"}},"Null":{{"kms:RecipientAttestation:PCR0":"false"}}}}"#
        ));
        assert_eq!(attestation_keys(&guarded).len(), 1);
    }

    #[test]
    fn sensitive_actions_are_matched_through_wildcards_and_not_action() {
        let granted = |json: &str| sensitive_granted(&statement(json));
        assert_eq!(granted(r#"{"Effect":"Allow","Action":"kms:GenerateDataKey*","Resource":"*"}"#).len(), 2);
        assert_eq!(granted(r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#).len(), 5);
        assert!(granted(r#"{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}"#).is_empty());
        assert_eq!(granted(r#"{"Effect":"Allow","NotAction":"kms:Decrypt","Resource":"*"}"#).len(), 4);
    }

    #[test]
    fn deployment_binding_needs_pcr3_4_8_or_a_pinned_account() {
        let pcr = |n: &str| allow_decrypt(&format!(r#"{{"StringEquals":{{"kms:RecipientAttestation:{n}":"{PCR}"}}}}"#));
        assert!(!binds_deployment(&pcr("PCR0")));
        assert!(!binds_deployment(&pcr("PCR2")));
        assert!(binds_deployment(&pcr("PCR3")));
        assert!(binds_deployment(&pcr("pcr8")));
        let account = |op: &str| {
            allow_decrypt(&format!(
                r#"{{"StringEqualsIgnoreCase":{{"kms:RecipientAttestation:PCR0":"{PCR}"}},"{op}":{{"aws:PrincipalAccount":"123456789012"}}}}"#
            ))
        };
        assert!(binds_deployment(&account("StringEquals")));
        assert!(!binds_deployment(&account("StringEqualsIfExists")));
        let no_attestation = allow_decrypt(r#"{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}"#);
        assert!(!binds_deployment(&no_attestation));
    }
}
