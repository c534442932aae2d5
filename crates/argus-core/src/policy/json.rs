//! The JSON tree the policy parser reads: serde_json's `Value`, whose objects are sorted by key and
//! keep the last value of a repeated key, with the names error messages give its kinds.

use serde_json::{Map, Value};

pub(super) type Json = Value;
pub(super) type Object = Map<String, Value>;

pub(super) trait JsonExt {
    /// Human name of the value's type, for error messages.
    fn kind(&self) -> &'static str;
    /// The length of the longest string (key or value) in the tree.
    fn longest_string(&self) -> usize;
}

impl JsonExt for Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }

    fn longest_string(&self) -> usize {
        match self {
            Value::String(s) => s.len(),
            Value::Array(items) => items.iter().map(Value::longest_string).max().unwrap_or(0),
            Value::Object(o) => o.iter().map(|(k, v)| k.len().max(v.longest_string())).max().unwrap_or(0),
            Value::Null | Value::Bool(_) | Value::Number(_) => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Principal and condition maps come out in key order, and a repeated element keeps its last value,
    /// whatever order the document writes them in.
    #[test]
    fn objects_are_sorted_and_a_repeated_key_keeps_its_last_value() {
        let tree: Json = serde_json::from_str(r#"{"k":1,"a":0,"k":"last"}"#).expect("valid JSON");
        let keys: Vec<&str> = tree.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys, ["a", "k"]);
        assert_eq!(tree.get("k"), Some(&Value::String("last".into())));
    }
}
