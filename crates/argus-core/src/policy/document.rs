//! Typed policy model and its parser (from JSON text, or from a `serde_json::Value`).
//!
//! The parser accepts every shape AWS accepts (Statement object or list,
//! string-or-list elements, scalar condition values) and rejects anything else
//! with a `PolicyError` naming the offending element. It never panics.

use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;

use super::condition::{parse_conditions, Condition};
use super::decode::percent_decode;
use super::error::{preview, string_list, PathOf, PolicyError};
use super::json::{Json, JsonExt, Object};
use super::matching::Glob;
use super::principal::{parse_principal_block, PrincipalSpec};
use arcstr::{ArcStr, Substr};

/// The only version in which `${...}` policy variables are interpreted.
pub const POLICY_VERSION_2012: &str = "2012-10-17";

/// A parsed policy. Cheap to clone: the statements are shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Policy {
    pub version: Option<Substr>,
    pub id: Option<Substr>,
    #[serde(serialize_with = "serialize_statements")]
    pub statements: Arc<[Statement]>,
}

impl Policy {
    pub fn new(version: Option<Substr>, id: Option<Substr>, statements: impl Into<Arc<[Statement]>>) -> Policy {
        Policy { version, id, statements: statements.into() }
    }
}

/// Serialised as the list it was parsed from (serde's own `Arc` support is a crate-wide feature).
fn serialize_statements<S: serde::Serializer>(statements: &Arc<[Statement]>, s: S) -> Result<S::Ok, S::Error> {
    statements.as_ref().serialize(s)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    /// AWS documents "Allow"/"Deny"; other capitalisations are accepted so that a sloppy document is
    /// still analysed rather than skipped.
    pub(super) fn parse(s: &str) -> Option<Effect> {
        if s.eq_ignore_ascii_case("allow") {
            Some(Effect::Allow)
        } else if s.eq_ignore_ascii_case("deny") {
            Some(Effect::Deny)
        } else {
            None
        }
    }
}

/// One Action or Resource pattern: the text as written, and its wildcard tokens, read once when the
/// policy is parsed (every check comparing the statement with an action or ARN reuses them).
#[derive(Debug, Clone)]
pub struct Pattern {
    text: Substr,
    glob: Glob,
}

impl Pattern {
    fn action(text: Substr) -> Pattern {
        Pattern { glob: Glob::action(&text), text }
    }

    fn resource(text: Substr, policy_variables: bool) -> Pattern {
        Pattern { glob: Glob::resource(&text, policy_variables), text }
    }

    pub(super) fn glob(&self) -> &Glob {
        &self.glob
    }
}

impl std::ops::Deref for Pattern {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// Patterns are equal when their texts are (the tokens follow from the text).
impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.text == other.text
    }
}
impl Eq for Pattern {}

impl PartialEq<&str> for Pattern {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl Serialize for Pattern {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ActionSpec {
    Action(Box<[Pattern]>),
    NotAction(Box<[Pattern]>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ResourceSpec {
    Resource(Box<[Pattern]>),
    NotResource(Box<[Pattern]>),
    /// No Resource element: normal in trust policies and some resource
    /// policies, where it means "the resource this policy is attached to".
    /// Matching treats it as matching any resource.
    Unspecified,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub sid: Option<Substr>,
    pub effect: Effect,
    pub actions: ActionSpec,
    pub resources: ResourceSpec,
    pub principals: Option<PrincipalSpec>,
    pub conditions: Box<[Condition]>,
    /// True when the enclosing policy is Version 2012-10-17, i.e. `${...}` in
    /// resources and condition values is a policy variable, not literal text.
    pub policy_variables: bool,
}

impl Policy {
    /// Parse an already-decoded, JSON-parsed policy document.
    pub fn parse(doc: &Value) -> Result<Policy, PolicyError> {
        if doc.longest_string() > MAX_TEXT {
            return Err(PolicyError::Json(TOO_LARGE.to_string()));
        }
        Policy::parse_json(doc)
    }

    fn parse_json(doc: &Json) -> Result<Policy, PolicyError> {
        let obj = doc
            .as_object()
            .ok_or_else(|| PolicyError::invalid("policy", format!("expected a JSON object, found {}", doc.kind())))?;
        let version = optional_string(obj, "Version", &|| "Version".to_string())?;
        let policy_variables = version.as_deref() == Some(POLICY_VERSION_2012);
        let id = optional_string(obj, "Id", &|| "Id".to_string())?;
        let statements: Arc<[Statement]> = match obj.get("Statement") {
            None => return Err(PolicyError::invalid("Statement", "missing Statement element")),
            Some(Json::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| parse_statement(v, &|| format!("Statement[{i}]"), policy_variables))
                .collect::<Result<Vec<_>, _>>()?
                .into(),
            Some(v @ Json::Object(_)) => Arc::new([parse_statement(v, &|| "Statement".to_string(), policy_variables)?]),
            Some(other) => {
                return Err(PolicyError::invalid(
                    "Statement",
                    format!("expected an object or a list of objects, found {}", other.kind()),
                ))
            }
        };
        Ok(Policy::new(version, id, statements))
    }

    /// Parse plain JSON text (resource policies: S3, Lambda, KMS, Secrets Manager).
    pub fn parse_str(text: &str) -> Result<Policy, PolicyError> {
        Policy::parse_text(text)
    }

    /// Parse shared JSON text (a stored document).
    pub fn parse_shared(text: &ArcStr) -> Result<Policy, PolicyError> {
        Policy::parse_text(text)
    }

    fn parse_text(text: &str) -> Result<Policy, PolicyError> {
        if text.len() > MAX_TEXT {
            return Err(PolicyError::Json(TOO_LARGE.to_string()));
        }
        let v: Json = serde_json::from_str(text).map_err(|e| PolicyError::Json(e.to_string()))?;
        Policy::parse_json(&v)
    }

    /// Percent-decode then parse (documents returned by the IAM API).
    pub fn parse_iam_encoded(raw: &str) -> Result<Policy, PolicyError> {
        Policy::parse_str(&percent_decode(raw)?)
    }

    /// Whether `${...}` is interpreted (Version 2012-10-17) or literal.
    pub fn policy_variables_enabled(&self) -> bool {
        self.version.as_deref() == Some(POLICY_VERSION_2012)
    }
}

/// The longest text a policy's strings can hold (arcstr's lengths are 32-bit); IAM's own limits are
/// kilobytes.
const MAX_TEXT: usize = u32::MAX as usize;
const TOO_LARGE: &str = "the document is larger than 4 GiB";

/// `key` of `obj` when present; `path` names it in an error.
fn optional_string(obj: &Object, key: &str, path: PathOf<'_>) -> Result<Option<Substr>, PolicyError> {
    match obj.get(key) {
        None => Ok(None),
        Some(Json::String(s)) => Ok(Some(Substr::from(s.as_str()))),
        Some(other) => Err(PolicyError::invalid(path(), format!("expected a string, found {}", other.kind()))),
    }
}

/// Exactly one of two mutually exclusive elements (Action/NotAction, ...).
fn one_of<'a>(
    obj: &'a Object,
    positive: &str,
    negative: &str,
    path: PathOf<'_>,
) -> Result<Option<(bool, &'a Json)>, PolicyError> {
    match (obj.get(positive), obj.get(negative)) {
        (Some(_), Some(_)) => {
            Err(PolicyError::invalid(path(), format!("statement has both {positive} and {negative}")))
        }
        (Some(v), None) => Ok(Some((false, v))),
        (None, Some(v)) => Ok(Some((true, v))),
        (None, None) => Ok(None),
    }
}

fn parse_statement(v: &Json, path: PathOf<'_>, policy_variables: bool) -> Result<Statement, PolicyError> {
    let obj = v
        .as_object()
        .ok_or_else(|| PolicyError::invalid(path(), format!("expected a statement object, found {}", v.kind())))?;
    // Error paths below the statement (`Statement[2].Action`), written out only for an error.
    let at = |element: &str| format!("{}.{element}", path());
    let sid = optional_string(obj, "Sid", &|| at("Sid"))?;

    let effect = match obj.get("Effect") {
        None => return Err(PolicyError::invalid(at("Effect"), "missing Effect")),
        Some(Json::String(s)) => Effect::parse(s).ok_or_else(|| {
            PolicyError::invalid(at("Effect"), format!("expected \"Allow\" or \"Deny\", found {}", preview(s)))
        })?,
        Some(other) => {
            return Err(PolicyError::invalid(at("Effect"), format!("expected a string, found {}", other.kind())))
        }
    };

    let actions = |list: Box<[Substr]>| list.into_vec().into_iter().map(Pattern::action).collect();
    let actions = match one_of(obj, "Action", "NotAction", path)? {
        Some((false, v)) => ActionSpec::Action(actions(string_list(v, &|| at("Action"))?)),
        Some((true, v)) => ActionSpec::NotAction(actions(string_list(v, &|| at("NotAction"))?)),
        None => return Err(PolicyError::invalid(path(), "statement has neither Action nor NotAction")),
    };

    let resources = |list: Box<[Substr]>| {
        list.into_vec().into_iter().map(|text| Pattern::resource(text, policy_variables)).collect()
    };
    let resources = match one_of(obj, "Resource", "NotResource", path)? {
        Some((false, v)) => ResourceSpec::Resource(resources(string_list(v, &|| at("Resource"))?)),
        Some((true, v)) => ResourceSpec::NotResource(resources(string_list(v, &|| at("NotResource"))?)),
        None => ResourceSpec::Unspecified,
    };

    let principals = match one_of(obj, "Principal", "NotPrincipal", path)? {
        Some((false, v)) => Some(PrincipalSpec::Principal(parse_principal_block(v, &|| at("Principal"))?)),
        Some((true, v)) => Some(PrincipalSpec::NotPrincipal(parse_principal_block(v, &|| at("NotPrincipal"))?)),
        None => None,
    };

    let conditions = match obj.get("Condition") {
        None => Box::default(),
        Some(c) => parse_conditions(c, &|| at("Condition"))?,
    };

    Ok(Statement { sid, effect, actions, resources, principals, conditions, policy_variables })
}

#[cfg(test)]
mod tests {
    use super::super::principal::Principal;
    use super::*;
    use serde_json::json;

    fn parse(v: Value) -> Result<Policy, PolicyError> {
        Policy::parse(&v)
    }

    #[test]
    fn statement_object_or_array() {
        let single = parse(json!({"Version": "2012-10-17",
            "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}))
        .expect("object statement");
        let list = parse(json!({"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}))
        .expect("list statement");
        assert_eq!(single.statements, list.statements);
        assert_eq!(single.statements.len(), 1);
    }

    #[test]
    fn the_first_bad_statement_is_the_one_reported() {
        let err = parse(json!({"Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
            {"Effect": "Maybe", "Action": "s3:GetObject"},
            {"Action": "s3:GetObject"}
        ]}))
        .expect_err("invalid");
        assert!(err.to_string().contains("Statement[1].Effect"), "{err}");
    }

    #[test]
    fn action_and_resource_string_or_list() {
        let p = parse(json!({"Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["a", "b"]},
            {"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["x"]},
            {"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "NotResource": "y"}
        ]}))
        .expect("valid");
        assert!(matches!(&p.statements[0].actions, ActionSpec::Action(a) if a[..] == ["s3:GetObject"]));
        assert!(matches!(&p.statements[1].resources, ResourceSpec::Resource(r) if r[..] == ["a", "b"]));
        assert!(matches!(&p.statements[2].actions, ActionSpec::NotAction(a) if a[..] == ["iam:*"]));
        assert!(matches!(&p.statements[3].resources, ResourceSpec::NotResource(r) if r[..] == ["y"]));
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_statement_is_compact() {
        // Lists are boxed slices (no spare capacity word) and strings 16-byte views: a parsed
        // policy is read by many checks and kept for the whole evaluation.
        assert_eq!(std::mem::size_of::<Statement>(), 112);
        assert_eq!(std::mem::size_of::<Condition>(), 72);
    }

    #[test]
    fn shared_text_parses_like_plain_text_and_condition_keys_are_lower_cased() {
        let text = ArcStr::from(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"S1","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b\u002fkey","Principal":{"AWS":"111122223333"},"Condition":{"StringEquals":{"aws:sourcevpc":"vpc-1"},"Bool":{"AWS:SecureTransport":true}}}]}"#,
        );
        let p = Policy::parse_shared(&text).expect("valid");
        assert_eq!(p, Policy::parse_str(&text).expect("valid"));
        let st = &p.statements[0];
        let ResourceSpec::Resource(resources) = &st.resources else { panic!("Resource") };
        assert_eq!(resources[0], "arn:aws:s3:::b/key");
        let bool_condition = st.conditions.iter().find(|c| c.operator.is("Bool")).expect("Bool");
        assert_eq!(bool_condition.key, "aws:securetransport");
        assert_eq!(bool_condition.values[..], ["true"]);
    }

    #[test]
    fn missing_resource_is_unspecified() {
        let p = parse(json!({"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole",
            "Principal": {"Service": "ec2.amazonaws.com"}}}))
        .expect("trust policy");
        assert_eq!(p.statements[0].resources, ResourceSpec::Unspecified);
    }

    #[test]
    fn principal_forms() {
        let p = parse(json!({"Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Principal": "*"},
            {"Effect": "Allow", "Action": "s3:*", "Principal": {"AWS": "*"}},
            {"Effect": "Allow", "Action": "s3:*", "Principal": {"AWS": ["*"]}},
            {"Effect": "Allow", "Action": "s3:*", "Principal": {
                "AWS": ["123456789012", "arn:aws:iam::111122223333:root"],
                "Service": "lambda.amazonaws.com",
                "Federated": "cognito-identity.amazonaws.com",
                "CanonicalUser": "79a59df900b949e55d96a1e698fbaced"}}
        ]}))
        .expect("valid");
        for i in 0..3 {
            assert_eq!(
                p.statements[i].principals,
                Some(PrincipalSpec::Principal(Box::new([Principal::Any]))),
                "statement {i}"
            );
        }
        let Some(PrincipalSpec::Principal(list)) = &p.statements[3].principals else {
            panic!("expected principal list");
        };
        assert!(list.contains(&Principal::Aws("123456789012".into())));
        assert!(list.contains(&Principal::Service("lambda.amazonaws.com".into())));
        assert!(list.contains(&Principal::Federated("cognito-identity.amazonaws.com".into())));
        assert!(list.contains(&Principal::CanonicalUser("79a59df900b949e55d96a1e698fbaced".into())));
        assert_eq!(list.len(), 5);
    }

    #[test]
    fn not_principal_is_kept_distinct() {
        let p = parse(json!({"Statement": {"Effect": "Allow", "Action": "s3:*",
            "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}}}))
        .expect("valid");
        assert!(matches!(p.statements[0].principals, Some(PrincipalSpec::NotPrincipal(_))));
    }

    #[test]
    fn condition_values_normalised_to_strings() {
        let p = parse(json!({"Statement": [
            {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
             "Condition": {"Bool": {"aws:SecureTransport": false}}},
            {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
            {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
             "Condition": {"NumericLessThan": {"s3:TlsVersion": 1.2, "x:Count": [3, "4", true]}}}
        ]}))
        .expect("valid");
        assert_eq!(p.statements[0].conditions, p.statements[1].conditions);
        assert_eq!(p.statements[0].conditions[0].values[..], ["false"]);
        assert_eq!(p.statements[0].conditions[0].key, "aws:securetransport");
        let numeric = &p.statements[2].conditions;
        assert_eq!(numeric.len(), 2);
        let tls = numeric.iter().find(|c| c.key == "s3:tlsversion").expect("tls key");
        assert_eq!(tls.values[..], ["1.2"]);
        let count = numeric.iter().find(|c| c.key == "x:count").expect("count key");
        assert_eq!(count.values[..], ["3", "4", "true"]);
    }

    #[test]
    fn version_controls_policy_variables() {
        let doc = |v: Option<&str>| {
            let mut d = json!({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}});
            if let (Some(v), Some(obj)) = (v, d.as_object_mut()) {
                obj.insert("Version".into(), json!(v));
            }
            parse(d).expect("valid")
        };
        assert!(doc(Some("2012-10-17")).statements[0].policy_variables);
        assert!(!doc(Some("2008-10-17")).statements[0].policy_variables);
        assert!(!doc(None).statements[0].policy_variables);
        assert!(!doc(None).policy_variables_enabled());
    }

    #[test]
    fn effect_is_case_tolerant() {
        let p = parse(json!({"Statement": {"Effect": "allow", "Action": "s3:*", "Resource": "*"}})).expect("valid");
        assert_eq!(p.statements[0].effect, Effect::Allow);
    }

    fn err_message(v: Value) -> String {
        match parse(v) {
            Err(e) => e.to_string(),
            Ok(p) => panic!("expected an error, parsed {p:?}"),
        }
    }

    #[test]
    fn malformed_documents_are_errors() {
        let cases = [
            (json!([]), "expected a JSON object"),
            (json!({}), "missing Statement"),
            (json!({"Statement": 3}), "expected an object or a list"),
            (json!({"Statement": ["x"]}), "Statement[0]"),
            (json!({"Version": 1, "Statement": []}), "Version"),
            (json!({"Statement": {"Action": "s3:*"}}), "missing Effect"),
            (json!({"Statement": {"Effect": "Maybe", "Action": "s3:*"}}), "\"Maybe\""),
            (json!({"Statement": {"Effect": true, "Action": "s3:*"}}), "Effect"),
            (json!({"Statement": {"Effect": "Allow"}}), "neither Action nor NotAction"),
            (json!({"Statement": {"Effect": "Allow", "Action": "a", "NotAction": "b"}}), "both Action and NotAction"),
            (
                json!({"Statement": {"Effect": "Allow", "Action": "a", "Resource": "*", "NotResource": "b"}}),
                "both Resource and NotResource",
            ),
            (
                json!({"Statement": {"Effect": "Allow", "Action": "a", "Principal": "*", "NotPrincipal": "*"}}),
                "both Principal and NotPrincipal",
            ),
            (json!({"Statement": {"Effect": "Allow", "Action": 5}}), "Statement.Action"),
            (json!({"Statement": {"Effect": "Allow", "Action": ["a", null]}}), "Statement.Action[1]"),
            (json!({"Statement": {"Effect": "Allow", "Action": "a", "Resource": {"x": 1}}}), "Resource"),
            (json!({"Statement": {"Effect": "Allow", "Action": "a", "Principal": "arn:aws:iam::1:root"}}), "Principal"),
            (
                json!({"Statement": {"Effect": "Allow", "Action": "a", "Principal": {"Robot": "x"}}}),
                "unknown principal type",
            ),
            (json!({"Statement": {"Effect": "Allow", "Action": "a", "Principal": {"AWS": 12}}}), "Principal.AWS"),
            (json!({"Statement": {"Effect": "Allow", "Action": "a", "Condition": "x"}}), "Condition"),
            (
                json!({"Statement": {"Effect": "Allow", "Action": "a", "Condition": {"StringEquals": "x"}}}),
                "Condition.StringEquals",
            ),
            (
                json!({"Statement": {"Effect": "Allow", "Action": "a",
                "Condition": {"StringEquals": {"k": null}}}}),
                "Condition.StringEquals.k",
            ),
            (
                json!({"Statement": {"Effect": "Allow", "Action": "a",
                "Condition": {"StringEquals": {"k": [{"x": 1}]}}}}),
                "Condition.StringEquals.k[0]",
            ),
            (json!({"Statement": {"Sid": 7, "Effect": "Allow", "Action": "a"}}), "Statement.Sid"),
            (json!({"Id": [], "Statement": []}), "Id"),
        ];
        for (doc, needle) in cases {
            let msg = err_message(doc.clone());
            assert!(msg.contains(needle), "{doc} -> {msg:?} should mention {needle:?}");
        }
    }

    #[test]
    fn parse_str_and_encoded() {
        assert!(matches!(Policy::parse_str("{"), Err(PolicyError::Json(_))));
        let p = Policy::parse_iam_encoded(
            "%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22*%22%7D%7D",
        )
        .expect("valid");
        assert_eq!(p.statements.len(), 1);
    }

    #[test]
    fn plain_json_is_not_percent_decoded() {
        // Resource policies are plain JSON: a literal `%` must survive.
        let p = Policy::parse_str(
            r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
            "Resource":"arn:aws:s3:::b/100%25"}}"#,
        )
        .expect("valid");
        assert!(matches!(&p.statements[0].resources, ResourceSpec::Resource(r) if r[..] == ["arn:aws:s3:::b/100%25"]));
    }

    #[test]
    fn error_preview_is_bounded() {
        let long = "x".repeat(10_000);
        let msg = err_message(json!({"Statement": {"Effect": long, "Action": "a"}}));
        assert!(msg.len() < 300, "{}", msg.len());
    }
}
