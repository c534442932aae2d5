//! Role trust-policy checks.

use super::condition::{Condition, SetQualifier};
use super::document::{Effect, Policy, Statement};
use super::exposure::{analyse_resource_policy, public_statement_indices, Exposure};
use super::matching::Glob;
use super::principal::{is_account_id, Principal};
use std::sync::LazyLock;

/// Some Allow trusts everyone (`*`, `{"AWS":"*"}`, NotPrincipal) without a
/// pinning Condition (same rules as resource-policy exposure).
pub fn trust_allows_any_principal(policy: &Policy) -> bool {
    !public_statement_indices(policy).is_empty()
}

/// Other accounts allowed `sts:AssumeRole*` without an `sts:ExternalId`
/// condition or an MFA requirement. Sorted, deduplicated; empty = fine.
/// Statements open to everyone are left to `trust_allows_any_principal`.
pub fn trust_cross_account_without_external_id(policy: &Policy, owner_account_id: &str) -> Vec<String> {
    static ASSUME: LazyLock<Glob> = LazyLock::new(|| Glob::action("sts:AssumeRole*"));
    let mut accounts: Vec<String> = analyse_resource_policy(policy, owner_account_id)
        .statements
        .iter()
        .filter_map(|s| match &s.exposure {
            Exposure::CrossAccount { accounts } => Some((s.index, accounts)),
            _ => None,
        })
        .filter(|(i, _)| {
            policy.statements.get(*i).is_some_and(|st| st.may_match_action(&ASSUME) && !requires_external_id_or_mfa(st))
        })
        .flat_map(|(_, accounts)| accounts.iter().cloned())
        .collect();
    accounts.sort();
    accounts.dedup();
    accounts
}

fn requires_external_id_or_mfa(st: &Statement) -> bool {
    st.conditions.iter().any(|c| {
        // IfExists / ForAllValues pass when the key is absent, so they enforce nothing.
        let strict = !c.operator.if_exists && c.operator.set_qualifier.is_none();
        strict
            && match c.key.as_str() {
                "sts:externalid" => {
                    (c.operator.is("StringEquals") || c.operator.is("StringLike")) && !c.values.is_empty()
                }
                "aws:multifactorauthpresent" => {
                    c.operator.is("Bool") && c.values.iter().any(|v| v.eq_ignore_ascii_case("true"))
                }
                "aws:multifactorauthage" => c.operator.is("NumericLessThan") || c.operator.is("NumericLessThanEquals"),
                _ => false,
            }
    })
}

/// Service principals trusted without a confused-deputy guard
/// (`aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOrgID`, `aws:SourceOrgPaths`
/// under any operator except `...IfExists`). Sorted, deduplicated; empty = fine.
/// Wildcards in the guard's value are accepted: AWS's own guidance uses
/// `ArnLike aws:SourceArn arn:aws:svc:region:acct:*`. Service-linked roles,
/// whose trust AWS manages, should be skipped by the caller.
pub fn trust_service_without_confused_deputy_protection(policy: &Policy) -> Vec<String> {
    let mut services: Vec<String> = policy
        .statements
        .iter()
        .filter(|st| st.effect == Effect::Allow && !st.conditions.iter().any(is_deputy_guard))
        .filter_map(|st| match &st.principals {
            Some(spec) if !spec.is_not_principal() => Some(spec.list()),
            _ => None,
        })
        .flatten()
        .filter_map(|p| match p {
            Principal::Service(s) => Some(s.to_string()),
            _ => None,
        })
        .collect();
    services.sort();
    services.dedup();
    services
}

fn is_deputy_guard(c: &Condition) -> bool {
    const GUARD_KEYS: [&str; 4] = ["aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths"];
    GUARD_KEYS.contains(&c.key.as_str()) && !c.operator.if_exists && !c.values.is_empty()
}

/// How a role's service-principal trust confines the request source, for the trust statements that
/// carry a condition or sit in a trust policy that is not a plain service trust (any statement other
/// than an Allow of `sts:AssumeRole` to service principals only). A plain, unconditional service trust
/// is out of scope (`None`): `trust_service_without_confused_deputy_protection` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceTrustSource {
    /// Every in-scope statement pins the source to literal accounts (`aws:SourceAccount`, or
    /// `aws:SourceArn` values whose account field is one).
    Account,
    /// Every in-scope statement pins the source, at least one only to an organization or OU path.
    Organization,
    /// The indices of the in-scope statements no condition confines to an account or organization.
    Unconfined(Vec<usize>),
}

/// The scope of `iam_role_service_trust_restricts_source_to_account`: see [`ServiceTrustSource`].
/// Statements granting `sts:AssumeRole` are found through Action or NotAction alike.
pub fn service_trust_source(policy: &Policy) -> Option<ServiceTrustSource> {
    static ASSUME: LazyLock<Glob> = LazyLock::new(|| Glob::action("sts:AssumeRole"));
    let grants_assume = |st: &Statement| st.effect == Effect::Allow && st.may_match_action(&ASSUME);
    let trusts_service = |st: &Statement| match &st.principals {
        Some(spec) if spec.is_not_principal() => true,
        Some(spec) => spec.list().iter().any(|p| matches!(p, Principal::Service(_) | Principal::Any)),
        None => false,
    };
    let plain = policy.statements.iter().all(|st| {
        grants_assume(st)
            && matches!(&st.principals, Some(spec) if !spec.is_not_principal()
                && !spec.list().is_empty()
                && spec.list().iter().all(|p| matches!(p, Principal::Service(_))))
    });
    let in_scope: Vec<(usize, &Statement)> = policy
        .statements
        .iter()
        .enumerate()
        .filter(|(_, st)| grants_assume(st) && trusts_service(st))
        .filter(|(_, st)| !plain || has_enforced_condition(st))
        .collect();
    if in_scope.is_empty() {
        return None;
    }
    let unconfined: Vec<usize> =
        in_scope.iter().filter(|(_, st)| !pins_account(st) && !pins_organization(st)).map(|(i, _)| *i).collect();
    Some(if !unconfined.is_empty() {
        ServiceTrustSource::Unconfined(unconfined)
    } else if in_scope.iter().all(|(_, st)| pins_account(st)) {
        ServiceTrustSource::Account
    } else {
        ServiceTrustSource::Organization
    })
}

/// Some condition gates the statement: any operator but a negated or `...IfExists` one (a `Null`
/// test counts: it gates, while confining nothing).
fn has_enforced_condition(st: &Statement) -> bool {
    st.conditions.iter().any(|c| !c.operator.if_exists && !c.operator.raw.to_ascii_lowercase().contains("not"))
}

/// The keys a `Null` test with only `false` values forces to be present.
fn null_guarded(st: &Statement, key: &str) -> bool {
    st.conditions.iter().any(|c| {
        c.operator.raw.eq_ignore_ascii_case("Null")
            && c.key == key
            && !c.values.is_empty()
            && c.values.iter().all(|v| v.trim().eq_ignore_ascii_case("false"))
    })
}

/// Some one comparing operator holds `key` to values that all qualify. Operators that pass when the
/// key is absent (`ForAllValues:`, `...IfExists`) count only beside a `Null: false` test of the key.
fn pins(st: &Statement, key: &str, qualifies: impl Fn(&str) -> bool) -> bool {
    const COMPARING: [&str; 5] = ["StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike"];
    st.conditions.iter().any(|c| {
        c.key == key
            && COMPARING.iter().any(|op| c.operator.is(op))
            && (!(c.operator.if_exists || c.operator.set_qualifier == Some(SetQualifier::ForAllValues))
                || null_guarded(st, key))
            && !c.values.is_empty()
            && c.values.iter().all(|v| qualifies(v))
    })
}

fn pins_account(st: &Statement) -> bool {
    pins(st, "aws:sourceaccount", is_account_id)
        || pins(st, "aws:sourcearn", |arn| arn.split(':').nth(4).is_some_and(is_account_id))
}

fn pins_organization(st: &Statement) -> bool {
    fn org_id(s: &str) -> bool {
        s.strip_prefix("o-").is_some_and(|rest| {
            (10..=32).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
    }
    pins(st, "aws:sourceorgid", org_id)
        || pins(st, "aws:sourceorgpaths", |p| p.split_once('/').is_some_and(|(o, _)| org_id(o)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWNER: &str = "111122223333";
    const OTHER: &str = "444455556666";

    fn trust(statement: &str) -> Policy {
        Policy::parse_str(&format!(r#"{{"Version":"2012-10-17","Statement":[{statement}]}}"#)).expect("valid")
    }

    #[test]
    fn any_principal() {
        assert!(trust_allows_any_principal(&trust(
            r#"{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}"#
        )));
        assert!(trust_allows_any_principal(&trust(
            r#"{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-1"}}}"#
        )));
        assert!(!trust_allows_any_principal(&trust(
            r#"{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}"#
        )));
        assert!(!trust_allows_any_principal(&trust(&format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{OTHER}:root"}},"Action":"sts:AssumeRole"}}"#
        ))));
    }

    #[test]
    fn cross_account_without_external_id() {
        let p = trust(&format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":["arn:aws:iam::{OTHER}:root","{OWNER}"]}},"Action":"sts:AssumeRole"}}"#
        ));
        assert_eq!(trust_cross_account_without_external_id(&p, OWNER), vec![OTHER.to_string()]);
    }

    #[test]
    fn external_id_or_mfa_satisfies() {
        for cond in [
            r#"{"StringEquals":{"sts:ExternalId":"abc"}}"#,
            r#"{"Bool":{"aws:MultiFactorAuthPresent":true}}"#,
            r#"{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}"#,
        ] {
            let p = trust(&format!(
                r#"{{"Effect":"Allow","Principal":{{"AWS":"{OTHER}"}},"Action":"sts:AssumeRole","Condition":{cond}}}"#
            ));
            assert!(trust_cross_account_without_external_id(&p, OWNER).is_empty(), "{cond}");
        }
        for cond in [
            r#"{"StringEqualsIfExists":{"sts:ExternalId":"abc"}}"#,
            r#"{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}"#,
            r#"{"Bool":{"aws:MultiFactorAuthPresent":"false"}}"#,
        ] {
            let p = trust(&format!(
                r#"{{"Effect":"Allow","Principal":{{"AWS":"{OTHER}"}},"Action":"sts:AssumeRole","Condition":{cond}}}"#
            ));
            assert_eq!(trust_cross_account_without_external_id(&p, OWNER), vec![OTHER.to_string()], "{cond}");
        }
    }

    #[test]
    fn same_account_and_services_are_not_cross_account() {
        let p = trust(&format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{OWNER}:role/x","Service":"ec2.amazonaws.com"}},"Action":"sts:AssumeRole"}}"#
        ));
        assert!(trust_cross_account_without_external_id(&p, OWNER).is_empty());
    }

    #[test]
    fn confused_deputy() {
        let p = trust(
            r#"{"Effect":"Allow","Principal":{"Service":["codebuild.amazonaws.com","lambda.amazonaws.com"]},"Action":"sts:AssumeRole"}"#,
        );
        assert_eq!(
            trust_service_without_confused_deputy_protection(&p),
            vec!["codebuild.amazonaws.com", "lambda.amazonaws.com"]
        );
        for cond in [
            r#"{"StringEquals":{"aws:SourceAccount":"111122223333"}}"#,
            r#"{"ArnLike":{"aws:SourceArn":"arn:aws:codebuild:us-east-1:111122223333:project/*"}}"#,
            r#"{"StringEquals":{"aws:SourceOrgID":"o-1"}}"#,
        ] {
            let p = trust(&format!(
                r#"{{"Effect":"Allow","Principal":{{"Service":"codebuild.amazonaws.com"}},"Action":"sts:AssumeRole","Condition":{cond}}}"#
            ));
            assert!(trust_service_without_confused_deputy_protection(&p).is_empty(), "{cond}");
        }
        let p = trust(
            r#"{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},"Action":"sts:AssumeRole",
            "Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"111122223333"}}}"#,
        );
        assert_eq!(trust_service_without_confused_deputy_protection(&p), vec!["codebuild.amazonaws.com"]);
    }

    #[test]
    fn service_trust_source() {
        use super::ServiceTrustSource::*;
        let svc = |cond: &str| {
            trust(&format!(
                r#"{{"Effect":"Allow","Principal":{{"Service":"glue.amazonaws.com"}},"Action":"sts:AssumeRole","Condition":{cond}}}"#
            ))
        };
        // Plain and unconditional: iam_role_cross_service_confused_deputy_prevention's finding.
        assert_eq!(
            super::service_trust_source(&trust(
                r#"{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}"#
            )),
            None
        );
        for (cond, want) in [
            (r#"{"StringEquals":{"aws:SourceAccount":"111122223333"}}"#, Some(Account)),
            (r#"{"ArnLike":{"aws:SourceArn":"arn:aws:glue:us-east-1:111122223333:job/*"}}"#, Some(Account)),
            (r#"{"StringEquals":{"aws:SourceOrgID":"o-abcdefghij"}}"#, Some(Organization)),
            (r#"{"StringLike":{"aws:SourceAccount":"1111*"}}"#, Some(Unconfined(vec![0]))),
            (r#"{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::bucket"}}"#, Some(Unconfined(vec![0]))),
            (r#"{"Null":{"aws:SourceAccount":"false"}}"#, Some(Unconfined(vec![0]))),
            (r#"{"StringEquals":{"aws:SourceAccount":["111122223333","*"]}}"#, Some(Unconfined(vec![0]))),
            (
                r#"{"StringEqualsIfExists":{"aws:SourceAccount":"111122223333"},"Null":{"aws:SourceAccount":"false"}}"#,
                Some(Account),
            ),
            (r#"{"StringEqualsIfExists":{"aws:SourceAccount":"111122223333"}}"#, None),
            (r#"{"StringNotEquals":{"aws:SourceAccount":"444455556666"}}"#, None),
            (r#"{"StringEquals":{"aws:PrincipalTag/x":"y"}}"#, Some(Unconfined(vec![0]))),
        ] {
            assert_eq!(super::service_trust_source(&svc(cond)), want, "{cond}");
        }
        // Not a plain service trust: an unconditional service statement is in scope.
        let p = trust(
            r#"{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"},
               {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}"#,
        );
        assert_eq!(super::service_trust_source(&p), Some(Unconfined(vec![0])));
        // NotAction granting sts:AssumeRole is read, not skipped.
        let p = trust(
            r#"{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"NotAction":"s3:*","Condition":{"StringEquals":{"aws:PrincipalTag/x":"y"}}}"#,
        );
        assert_eq!(super::service_trust_source(&p), Some(Unconfined(vec![0])));
    }
}
