//! Role trust-policy checks.

use super::condition::Condition;
use super::document::{Effect, Policy, Statement};
use super::exposure::{analyse_resource_policy, public_statement_indices, Exposure};
use super::matching::Glob;
use super::principal::Principal;
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
}
