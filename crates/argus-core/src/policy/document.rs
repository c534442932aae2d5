//! Typed policy model and its parser: serde reads the JSON text into the shapes AWS accepts
//! (Statement object or list, string-or-list elements, scalar condition values); anything else is a
//! `PolicyError` naming where it sits (`Statement[2].Action`, through serde_path_to_error). It never
//! panics.

use serde::de::value::{MapAccessDeserializer, StrDeserializer};
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use super::condition::{Condition, ConditionOperator};
use super::error::{preview, PolicyError};
use super::matching::Glob;
use super::principal::{Principal, PrincipalSpec};
use arcstr::Substr;

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

/// Serialised as the list it was parsed from (serde's own `Arc` support is a crate-wide feature).
fn serialize_statements<S: serde::Serializer>(statements: &Arc<[Statement]>, s: S) -> Result<S::Ok, S::Error> {
    statements.as_ref().serialize(s)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Effect {
    Allow,
    Deny,
}

/// AWS documents "Allow"/"Deny"; other capitalisations are accepted so that a sloppy document is still
/// analysed rather than skipped.
impl<'de> Deserialize<'de> for Effect {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Effect, D::Error> {
        let s = String::deserialize(d)?;
        match s.to_ascii_lowercase().as_str() {
            "allow" => Ok(Effect::Allow),
            "deny" => Ok(Effect::Deny),
            _ => Err(de::Error::custom(format!("expected \"Allow\" or \"Deny\", found {}", preview(&s)))),
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
    /// Parse an already-parsed JSON document (as its text: one parser reads every input).
    pub fn parse(doc: &serde_json::Value) -> Result<Policy, PolicyError> {
        Policy::parse_str(&doc.to_string())
    }

    /// Parse plain JSON text (resource policies: S3, Lambda, KMS, Secrets Manager).
    pub fn parse_str(text: &str) -> Result<Policy, PolicyError> {
        if text.len() > MAX_TEXT {
            return Err(PolicyError::Json(TOO_LARGE.to_string()));
        }
        let mut json = serde_json::Deserializer::from_str(text);
        let raw: Object<RawPolicy> = serde_path_to_error::deserialize(&mut json).map_err(|e| {
            let path = e.path().to_string();
            match e.into_inner() {
                e if e.is_data() => {
                    PolicyError::invalid(if path == "." { "top level".to_string() } else { path }, e.to_string())
                }
                e => PolicyError::Json(e.to_string()),
            }
        })?;
        json.end().map_err(|e| PolicyError::Json(e.to_string()))?;
        raw.0.into_policy()
    }

    /// Percent-decode then parse (documents returned by the IAM API).
    pub fn parse_iam_encoded(raw: &str) -> Result<Policy, PolicyError> {
        let text = percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .map_err(|e| PolicyError::Decode(format!("decoded bytes are not UTF-8: {e}")))?;
        Policy::parse_str(&text)
    }
}

/// The longest text a policy's strings can hold (arcstr's lengths are 32-bit); IAM's own limits are
/// kilobytes.
const MAX_TEXT: usize = u32::MAX as usize;
const TOO_LARGE: &str = "the document is larger than 4 GiB";

/// A policy document as written. Unknown elements are ignored, as AWS's own evaluation ignores them.
#[derive(Deserialize)]
#[serde(expecting = "a policy object")]
struct RawPolicy {
    #[serde(rename = "Version")]
    version: Option<String>,
    #[serde(rename = "Id")]
    id: Option<String>,
    #[serde(rename = "Statement")]
    statements: OneOrMany<Object<RawStatement>>,
}

#[derive(Deserialize)]
#[serde(expecting = "a statement object")]
struct RawStatement {
    #[serde(rename = "Sid")]
    sid: Option<String>,
    #[serde(rename = "Effect")]
    effect: Effect,
    #[serde(rename = "Action")]
    action: Option<OneOrMany<String>>,
    #[serde(rename = "NotAction")]
    not_action: Option<OneOrMany<String>>,
    #[serde(rename = "Resource")]
    resource: Option<OneOrMany<String>>,
    #[serde(rename = "NotResource")]
    not_resource: Option<OneOrMany<String>>,
    #[serde(rename = "Principal")]
    principal: Option<Principals>,
    #[serde(rename = "NotPrincipal")]
    not_principal: Option<Principals>,
    /// Operator → condition key → values.
    #[serde(rename = "Condition", default)]
    condition: BTreeMap<String, BTreeMap<String, OneOrMany<ConditionValue>>>,
}

impl RawPolicy {
    fn into_policy(self) -> Result<Policy, PolicyError> {
        let policy_variables = self.version.as_deref() == Some(POLICY_VERSION_2012);
        let listed = self.statements.listed;
        let statements = (self.statements.items.into_iter().enumerate())
            .map(|(i, s)| {
                let path = if listed { format!("Statement[{i}]") } else { "Statement".to_string() };
                s.0.into_statement(&path, policy_variables)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Policy {
            version: self.version.map(Substr::from),
            id: self.id.map(Substr::from),
            statements: statements.into(),
        })
    }
}

impl RawStatement {
    /// The statement, or an error at `path` when it holds both of two exclusive elements.
    fn into_statement(self, path: &str, policy_variables: bool) -> Result<Statement, PolicyError> {
        fn exclusive<T>(
            path: &str,
            names: [&str; 2],
            pair: (Option<T>, Option<T>),
        ) -> Result<Option<(bool, T)>, PolicyError> {
            match pair {
                (Some(_), Some(_)) => {
                    Err(PolicyError::invalid(path, format!("statement has both {} and {}", names[0], names[1])))
                }
                (Some(v), None) => Ok(Some((false, v))),
                (None, Some(v)) => Ok(Some((true, v))),
                (None, None) => Ok(None),
            }
        }
        let actions = |list: OneOrMany<String>| list.items.into_iter().map(|t| Pattern::action(t.into())).collect();
        let actions = match exclusive(path, ["Action", "NotAction"], (self.action, self.not_action))? {
            Some((false, list)) => ActionSpec::Action(actions(list)),
            Some((true, list)) => ActionSpec::NotAction(actions(list)),
            None => return Err(PolicyError::invalid(path, "statement has neither Action nor NotAction")),
        };
        let resources = |list: OneOrMany<String>| {
            list.items.into_iter().map(|t| Pattern::resource(t.into(), policy_variables)).collect()
        };
        let resources = match exclusive(path, ["Resource", "NotResource"], (self.resource, self.not_resource))? {
            Some((false, list)) => ResourceSpec::Resource(resources(list)),
            Some((true, list)) => ResourceSpec::NotResource(resources(list)),
            None => ResourceSpec::Unspecified,
        };
        let principals = match exclusive(path, ["Principal", "NotPrincipal"], (self.principal, self.not_principal))? {
            Some((false, list)) => Some(PrincipalSpec::Principal(list.0)),
            Some((true, list)) => Some(PrincipalSpec::NotPrincipal(list.0)),
            None => None,
        };
        let conditions = (self.condition.into_iter())
            .flat_map(|(op, keys)| {
                let operator = ConditionOperator::parse(&op);
                keys.into_iter().map(move |(key, values)| {
                    Condition::new(operator.clone(), &key, values.items.into_iter().map(|v| v.0).collect())
                })
            })
            .collect();
        let sid = self.sid.map(Substr::from);
        Ok(Statement { sid, effect: self.effect, actions, resources, principals, conditions, policy_variables })
    }
}

/// A JSON object read into `T` (a derived struct alone would also accept a list of its fields).
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = Object<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Object)
            }
        }
        d.deserialize_map(ObjectVisitor(PhantomData))
    }
}

/// One value or a list of them (Statement, Action, Resource, principal and condition values).
struct OneOrMany<T> {
    items: Vec<T>,
    /// Written as a list (error paths then name the item's index).
    listed: bool,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> OneOrManyVisitor<T> {
            fn one<E>(value: Result<T, E>) -> Result<OneOrMany<T>, E> {
                value.map(|v| OneOrMany { items: vec![v], listed: false })
            }
        }
        impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrManyVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or a list of values")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Self::one(T::deserialize(StrDeserializer::new(s)))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
                Self::one(T::deserialize(b.into_deserializer()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
                Self::one(T::deserialize(n.into_deserializer()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
                Self::one(T::deserialize(n.into_deserializer()))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
                Self::one(T::deserialize(n.into_deserializer()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Self::one(T::deserialize(MapAccessDeserializer::new(map)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(OneOrMany { items, listed: true })
            }
        }
        d.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

/// A condition value as text: `false` and `"false"` are equal, as are `5` and `"5"`.
struct ConditionValue(Substr);

impl<'de> Deserialize<'de> for ConditionValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl Visitor<'_> for ScalarVisitor {
            type Value = ConditionValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ConditionValue, E> {
                Ok(ConditionValue(s.into()))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<ConditionValue, E> {
                Ok(ConditionValue(b.to_string().into()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ConditionValue, E> {
                Ok(ConditionValue(n.to_string().into()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<ConditionValue, E> {
                Ok(ConditionValue(n.to_string().into()))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<ConditionValue, E> {
                Ok(ConditionValue(n.to_string().into()))
            }
        }
        d.deserialize_any(ScalarVisitor)
    }
}

/// A Principal or NotPrincipal element: `"*"`, or a map of principal type to a value or a list. `"*"`
/// is anyone whatever its type, since it cannot be narrowed.
struct Principals(Box<[Principal]>);

impl<'de> Deserialize<'de> for Principals {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PrincipalsVisitor;
        impl<'de> Visitor<'de> for PrincipalsVisitor {
            type Value = Principals;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"*\" or an object")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Principals, E> {
                match s {
                    "*" => Ok(Principals(Box::new([Principal::Any]))),
                    s => Err(E::custom(format!(
                        "a string principal must be \"*\" (found {}); use a map such as {{\"AWS\": ...}}",
                        preview(s)
                    ))),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Principals, A::Error> {
                let mut by_kind: BTreeMap<String, OneOrMany<String>> = BTreeMap::new();
                while let Some(kind) = map.next_key::<String>()? {
                    by_kind.insert(kind, map.next_value()?);
                }
                let mut out = Vec::new();
                for (kind, values) in by_kind {
                    let make: fn(Substr) -> Principal = match kind.to_ascii_lowercase().as_str() {
                        "aws" => Principal::Aws,
                        "service" => Principal::Service,
                        "federated" => Principal::Federated,
                        "canonicaluser" => Principal::CanonicalUser,
                        _ => return Err(de::Error::custom(format!("unknown principal type {}", preview(&kind)))),
                    };
                    out.extend(
                        values.items.into_iter().map(|v| if v == "*" { Principal::Any } else { make(v.into()) }),
                    );
                }
                Ok(Principals(out.into()))
            }
        }
        d.deserialize_any(PrincipalsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::super::principal::Principal;
    use super::*;
    use serde_json::{json, Value};

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
    fn escapes_are_read_and_condition_keys_are_lower_cased() {
        let p = Policy::parse_str(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"S1","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b\u002fkey","Principal":{"AWS":"111122223333"},"Condition":{"StringEquals":{"aws:sourcevpc":"vpc-1"},"Bool":{"AWS:SecureTransport":true}}}]}"#,
        )
        .expect("valid");
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
            (json!([]), "top level: invalid type: sequence, expected an object"),
            (json!({}), "missing field `Statement`"),
            (json!({"Statement": 3}), "Statement: invalid type: integer `3`"),
            (json!({"Statement": ["x"]}), "Statement[0]"),
            (json!({"Version": 1, "Statement": []}), "Version"),
            (json!({"Statement": {"Action": "s3:*"}}), "Statement: missing field `Effect`"),
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
        let wrong: Vec<String> = cases
            .iter()
            .map(|(doc, needle)| (doc, needle, err_message(doc.clone())))
            .filter(|(_, needle, msg)| !msg.contains(*needle))
            .map(|(doc, needle, msg)| format!("{doc} -> {msg:?} should mention {needle:?}"))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
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
