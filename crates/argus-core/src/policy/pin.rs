//! Which Conditions pin a public grant down to a fixed audience
//! (the rules of iam-policy-semantics.md, "When is a resource policy public?").

use arcstr::Substr;
use std::collections::BTreeSet;
use std::net::IpAddr;

use ipnet::IpNet;

use super::condition::{Condition, ConditionOperator, SetQualifier};
use super::principal::account_from_arn;

/// Keys that, pinned to fixed values, stop a `*` principal being public.
const PINNING_KEYS: &[&str] = &[
    "aws:sourcevpce",
    "aws:sourcevpc",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourcearn",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:resourceorgid",
    "aws:sourceip",
    "kms:calleraccount",
];

/// Keys whose values are account ids.
const ACCOUNT_KEYS: &[&str] = &["aws:sourceaccount", "aws:sourceowner", "aws:principalaccount", "kms:calleraccount"];

/// Keys whose values are ARNs (the account is the ARN's account field).
const ARN_KEYS: &[&str] = &["aws:sourcearn", "aws:principalarn"];

const POSITIVE_STRING_OPERATORS: &[&str] = &["StringEquals", "StringLike", "ArnEquals", "ArnLike"];

/// A condition that restricts who can use a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pin {
    /// The condition key (lower-cased).
    pub key: String,
    /// Accounts the pin allows, when the key names accounts and every value
    /// resolves to one; `None` for org/network pins or ARNs without account.
    pub accounts: Option<BTreeSet<String>>,
}

/// Does this (Allow-side) condition pin the statement? Anything not proven
/// to restrict — unknown keys or operators, `...IfExists` (missing key passes),
/// `ForAllValues:` (vacuously true on a missing key), wildcard or
/// policy-variable values, /0 CIDRs — does not.
pub(super) fn pin_of(c: &Condition, policy_variables: bool) -> Option<Pin> {
    let key = c.key.as_str();
    let op = &c.operator;
    if !PINNING_KEYS.contains(&key)
        || op.if_exists
        || op.set_qualifier == Some(SetQualifier::ForAllValues)
        || c.values.is_empty()
    {
        return None;
    }
    if key == "aws:sourceip" {
        let bounded = op.is("IpAddress") && c.values.iter().all(|v| bounded_cidr(v));
        return bounded.then(|| Pin { key: c.key.to_string(), accounts: None });
    }
    if !POSITIVE_STRING_OPERATORS.iter().any(|b| op.is(b))
        || c.values.iter().any(|v| !is_fixed_value(v, policy_variables))
    {
        return None;
    }
    let accounts = if ACCOUNT_KEYS.contains(&key) {
        Some(c.values.iter().map(Substr::to_string).collect())
    } else if ARN_KEYS.contains(&key) {
        c.values.iter().map(|v| account_from_arn(v).map(str::to_string)).collect::<Option<BTreeSet<_>>>()
    } else {
        None
    };
    Some(Pin { key: c.key.to_string(), accounts })
}

/// No `*`/`?` wildcard and, when variables are interpreted, no `${...}`.
fn is_fixed_value(v: &str, policy_variables: bool) -> bool {
    !(v.contains('*') || v.contains('?') || (policy_variables && v.contains("${")))
}

/// An IP or CIDR narrower than the whole address space.
fn bounded_cidr(v: &str) -> bool {
    match v.trim().parse::<IpNet>() {
        Ok(net) => net.prefix_len() > 0,
        Err(_) => v.trim().parse::<IpAddr>().is_ok(),
    }
}

/// The positive condition equivalent to "Deny unless ..." written with a
/// negated operator: Deny `StringNotEquals k v` allows only requests where
/// `k` is present and equals `v` (a negated operator is true on a missing
/// key, with or without IfExists), i.e. the Allow side of `StringEquals k v`.
pub(super) fn allow_side_of_negated(c: &Condition) -> Option<Condition> {
    if c.operator.set_qualifier.is_some() {
        return None;
    }
    let positive = [
        ("StringNotEquals", "StringEquals"),
        ("StringNotLike", "StringLike"),
        ("ArnNotEquals", "ArnEquals"),
        ("ArnNotLike", "ArnLike"),
        ("NotIpAddress", "IpAddress"),
    ]
    .iter()
    .find(|(negated, _)| c.operator.is(negated))
    .map(|(_, positive)| *positive)?;
    Some(Condition { operator: ConditionOperator::parse(positive), key: c.key.clone(), values: c.values.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(op: &str, key: &str, values: &[&str]) -> Condition {
        Condition {
            operator: ConditionOperator::parse(op),
            key: key.to_ascii_lowercase().into(),
            values: values.iter().map(|v| Substr::from(*v)).collect(),
        }
    }

    #[test]
    fn every_pinning_key_pins() {
        for key in PINNING_KEYS.iter().filter(|k| **k != "aws:sourceip") {
            let c = cond("StringEquals", key, &["fixed-value"]);
            assert!(pin_of(&c, true).is_some(), "{key}");
        }
        assert!(pin_of(&cond("IpAddress", "aws:SourceIp", &["203.0.113.0/24"]), true).is_some());
    }

    #[test]
    fn traps_do_not_pin() {
        let traps = [
            cond("StringEqualsIfExists", "aws:SourceAccount", &["111122223333"]),
            cond("ForAllValues:StringEquals", "aws:PrincipalOrgPaths", &["o-1/r-1/ou-1/"]),
            cond("StringLike", "aws:SourceArn", &["arn:aws:sns:*:111122223333:t"]),
            cond("StringEquals", "aws:PrincipalArn", &["arn:aws:iam::1:role/r?"]),
            cond("StringEquals", "aws:SourceVpce", &["${aws:SourceVpce}"]),
            cond("StringEquals", "aws:UserAgent", &["x"]),
            cond("StringNotEquals", "aws:SourceAccount", &["111122223333"]),
            cond("StringEqualsIgnoreCase", "aws:PrincipalOrgID", &["o-1"]),
            cond("IpAddress", "aws:SourceIp", &["0.0.0.0/0"]),
            cond("IpAddress", "aws:SourceIp", &["10.0.0.0/8", "::/0"]),
            cond("IpAddress", "aws:SourceIp", &["not-an-ip"]),
            cond("StringEquals", "aws:SourceIp", &["10.0.0.1"]),
            cond("StringEquals", "aws:SourceAccount", &[]),
        ];
        for c in traps {
            assert_eq!(pin_of(&c, true), None, "{c:?}");
        }
    }

    #[test]
    fn variables_are_literal_before_2012() {
        let c = cond("StringEquals", "aws:SourceVpce", &["${aws:SourceVpce}"]);
        assert!(pin_of(&c, false).is_some());
    }

    #[test]
    fn for_any_value_pins() {
        let c = cond("ForAnyValue:StringEquals", "aws:PrincipalOrgPaths", &["o-1/r-1/ou-1/"]);
        assert!(pin_of(&c, true).is_some());
    }

    #[test]
    fn accounts_from_pins() {
        let p = pin_of(&cond("StringEquals", "aws:SourceAccount", &["111122223333"]), true).expect("pin");
        assert_eq!(p.accounts, Some(BTreeSet::from(["111122223333".to_string()])));
        let p = pin_of(&cond("ArnEquals", "aws:SourceArn", &["arn:aws:s3:::bucket"]), true).expect("pin");
        assert_eq!(p.accounts, None);
        let p = pin_of(&cond("ArnLike", "aws:PrincipalArn", &["arn:aws:iam::444455556666:role/r"]), true).expect("pin");
        assert_eq!(p.accounts, Some(BTreeSet::from(["444455556666".to_string()])));
    }

    #[test]
    fn negated_conversion() {
        let c =
            allow_side_of_negated(&cond("StringNotEqualsIfExists", "aws:SourceVpce", &["vpce-1"])).expect("converted");
        assert!(c.operator.is("StringEquals") && !c.operator.if_exists);
        assert!(allow_side_of_negated(&cond("StringEquals", "k", &["v"])).is_none());
        assert!(allow_side_of_negated(&cond("ForAnyValue:StringNotEquals", "k", &["v"])).is_none());
    }
}
