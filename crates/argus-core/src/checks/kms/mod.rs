//! KMS checks (per region). Only customer managed keys are judged: AWS managed keys (whose
//! rotation and policy AWS controls) are skipped.
//!
//! Also home of [`judge_resource_policy`], the public-exposure verdict shared with the Lambda and
//! Secrets Manager resource-policy checks.

use crate::engine::{CheckContext, Findings, Resource};
use crate::policy::{analyse_resource_policy, Exposure, Policy, StatementExposure};
use crate::snapshot::{Fetched, KmsKey, KmsKeyMetadata, PolicyDocument};
use std::sync::Arc;

pub(crate) mod enclave;
#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_kms.rs"));

/// A key as a finding's resource: named by its first alias, else its id.
pub(crate) fn key_resource<'a>(ctx: &CheckContext<'a>, k: &'a KmsKey, region: &str) -> Arc<Resource> {
    Arc::new(Resource {
        id: k.id.as_str().into(),
        arn: k.arn.as_str().into(),
        name: k.aliases.first().unwrap_or(&k.id).as_str().into(),
        region: ctx.region_name(region),
        tags: Default::default(),
    })
}

/// Display name of a key in messages: `alias/x (key-id)` or the key id (written as the message is
/// rendered, not allocated per finding).
pub(crate) fn key_label(k: &KmsKey) -> KeyLabel<'_> {
    KeyLabel(k)
}

/// [`key_label`].
pub(crate) struct KeyLabel<'a>(&'a KmsKey);

impl std::fmt::Display for KeyLabel<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.aliases.first() {
            Some(alias) => write!(f, "{alias} ({})", self.0.id),
            None => f.write_str(&self.0.id),
        }
    }
}

/// Keys pending deletion (including multi-Region replicas being deleted).
pub(crate) fn is_pending_deletion(state: &str) -> bool {
    state == "PendingDeletion" || state == "PendingReplicaDeletion"
}

/// The ERROR message for a key whose DescribeKey reply lacks `field` (e.g. `KeyState`).
pub(crate) fn missing_field(key: &KmsKey, field: &str) -> String {
    format!("could not be evaluated: DescribeKey returned no {field} for key {}", key_label(key))
}

/// Calls `judge` for every customer managed key of every region where KMS was collected.
/// A failed key listing gets one ERROR for the region; a key whose DescribeKey failed, or whose
/// reply does not say who manages it, gets an ERROR, unless its `alias/aws/…` alias already shows it
/// is AWS managed.
pub(crate) fn each_customer_key(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&KmsKey, &KmsKeyMetadata, Arc<Resource>, &mut Findings),
) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(kms) = &data.kms else { continue };
        let keys = match &kms.keys {
            Fetched::Ok(keys) => keys,
            Fetched::Err(e) => {
                out.error(ctx.region_resource(region), e);
                continue;
            }
        };
        for key in keys {
            let r = key_resource(ctx, key, region);
            let aws_alias = key.aliases.iter().any(|a| a.starts_with("alias/aws/"));
            match &key.metadata {
                Fetched::Ok(meta) if meta.is_customer_managed() => judge(key, meta, r, out),
                Fetched::Ok(meta) if meta.manager.is_empty() && !aws_alias => {
                    out.error_message(r, missing_field(key, "KeyManager"))
                }
                Fetched::Ok(_) => {}
                Fetched::Err(_) if aws_alias => {}
                Fetched::Err(e) => out.error(r, e),
            }
        }
    }
}

/// The verdict on a resource-based policy's public exposure.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PolicyVerdict {
    /// The full ERROR message (the document is not valid JSON or not a valid policy).
    Malformed(String),
    /// Which statements let anyone do what.
    Public(String),
    /// Who the policy does grant access to.
    NotPublic(String),
}

/// Judges `doc` with the policy analyser: public when an Allow to everyone is not pinned by a
/// condition (aws:SourceAccount, aws:PrincipalOrgID, kms:CallerAccount, …) or cancelled by a Deny.
/// `label` names the policy in messages, e.g. `key policy "default"`.
pub(crate) fn judge_resource_policy(doc: &PolicyDocument, label: &str, owner_account: &str) -> PolicyVerdict {
    match doc.policy() {
        Ok(policy) => judge_parsed_resource_policy(policy, label, owner_account),
        Err(reason) => malformed(label, reason),
    }
}

/// The verdict on a resource policy that does not parse.
fn malformed(label: &str, reason: &str) -> PolicyVerdict {
    PolicyVerdict::Malformed(format!("could not be evaluated: {label} is malformed: {reason}"))
}

fn judge_parsed_resource_policy(policy: &Policy, label: &str, owner_account: &str) -> PolicyVerdict {
    let report = analyse_resource_policy(policy, owner_account);
    let public: Vec<String> = report
        .statements
        .iter()
        .filter_map(|s| match &s.exposure {
            Exposure::Public { actions, .. } => {
                Some(format!("{} allows anyone {}", statement_label(s), actions.join(", ")))
            }
            _ => None,
        })
        .collect();
    if !public.is_empty() {
        return PolicyVerdict::Public(format!("{label} is public: {}", public.join("; ")));
    }
    let audience = match &report.overall {
        Exposure::CrossAccount { accounts } => {
            format!("grants access only to account(s) {}", accounts.join(", "))
        }
        Exposure::ServicePrincipal { services } => {
            format!("grants access only to AWS service(s) {}", services.join(", "))
        }
        _ => "grants no access outside the account".to_string(),
    };
    let pinned: Vec<String> = report
        .statements
        .iter()
        .filter(|s| !s.pinned_by.is_empty())
        .map(|s| format!("{} is restricted by {}", statement_label(s), s.pinned_by.join(", ")))
        .collect();
    let pinned = if pinned.is_empty() { String::new() } else { format!(" ({})", pinned.join("; ")) };
    PolicyVerdict::NotPublic(format!("{label} is not public: it {audience}{pinned}"))
}

fn statement_label(s: &StatementExposure) -> String {
    match s.sid.as_deref().filter(|sid| !sid.is_empty()) {
        Some(sid) => format!("statement {sid:?}"),
        None => format!("statement #{}", s.index),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{doc, ACCOUNT};

    #[test]
    fn verdicts() {
        let public = doc(
            r#"{"Statement":[{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}"#,
        );
        assert_eq!(
            judge_resource_policy(&public, "key policy \"default\"", ACCOUNT),
            PolicyVerdict::Public(
                "key policy \"default\" is public: statement \"Open\" allows anyone kms:Decrypt".into()
            )
        );
        let pinned = doc(&format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*",
            "Condition":{{"StringEquals":{{"kms:CallerAccount":"{ACCOUNT}"}}}}}}]}}"#
        ));
        let PolicyVerdict::NotPublic(m) = judge_resource_policy(&pinned, "p", ACCOUNT) else { panic!() };
        assert!(m.contains("statement #0 is restricted by kms:calleraccount"), "{m}");
        assert!(
            matches!(judge_resource_policy(&doc("{oops"), "p", ACCOUNT), PolicyVerdict::Malformed(m) if m.starts_with("could not be evaluated: p is malformed: invalid JSON"))
        );
        assert!(matches!(
            judge_resource_policy(&doc(r#"{"Statement":[{"Effect":"Maybe"}]}"#), "p", ACCOUNT),
            PolicyVerdict::Malformed(_)
        ));
    }
}
