//! Property tests: no input, however malformed, makes the analyser panic.

use proptest::prelude::*;
use serde_json::{Map, Value};

use super::*;

/// Words that steer generated objects towards policy-like shapes.
const KEYS: &[&str] = &[
    "Version",
    "Statement",
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
    "AWS",
    "Service",
    "Federated",
    "CanonicalUser",
    "StringEquals",
    "ForAllValues:StringLike",
    "IpAddressIfExists",
    "Bool",
    "aws:SourceIp",
    "aws:SourceVpce",
    "aws:SourceAccount",
    "aws:SecureTransport",
    "kms:CallerAccount",
    "x",
];
const STRINGS: &[&str] = &[
    "Allow",
    "Deny",
    "*",
    "2012-10-17",
    "2008-10-17",
    "s3:*",
    "iam:Pass?ole",
    "*:*",
    "arn:aws:iam::123456789012:root",
    "123456789012",
    "0.0.0.0/0",
    "10.0.0.0/8",
    "false",
    "${aws:username}",
    "${*}",
    "${",
    "arn:aws:s3:::b/*",
    "lambda.amazonaws.com",
    "",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(STRINGS).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(KEYS).prop_map(str::to_string),
        1 => "[A-Za-z:]{0,8}",
    ]
}

fn json() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A statement-shaped object whose element values are arbitrary JSON.
fn policy_like() -> impl Strategy<Value = Value> {
    let statement = prop::collection::vec((prop::sample::select(KEYS).prop_map(str::to_string), json()), 0..8)
        .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>()));
    (prop::collection::vec(statement, 0..4), json())
        .prop_map(|(statements, version)| serde_json::json!({"Version": version, "Statement": statements}))
}

/// Exercise every analysis on a parsed policy.
fn analyse_everything(p: &Policy) {
    let owner = "123456789012";
    let _ = analyse_resource_policy(p, owner);
    let _ = s3_public_actions(p);
    let _ = denies_insecure_transport(p);
    let _ = trust_allows_any_principal(p);
    let _ = trust_cross_account_without_external_id(p, owner);
    let _ = trust_service_without_confused_deputy_protection(p);
    let _ = p.grants_full_admin();
    let _ = service_wildcards_on_all_resources(p);
    let set = PermissionSet::new(vec![p.clone()], Some(p.clone()));
    let _ = detect_escalation(&set);
    let _ = data_exfiltration_actions(&set);
    let _ = set.is_allowed("s3:GetObject", "arn:aws:s3:::b/k");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_never_panics_on_arbitrary_json(v in json()) {
        if let Ok(p) = Policy::parse(&v) {
            analyse_everything(&p);
        }
    }

    #[test]
    fn parse_never_panics_on_policy_like_json(v in policy_like()) {
        if let Ok(p) = Policy::parse(&v) {
            analyse_everything(&p);
        }
    }

    /// Which statements are public does not depend on the owner (`public_statement_indices` asks
    /// with none).
    #[test]
    fn public_statements_are_the_same_for_every_owner(v in policy_like()) {
        if let Ok(p) = Policy::parse(&v) {
            let public = |owner: &str| -> Vec<usize> {
                analyse_resource_policy(&p, owner).statements.iter()
                    .filter(|s| matches!(s.exposure, Exposure::Public { .. })).map(|s| s.index).collect()
            };
            prop_assert_eq!(public(""), public("123456789012"));
            prop_assert_eq!(public_statement_indices(&p), public(""));
        }
    }

    #[test]
    fn decode_never_panics(s in ".{0,64}") {
        let _ = Policy::parse_iam_encoded(&s);
        let _ = Policy::parse_str(&s);
    }

    #[test]
    fn matching_never_panics(p in "[a-z*?:${}]{0,16}", a in "[a-z*?:${}]{0,16}") {
        let _ = action_matches(&p, &a);
        let _ = resource_matches(&p, &a);
    }
}
