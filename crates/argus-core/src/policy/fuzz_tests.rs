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

/// JSON written out by hand, so that objects can repeat keys and keep any order, and strings can be
/// escaped: what the parser meets in stored documents but `Value` never writes.
#[derive(Debug, Clone)]
enum Text {
    Raw(String),
    Str(String, bool),
    List(Vec<Text>),
    Object(Vec<(String, bool, Text)>),
}

impl Text {
    fn write(&self, out: &mut String) {
        match self {
            Text::Raw(raw) => out.push_str(raw),
            Text::Str(s, escaped) => write_string(s, *escaped, out),
            Text::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Text::Object(entries) => {
                out.push('{');
                for (i, (key, escaped, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, *escaped, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// `s` as a JSON string; `escaped` writes its first character as `\uXXXX` (the parser then copies it).
fn write_string(s: &str, escaped: bool, out: &mut String) {
    let quoted = serde_json::to_string(s).expect("a string serialises");
    match s.chars().next() {
        Some(c) if escaped && (c as u32) < 0x10000 => {
            out.push_str(&format!("\"\\u{:04x}", c as u32));
            out.push_str(&quoted[1 + c.len_utf8()..]);
        }
        _ => out.push_str(&quoted),
    }
}

fn text_string() -> BoxedStrategy<Text> {
    (prop_oneof![4 => prop::sample::select(STRINGS).prop_map(str::to_string), 1 => ".{0,6}"], prop::bool::weighted(0.1))
        .prop_map(|(s, escaped)| Text::Str(s, escaped))
        .boxed()
}

fn text_scalar() -> BoxedStrategy<Text> {
    prop_oneof![
        4 => text_string(),
        1 => prop::sample::select(&["null", "true", "false", "0", "-7", "1.5", "1e3", "1e999", "18446744073709551616", "-0"][..])
            .prop_map(|raw| Text::Raw(raw.to_string())),
    ]
    .boxed()
}

fn text_key(keys: &'static [&'static str]) -> impl Strategy<Value = (String, bool)> {
    (
        prop_oneof![8 => prop::sample::select(keys).prop_map(str::to_string), 1 => "[A-Za-z:]{0,6}"],
        prop::bool::weighted(0.05),
    )
}

/// An object with 0..n entries drawn from `keys` (repeats allowed), values from `value`.
fn text_object(
    keys: &'static [&'static str],
    value: impl Strategy<Value = Text> + 'static,
    n: usize,
) -> BoxedStrategy<Text> {
    prop::collection::vec((text_key(keys), value), 0..n)
        .prop_map(|entries| Text::Object(entries.into_iter().map(|((k, e), v)| (k, e, v)).collect()))
        .boxed()
}

fn text_strings() -> BoxedStrategy<Text> {
    prop_oneof![3 => text_string(), 2 => prop::collection::vec(text_string(), 0..4).prop_map(Text::List), 1 => text_scalar()]
        .boxed()
}

fn text_any() -> BoxedStrategy<Text> {
    text_scalar()
        .prop_recursive(3, 16, 4, |inner| {
            prop_oneof![prop::collection::vec(inner.clone(), 0..4).prop_map(Text::List), text_object(KEYS, inner, 4),]
        })
        .boxed()
}

const PRINCIPAL_TYPES: &[&str] = &["AWS", "Service", "Federated", "CanonicalUser", "aws", "Other"];
const OPERATORS: &[&str] =
    &["StringEquals", "StringLike", "Bool", "IpAddress", "ForAnyValue:StringLike", "NullIfExists"];
const CONDITION_KEYS: &[&str] =
    &["aws:SourceIp", "aws:sourcevpc", "aws:SecureTransport", "s3:prefix", "kms:ViaService"];
const STATEMENT_KEYS: &[&str] =
    &["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition", "x"];

fn principal_text() -> BoxedStrategy<Text> {
    prop_oneof![Just(Text::Str("*".into(), false)), text_object(PRINCIPAL_TYPES, text_strings(), 4)].boxed()
}

fn condition_text() -> BoxedStrategy<Text> {
    text_object(OPERATORS, text_object(CONDITION_KEYS, prop_oneof![text_strings(), text_scalar()], 3), 3)
}

/// `key` with a value, most of the time.
fn element(key: &'static str, value: BoxedStrategy<Text>) -> BoxedStrategy<Option<(String, bool, Text)>> {
    prop::option::weighted(0.7, (prop::bool::weighted(0.05), value))
        .prop_map(move |v| v.map(|(escaped, v)| (key.to_string(), escaped, v)))
        .boxed()
}

/// A statement whose elements are mostly of the right shape, in any order, sometimes with one more
/// (possibly repeated) element of any shape.
fn text_statement() -> BoxedStrategy<Text> {
    let effect = prop_oneof![
        6 => prop::sample::select(&["Allow", "Deny", "allow"][..]).prop_map(|e| Text::Str(e.to_string(), false)),
        1 => text_scalar(),
    ];
    let shaped = (
        element("Sid", text_string()),
        element("Effect", effect.boxed()),
        prop_oneof![Just("Action"), Just("NotAction")].prop_flat_map(|k| element(k, text_strings())),
        prop_oneof![Just("Resource"), Just("NotResource")].prop_flat_map(|k| element(k, text_strings())),
        prop_oneof![Just("Principal"), Just("NotPrincipal")].prop_flat_map(|k| element(k, principal_text())),
        prop::bool::weighted(0.5).prop_flat_map(|on| {
            if on {
                element("Condition", condition_text())
            } else {
                Just(None).boxed()
            }
        }),
        prop::option::weighted(0.2, (text_key(STATEMENT_KEYS), text_any())),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(sid, effect, action, resource, principal, condition, extra, at)| {
            let mut entries: Vec<_> =
                [sid, effect, action, resource, principal, condition].into_iter().flatten().collect();
            if let Some(((key, escaped), value)) = extra {
                entries.insert(at.index(entries.len() + 1), (key, escaped, value));
            }
            // Any order: rotated by the index.
            let n = entries.len().max(1);
            entries.rotate_left(at.index(n));
            Text::Object(entries)
        });
    let values = prop_oneof![3 => text_strings(), 1 => principal_text(), 1 => condition_text(), 1 => text_any()];
    prop_oneof![4 => shaped, 1 => text_object(STATEMENT_KEYS, values, 9)].boxed()
}

/// Policy-shaped text: many documents well-formed enough for the fast path, many not.
fn policy_text() -> impl Strategy<Value = String> {
    let statement_element = prop_oneof![
        6 => prop::collection::vec(text_statement(), 0..4).prop_map(Text::List),
        2 => text_statement(),
        1 => text_any(),
    ];
    let version = prop_oneof![4 => Just(Text::Str("2012-10-17".into(), false)), 1 => text_scalar()];
    let top = (
        prop::option::weighted(0.8, version.prop_map(|v| ("Version".to_string(), false, v))),
        prop::option::weighted(0.1, text_scalar().prop_map(|v| ("Id".to_string(), false, v))),
        prop::option::weighted(0.95, statement_element.prop_map(|v| ("Statement".to_string(), false, v))),
        prop::option::weighted(0.1, (text_key(&["Version", "Id", "Statement", "x"]), text_any())),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(version, id, statement, extra, at)| {
            let mut entries: Vec<_> = [version, id, statement].into_iter().flatten().collect();
            entries.extend(extra.map(|((key, escaped), value)| (key, escaped, value)));
            let n = entries.len().max(1);
            entries.rotate_left(at.index(n));
            Text::Object(entries)
        });
    (top, prop::sample::select(&["", "", "", "", " ", "\n", " x", "}"][..])).prop_map(|(top, tail)| {
        let mut out = String::new();
        top.write(&mut out);
        out.push_str(tail);
        out
    })
}

/// The generator reaches every outcome the fast-path test compares: documents the fast path reads,
/// documents only the tree parser reads (repeated keys), and documents neither accepts.
#[test]
fn policy_texts_reach_both_parsers() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut fast, mut tree_only, mut invalid) = (0, 0, 0);
    for _ in 0..2_000 {
        let text = policy_text().new_tree(&mut runner).expect("a text").current();
        match (fast::parse(&text, json::Source::COPIED), Policy::parse_text_via_tree(&text, json::Source::COPIED)) {
            (Some(_), Ok(_)) => fast += 1,
            (None, Ok(_)) => tree_only += 1,
            (None, Err(_)) => invalid += 1,
            (Some(_), Err(e)) => panic!("the fast path read what the tree parser rejects ({e}): {text}"),
        }
    }
    assert!(fast >= 200 && tree_only >= 20 && invalid >= 200, "fast {fast}, tree only {tree_only}, invalid {invalid}");
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
    let _ = p.service_wildcards();
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

    /// Parsing straight from text (what the engine does) and from a parsed `Value` agree, errors too.
    #[test]
    fn parsing_text_agrees_with_parsing_its_value(v in policy_like()) {
        let text = v.to_string();
        prop_assert_eq!(Policy::parse_str(&text), Policy::parse(&v));
        prop_assert_eq!(Policy::parse_shared(&text.as_str().into()), Policy::parse(&v));
    }

    /// Which statements are public does not depend on the owner: `public_statement_indices` reads
    /// them from whichever owner's report was worked out first.
    #[test]
    fn public_statements_are_the_same_for_every_owner(v in policy_like()) {
        if let Ok(p) = Policy::parse(&v) {
            let public = |owner: &str| -> Vec<usize> {
                let fresh = Policy::parse(&v).expect("parsed once already");
                analyse_resource_policy(&fresh, owner).statements.iter()
                    .filter(|s| matches!(s.exposure, Exposure::Public { .. })).map(|s| s.index).collect()
            };
            prop_assert_eq!(public(""), public("123456789012"));
            prop_assert_eq!(public_statement_indices(&p), public(""));
        }
    }

    #[test]
    fn decode_never_panics(s in ".{0,64}") {
        let _ = decode_iam_document(&s);
        let _ = Policy::parse_str(&s);
    }

    #[test]
    fn matching_never_panics(p in "[a-z*?:${}]{0,16}", a in "[a-z*?:${}]{0,16}") {
        let _ = action_matches(&p, &a);
        let _ = resource_matches(&p, &a);
    }

    /// For plain names, matching agrees with a straightforward regex translation.
    #[test]
    fn action_matching_agrees_with_regex(p in "[ab*?:]{0,8}", a in "[ab:]{0,8}") {
        let re: String = p.chars().map(|c| match c {
            '*' => ".*".to_string(),
            '?' => ".".to_string(),
            c => regex::escape(&c.to_string()),
        }).collect();
        let re = regex::Regex::new(&format!("^(?s:{re})$")).expect("valid regex");
        prop_assert_eq!(action_matches(&p, &a), re.is_match(&a));
    }
}

proptest! {
    // Each case is cheap, and a sixth of them reach the fast path.
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// The fast path gives what the tree parser gives — the policy, or (through the tree) the same
    /// error — for texts with repeated keys, any key order, escapes, odd numbers and trailing text.
    #[test]
    fn the_fast_path_agrees_with_the_tree_parser(text in policy_text()) {
        let via_tree = Policy::parse_text_via_tree(&text, json::Source::COPIED);
        prop_assert_eq!(&Policy::parse_str(&text), &via_tree, "{}", text);
        let shared = arcstr::ArcStr::from(text.as_str());
        prop_assert_eq!(Policy::parse_shared(&shared), via_tree, "{}", text);
    }
}
