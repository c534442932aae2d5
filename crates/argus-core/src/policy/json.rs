//! The JSON tree the policy parser reads: strings borrowed from the document text where they have no
//! escapes, objects as short sorted lists.
//!
//! Parsing a stored document through `serde_json::Value` allocated every key, every string and a
//! B-tree per object, only to copy the strings again into the typed policy and free the tree: half of
//! the parse time was that allocator traffic. This tree borrows what it can and keeps an object's
//! entries in one vector. It reads like `Value` where the parser cares: objects are in key order and
//! a repeated key keeps its last value, so the typed policy and its error messages are the same
//! whichever tree it was parsed from.

use arcstr::{ArcStr, Substr};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};
use std::borrow::Cow;
use std::fmt;

/// Where a document's strings are kept once parsed. Parsed from shared text (`Source::shared`), a
/// string written without escapes becomes a view of that text (`Substr`: no allocation, no copy);
/// otherwise each string is copied into its own.
#[derive(Clone, Copy)]
pub(super) struct Source<'t>(Option<&'t ArcStr>);

impl<'t> Source<'t> {
    /// Strings are copied.
    pub(super) const COPIED: Source<'static> = Source(None);

    /// Strings are views of `text` where they can be. The parser refuses texts too long for a
    /// view's 32-bit offsets before it gets here (`Policy::parse_text`).
    pub(super) fn shared(text: &'t ArcStr) -> Self {
        Source(Some(text))
    }

    /// `s` as a policy string: a view of the shared text when it lies in it, else a copy.
    pub(super) fn text(self, s: &str) -> Substr {
        self.0.and_then(|text| text.try_substr_from(s)).unwrap_or_else(|| Substr::from(s))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    /// Sorted by key, each key once.
    Object(Object<'a>),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Object<'a>(Vec<(Cow<'a, str>, Json<'a>)>);

impl<'a> Object<'a> {
    /// Sorts the entries and keeps the last value of a repeated key, as a JSON map would.
    fn from_entries(mut entries: Vec<(Cow<'a, str>, Json<'a>)>) -> Self {
        if !entries.is_sorted_by(|a, b| a.0 < b.0) {
            // Stable, so the entries of one key stay in document order and the last one survives.
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let mut kept: Vec<(Cow<'a, str>, Json<'a>)> = Vec::with_capacity(entries.len());
            for entry in entries {
                match kept.last_mut() {
                    Some(last) if last.0 == entry.0 => *last = entry,
                    _ => kept.push(entry),
                }
            }
            entries = kept;
        }
        Object(entries)
    }

    pub(super) fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }
}

impl<'a> Json<'a> {
    pub(super) fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    /// A view of a parsed `Value` (its strings borrowed).
    pub(super) fn from_value(v: &'a Value) -> Json<'a> {
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(Cow::Borrowed(s)),
            Value::Array(items) => Json::Array(items.iter().map(Json::from_value).collect()),
            Value::Object(map) => Json::Object(Object::from_entries(
                map.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), Json::from_value(v))).collect(),
            )),
        }
    }

    /// The length of the longest string (key or value) in the tree.
    pub(super) fn longest_string(&self) -> usize {
        match self {
            Json::String(s) => s.len(),
            Json::Array(items) => items.iter().map(Json::longest_string).max().unwrap_or(0),
            Json::Object(o) => o.0.iter().map(|(k, v)| k.len().max(v.longest_string())).max().unwrap_or(0),
            Json::Null | Json::Bool(_) | Json::Number(_) => 0,
        }
    }

    /// Human name of the value's type, for error messages.
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Json<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

/// Room for this many items or entries when the reader cannot tell (serde_json never can): a policy's
/// objects and lists are short, and growing from empty reallocated most of them twice (4, then 8).
const FIRST_CAPACITY: usize = 8;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(b))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Json<'de>, E> {
        // JSON text has no NaN or infinity, so the number always exists; null mirrors `Value`.
        Ok(Number::from_f64(n).map_or(Json::Null, Json::Number))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(FIRST_CAPACITY).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(FIRST_CAPACITY).min(64));
        while let Some((key, value)) = map.next_entry::<JsonKey<'de>, Json<'de>>()? {
            entries.push((key.0, value));
        }
        Ok(Json::Object(Object::from_entries(entries)))
    }
}

/// An object key, borrowed when it has no escapes.
pub(super) struct JsonKey<'a>(pub(super) Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for JsonKey<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = JsonKey<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<JsonKey<'de>, E> {
                Ok(JsonKey(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<JsonKey<'de>, E> {
                Ok(JsonKey(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<JsonKey<'de>, E> {
                Ok(JsonKey(Cow::Owned(s)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree read from text and the view of the `Value` read from the same text are equal.
    fn both(text: &str) -> (Json<'_>, Value) {
        let direct: Json<'_> = serde_json::from_str(text).expect("valid JSON");
        let value: Value = serde_json::from_str(text).expect("valid JSON");
        (direct, value)
    }

    #[test]
    fn reads_like_a_value() {
        for text in [
            r#"{"b":[1,-2,3.5,1e3,true,null,"x\"y"],"a":{"z":{},"y":[]},"\u0041":"é"}"#,
            r#"{"k":1,"j":2,"k":3}"#,
            r#"[18446744073709551615, -9223372036854775808, 0.1]"#,
            r#""plain""#,
        ] {
            let (direct, value) = both(text);
            assert_eq!(direct, Json::from_value(&value), "{text}");
        }
    }

    #[test]
    fn objects_are_sorted_and_a_repeated_key_keeps_its_last_value() {
        let (direct, _) = both(r#"{"k":1,"a":0,"k":"last"}"#);
        let keys: Vec<&str> = direct.as_object().expect("object").iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "k"]);
        assert_eq!(direct.as_object().and_then(|o| o.get("k")), Some(&Json::String("last".into())));
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let (direct, _) = both(r#"{"Action":"s3:Get*","Sid":"a\nb"}"#);
        let object = direct.as_object().expect("object");
        assert!(matches!(object.get("Action"), Some(Json::String(Cow::Borrowed("s3:Get*")))));
        assert!(matches!(object.get("Sid"), Some(Json::String(Cow::Owned(s))) if s == "a\nb"));
    }

    #[test]
    fn nesting_is_bounded_like_serde_json() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(serde_json::from_str::<Json<'_>>(&deep).is_err());
    }
}
