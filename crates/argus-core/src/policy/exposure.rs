//! Public / cross-account classification of resource and trust policies.
//!
//! An Allow statement is public when its principals include everyone (`*` in
//! any form, or `NotPrincipal`) and no Condition pins it (see `pin.rs`).
//! A pin to another account makes it cross-account instead; service
//! principals are not public.
//!
//! Beyond the Allow's own Conditions, a Deny to everyone that covers all of
//! the Allow's actions and resources also narrows it: with no Condition it
//! cancels the Allow; with a single negated pinning Condition ("Deny unless
//! aws:SourceVpce = vpce-1") it pins the Allow exactly like the positive form.

use std::collections::BTreeSet;

use serde::Serialize;

use super::document::{ActionSpec, Effect, Policy, ResourceSpec, Statement};
use super::pin::{allow_side_of_negated, pin_of, Pin};
use super::principal::{classify_principal, PrincipalClass};
use arcstr::Substr;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Exposure {
    /// Anyone. `actions` are the granting Action patterns as written;
    /// NotAction lists appear as `NotAction:<pattern>`.
    Public {
        statements: Vec<usize>,
        actions: Vec<String>,
    },
    /// Specific other accounts (sorted, owner excluded).
    CrossAccount {
        accounts: Vec<String>,
    },
    /// Only AWS service principals (sorted).
    ServicePrincipal {
        services: Vec<String>,
    },
    Private,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementExposure {
    pub index: usize,
    pub sid: Option<Substr>,
    /// `Private` for Deny statements.
    pub exposure: Exposure,
    /// Condition keys that pinned this statement (lower-cased).
    pub pinned_by: Vec<String>,
    /// Principals not attributable to an account: unique ids of deleted
    /// users/roles (AIDA…/AROA…), canonical user ids, web-identity providers.
    pub unresolved_principals: Vec<String>,
    /// Deny statements that cancelled or pinned this Allow.
    pub restricted_by_deny: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExposureReport {
    /// Public > CrossAccount > ServicePrincipal > Private.
    pub overall: Exposure,
    pub statements: Vec<StatementExposure>,
}

/// Overall exposure of a resource or trust policy owned by `owner_account_id`.
pub fn classify_resource_policy(policy: &Policy, owner_account_id: &str) -> Exposure {
    analyse_resource_policy(policy, owner_account_id).overall
}

/// Per-statement and overall exposure.
pub fn analyse_resource_policy(policy: &Policy, owner_account_id: &str) -> ExposureReport {
    let statements: Vec<StatementExposure> = policy
        .statements
        .iter()
        .enumerate()
        .map(|(i, st)| classify_statement(policy, i, st, owner_account_id))
        .collect();
    ExposureReport { overall: merge(&statements), statements }
}

/// Indices of public statements. They do not depend on the owner account (a statement is public
/// before any account is compared with the owner).
pub fn public_statement_indices(policy: &Policy) -> Vec<usize> {
    analyse_resource_policy(policy, "")
        .statements
        .iter()
        .filter(|s| matches!(s.exposure, Exposure::Public { .. }))
        .map(|s| s.index)
        .collect()
}

fn classify_statement(policy: &Policy, index: usize, st: &Statement, owner: &str) -> StatementExposure {
    let mut out = StatementExposure {
        index,
        sid: st.sid.clone(),
        exposure: Exposure::Private,
        pinned_by: Vec::new(),
        unresolved_principals: Vec::new(),
        restricted_by_deny: Vec::new(),
    };
    let Some(spec) = st.principals.as_ref().filter(|_| st.effect == Effect::Allow) else {
        return out;
    };

    // NotPrincipal + Allow grants everyone but the listed principals.
    let mut everyone = spec.is_not_principal();
    let mut accounts = BTreeSet::new();
    let mut services = BTreeSet::new();
    if !spec.is_not_principal() {
        for p in spec.list() {
            match classify_principal(p) {
                PrincipalClass::Everyone => everyone = true,
                PrincipalClass::Account(a) if a == owner => {}
                PrincipalClass::Account(a) => {
                    accounts.insert(a);
                }
                PrincipalClass::Service(s) => {
                    services.insert(s);
                }
                PrincipalClass::Unresolved(u) => out.unresolved_principals.push(u),
            }
        }
    }

    let mut pins: Vec<Pin> = st.conditions.iter().filter_map(|c| pin_of(c, st.policy_variables)).collect();
    for (j, deny) in policy.statements.iter().enumerate() {
        if !is_deny_to_everyone(deny) || !deny_covers_actions(deny, st) || !deny_covers_resources(deny, st) {
            continue;
        }
        match &deny.conditions[..] {
            [] => {
                out.restricted_by_deny = vec![j];
                return out;
            }
            [only] => {
                if let Some(pin) = allow_side_of_negated(only).and_then(|c| pin_of(&c, deny.policy_variables)) {
                    pins.push(pin);
                    out.restricted_by_deny.push(j);
                }
            }
            // Several conditions AND together: the Deny can be escaped by
            // failing any one of them, so it pins nothing on its own.
            _ => {}
        }
    }
    for pin in &pins {
        if !out.pinned_by.contains(&pin.key) {
            out.pinned_by.push(pin.key.clone());
        }
    }

    if everyone && pins.is_empty() {
        out.exposure = Exposure::Public { statements: vec![index], actions: action_labels(st) };
        return out;
    }
    if let Some(pinned) = pinned_accounts(&pins) {
        accounts.extend(pinned.into_iter().filter(|a| a != owner));
    }
    out.exposure = if !accounts.is_empty() {
        Exposure::CrossAccount { accounts: accounts.into_iter().collect() }
    } else if !services.is_empty() {
        Exposure::ServicePrincipal { services: services.into_iter().collect() }
    } else {
        Exposure::Private
    };
    out
}

/// Accounts allowed by all account-naming pins together (they AND).
fn pinned_accounts(pins: &[Pin]) -> Option<BTreeSet<String>> {
    pins.iter().filter_map(|p| p.accounts.as_ref()).fold(None, |acc: Option<BTreeSet<String>>, set| {
        Some(match acc {
            None => set.clone(),
            Some(acc) => acc.intersection(set).cloned().collect(),
        })
    })
}

fn action_labels(st: &Statement) -> Vec<String> {
    match &st.actions {
        ActionSpec::Action(list) => list.iter().map(ToString::to_string).collect(),
        ActionSpec::NotAction(list) => list.iter().map(|a| format!("NotAction:{a}")).collect(),
    }
}

fn merge(statements: &[StatementExposure]) -> Exposure {
    let mut public = Vec::new();
    let mut actions: Vec<String> = Vec::new();
    let mut accounts = BTreeSet::new();
    let mut services = BTreeSet::new();
    for s in statements {
        match &s.exposure {
            Exposure::Public { statements, actions: a } => {
                public.extend(statements.iter().copied());
                for action in a {
                    if !actions.contains(action) {
                        actions.push(action.clone());
                    }
                }
            }
            Exposure::CrossAccount { accounts: a } => accounts.extend(a.iter().cloned()),
            Exposure::ServicePrincipal { services: s } => services.extend(s.iter().cloned()),
            Exposure::Private => {}
        }
    }
    if !public.is_empty() {
        Exposure::Public { statements: public, actions }
    } else if !accounts.is_empty() {
        Exposure::CrossAccount { accounts: accounts.into_iter().collect() }
    } else if !services.is_empty() {
        Exposure::ServicePrincipal { services: services.into_iter().collect() }
    } else {
        Exposure::Private
    }
}

pub(super) fn is_deny_to_everyone(st: &Statement) -> bool {
    st.effect == Effect::Deny && st.principals.as_ref().is_some_and(|p| p.is_everyone())
}

/// The Deny applies to every action the Allow grants.
pub(super) fn deny_covers_actions(deny: &Statement, allow: &Statement) -> bool {
    match (&deny.actions, &allow.actions) {
        (ActionSpec::Action(d), ActionSpec::Action(a)) => {
            a.iter().all(|ap| d.iter().any(|dp| dp.glob().covers(ap.glob())))
        }
        (ActionSpec::Action(d), ActionSpec::NotAction(_)) => d.iter().any(|dp| dp.glob().is_match_all()),
        (ActionSpec::NotAction(d), ActionSpec::Action(a)) => {
            a.iter().all(|ap| !d.iter().any(|dp| dp.glob().overlaps(ap.glob())))
        }
        (ActionSpec::NotAction(d), ActionSpec::NotAction(_)) => d.is_empty(),
    }
}

/// The Deny applies to every resource the Allow grants.
pub(super) fn deny_covers_resources(deny: &Statement, allow: &Statement) -> bool {
    match (&deny.resources, &allow.resources) {
        (ResourceSpec::Unspecified, _) => true,
        (ResourceSpec::Resource(d), ResourceSpec::Resource(a)) => {
            a.iter().all(|ap| d.iter().any(|dp| dp.glob().covers(ap.glob())))
        }
        (ResourceSpec::Resource(d), _) => d.iter().any(|dp| dp.glob().is_match_all()),
        (ResourceSpec::NotResource(d), ResourceSpec::Resource(a)) => {
            a.iter().all(|ap| !d.iter().any(|dp| dp.glob().overlaps(ap.glob())))
        }
        (ResourceSpec::NotResource(d), _) => d.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWNER: &str = "111122223333";
    const OTHER: &str = "444455556666";

    fn classify(json: &str) -> Exposure {
        classify_resource_policy(&Policy::parse_str(json).expect("valid"), OWNER)
    }

    /// A public S3 read statement with one extra Condition block.
    fn with_condition(condition: &str) -> Exposure {
        classify(&format!(
            r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Principal":"*",
            "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{condition}}}}}"#
        ))
    }

    fn is_public(e: &Exposure) -> bool {
        matches!(e, Exposure::Public { .. })
    }

    #[test]
    fn star_principal_forms_are_public() {
        for principal in [r#""*""#, r#"{"AWS":"*"}"#, r#"{"AWS":["*"]}"#] {
            let e = classify(&format!(
                r#"{{"Statement":{{"Effect":"Allow","Principal":{principal},"Action":"s3:GetObject","Resource":"*"}}}}"#
            ));
            assert_eq!(
                e,
                Exposure::Public { statements: vec![0], actions: vec!["s3:GetObject".into()] },
                "{principal}"
            );
        }
    }

    #[test]
    fn not_principal_allow_is_public() {
        let e = classify(&format!(
            r#"{{"Statement":{{"Effect":"Allow","NotPrincipal":{{"AWS":"arn:aws:iam::{OWNER}:root"}},
            "NotAction":"s3:Delete*","Resource":"*"}}}}"#
        ));
        assert_eq!(e, Exposure::Public { statements: vec![0], actions: vec!["NotAction:s3:Delete*".into()] });
    }

    #[test]
    fn pin_source_vpce() {
        assert_eq!(with_condition(r#"{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c"}}"#), Exposure::Private);
    }

    #[test]
    fn pin_source_vpc() {
        assert_eq!(with_condition(r#"{"StringEquals":{"aws:SourceVpc":"vpc-111"}}"#), Exposure::Private);
    }

    #[test]
    fn pin_source_account_own() {
        assert_eq!(
            with_condition(&format!(r#"{{"StringEquals":{{"aws:SourceAccount":"{OWNER}"}}}}"#)),
            Exposure::Private
        );
    }

    #[test]
    fn pin_source_owner() {
        assert_eq!(
            with_condition(&format!(r#"{{"StringEquals":{{"aws:SourceOwner":"{OWNER}"}}}}"#)),
            Exposure::Private
        );
    }

    #[test]
    fn pin_source_arn() {
        assert_eq!(
            with_condition(&format!(r#"{{"ArnEquals":{{"aws:SourceArn":"arn:aws:sns:us-east-1:{OWNER}:topic"}}}}"#)),
            Exposure::Private
        );
    }

    #[test]
    fn pin_principal_account() {
        assert_eq!(
            with_condition(&format!(r#"{{"StringEquals":{{"aws:PrincipalAccount":"{OWNER}"}}}}"#)),
            Exposure::Private
        );
    }

    #[test]
    fn pin_principal_arn() {
        assert_eq!(
            with_condition(&format!(r#"{{"ArnLike":{{"aws:PrincipalArn":"arn:aws:iam::{OWNER}:role/reader"}}}}"#)),
            Exposure::Private
        );
    }

    #[test]
    fn pin_principal_org_id() {
        assert_eq!(with_condition(r#"{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}"#), Exposure::Private);
    }

    #[test]
    fn pin_principal_org_paths() {
        assert_eq!(
            with_condition(
                r#"{"ForAnyValue:StringEquals":{"aws:PrincipalOrgPaths":["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"]}}"#
            ),
            Exposure::Private
        );
    }

    #[test]
    fn pin_resource_org_id() {
        assert_eq!(with_condition(r#"{"StringEquals":{"aws:ResourceOrgID":"o-a1b2c3d4e5"}}"#), Exposure::Private);
    }

    #[test]
    fn pin_source_ip() {
        assert_eq!(
            with_condition(r#"{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32","198.51.100.7"]}}"#),
            Exposure::Private
        );
    }

    #[test]
    fn pin_kms_caller_account() {
        let e = classify(&format!(
            r#"{{"Statement":{{"Effect":"Allow","Principal":{{"AWS":"*"}},"Action":["kms:Encrypt","kms:Decrypt"],
            "Resource":"*","Condition":{{"StringEquals":{{"kms:CallerAccount":"{OWNER}",
            "kms:ViaService":"s3.us-east-1.amazonaws.com"}}}}}}}}"#
        ));
        assert_eq!(e, Exposure::Private);
    }

    #[test]
    fn source_ip_slash_zero_is_public() {
        assert!(is_public(&with_condition(r#"{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#)));
        assert!(is_public(&with_condition(r#"{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","::/0"]}}"#)));
    }

    #[test]
    fn wildcard_pin_is_public() {
        assert!(is_public(&with_condition(r#"{"StringLike":{"aws:SourceVpce":"vpce-*"}}"#)));
        assert!(is_public(&with_condition(r#"{"StringLike":{"aws:PrincipalOrgID":"o-?????"}}"#)));
        assert!(is_public(&with_condition(r#"{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:topic"}}"#)));
    }

    #[test]
    fn policy_variable_pin_is_public() {
        assert!(is_public(&with_condition(r#"{"StringEquals":{"aws:SourceAccount":"${aws:PrincipalAccount}"}}"#)));
    }

    #[test]
    fn variable_text_is_literal_before_2012() {
        let e = classify(
            r#"{"Version":"2008-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
            "Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"${literal}"}}}}"#,
        );
        assert_eq!(e, Exposure::Private);
    }

    #[test]
    fn if_exists_is_public() {
        assert!(is_public(&with_condition(r#"{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1"}}"#)));
        assert!(is_public(&with_condition(r#"{"IpAddressIfExists":{"aws:SourceIp":"10.0.0.0/8"}}"#)));
    }

    #[test]
    fn for_all_values_is_public() {
        assert!(is_public(&with_condition(
            r#"{"ForAllValues:StringEquals":{"aws:PrincipalOrgPaths":["o-a1b2c3d4e5/r-ab12/"]}}"#
        )));
    }

    #[test]
    fn unknown_keys_and_operators_are_public() {
        assert!(is_public(&with_condition(r#"{"StringEquals":{"aws:UserAgent":"curl"}}"#)));
        assert!(is_public(&with_condition(r#"{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}"#)));
        assert!(is_public(&with_condition(r#"{"Bool":{"aws:SecureTransport":"true"}}"#)));
    }

    #[test]
    fn pin_to_other_account_is_cross_account() {
        let e = with_condition(&format!(r#"{{"StringEquals":{{"aws:SourceAccount":"{OTHER}"}}}}"#));
        assert_eq!(e, Exposure::CrossAccount { accounts: vec![OTHER.into()] });
        let e = with_condition(&format!(r#"{{"ArnEquals":{{"aws:PrincipalArn":"arn:aws:iam::{OTHER}:role/x"}}}}"#));
        assert_eq!(e, Exposure::CrossAccount { accounts: vec![OTHER.into()] });
    }

    #[test]
    fn account_pins_intersect() {
        let e = with_condition(&format!(
            r#"{{"StringEquals":{{"aws:SourceAccount":["{OWNER}","{OTHER}"],"aws:PrincipalAccount":"{OWNER}"}}}}"#
        ));
        assert_eq!(e, Exposure::Private);
    }

    #[test]
    fn explicit_principals() {
        let e = classify(&format!(
            r#"{{"Statement":{{"Effect":"Allow","Principal":{{"AWS":["{OTHER}","arn:aws:iam::{OWNER}:role/r"]}},
            "Action":"s3:GetObject","Resource":"*"}}}}"#
        ));
        assert_eq!(e, Exposure::CrossAccount { accounts: vec![OTHER.into()] });
        let e = classify(&format!(
            r#"{{"Statement":{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{OWNER}:root"}},"Action":"kms:*","Resource":"*"}}}}"#
        ));
        assert_eq!(e, Exposure::Private);
    }

    #[test]
    fn service_principal_is_not_public() {
        let e = classify(
            r#"{"Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"s3:GetObject","Resource":"*"}}"#,
        );
        assert_eq!(e, Exposure::ServicePrincipal { services: vec!["lambda.amazonaws.com".into()] });
        let e = classify(&format!(
            r#"{{"Statement":{{"Effect":"Allow","Principal":{{"Service":"s3.amazonaws.com"}},"Action":"sns:Publish",
            "Resource":"*","Condition":{{"StringEquals":{{"aws:SourceAccount":"{OTHER}"}}}}}}}}"#
        ));
        assert_eq!(e, Exposure::CrossAccount { accounts: vec![OTHER.into()] });
    }

    #[test]
    fn unresolved_principals_are_reported() {
        let p = Policy::parse_str(
            r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"AROAEXAMPLEEXAMPLE123"},"Action":"s3:*","Resource":"*"}}"#,
        )
        .expect("valid");
        let r = analyse_resource_policy(&p, OWNER);
        assert_eq!(r.overall, Exposure::Private);
        assert_eq!(r.statements[0].unresolved_principals, vec!["AROAEXAMPLEEXAMPLE123"]);
    }

    #[test]
    fn deny_statements_do_not_expose() {
        let e = classify(r#"{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}}"#);
        assert_eq!(e, Exposure::Private);
    }

    #[test]
    fn unconditional_deny_cancels_public_allow() {
        let p = Policy::parse_str(
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
            {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]}"#,
        )
        .expect("valid");
        let r = analyse_resource_policy(&p, OWNER);
        assert_eq!(r.overall, Exposure::Private);
        assert_eq!(r.statements[0].restricted_by_deny, vec![1]);
    }

    #[test]
    fn deny_unless_pinned_pins_the_allow() {
        let p = Policy::parse_str(
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
            {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],
             "Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}]}"#,
        )
        .expect("valid");
        let r = analyse_resource_policy(&p, OWNER);
        assert_eq!(r.overall, Exposure::Private);
        assert_eq!(r.statements[0].pinned_by, vec!["aws:sourcevpce"]);
    }

    #[test]
    fn partial_deny_does_not_pin() {
        let e = classify(
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"},
            {"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*"},
            {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
             "Condition":{"StringNotLike":{"aws:SourceVpce":"vpce-*"}}}]}"#,
        );
        assert!(is_public(&e), "{e:?}");
    }

    #[test]
    fn overall_precedence() {
        let e = classify(&format!(
            r#"{{"Statement":[
            {{"Effect":"Allow","Principal":{{"Service":"logs.amazonaws.com"}},"Action":"s3:PutObject","Resource":"*"}},
            {{"Effect":"Allow","Principal":{{"AWS":"{OTHER}"}},"Action":"s3:GetObject","Resource":"*"}},
            {{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*"}}]}}"#
        ));
        assert_eq!(e, Exposure::Public { statements: vec![2], actions: vec!["s3:ListBucket".into()] });
    }
}
