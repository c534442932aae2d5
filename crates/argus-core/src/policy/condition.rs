//! Condition block model: `{"Operator": {"key": value-or-values}}`.

use super::json::{Json, JsonExt, Object};
use arcstr::Substr;
use serde::Serialize;

use super::error::{PathOf, PolicyError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SetQualifier {
    ForAnyValue,
    ForAllValues,
}

/// A condition operator split into its parts, e.g.
/// `ForAnyValue:StringLikeIfExists` → qualifier ForAnyValue, base StringLike, if_exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionOperator {
    /// The operator exactly as written.
    pub raw: Substr,
    pub set_qualifier: Option<SetQualifier>,
    /// Operator without qualifier or IfExists suffix, as written (e.g. "StringEquals"): a view of `raw`.
    pub base: Substr,
    pub if_exists: bool,
}

impl ConditionOperator {
    pub fn parse(raw: &str) -> ConditionOperator {
        ConditionOperator::from_text(Substr::from(raw))
    }

    pub(super) fn from_text(raw: Substr) -> ConditionOperator {
        let (set_qualifier, rest) = if let Some(r) = strip_prefix_ci(&raw, "ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), r)
        } else if let Some(r) = strip_prefix_ci(&raw, "ForAllValues:") {
            (Some(SetQualifier::ForAllValues), r)
        } else {
            (None, raw.as_str())
        };
        let (base, if_exists) = match strip_suffix_ci(rest, "IfExists") {
            Some(b) if !b.is_empty() => (b, true),
            _ => (rest, false),
        };
        let base = raw.substr_from(base);
        ConditionOperator { raw, set_qualifier, base, if_exists }
    }

    /// Case-insensitive comparison of the base operator.
    pub fn is(&self, base: &str) -> bool {
        self.base.eq_ignore_ascii_case(base)
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| s.get(prefix.len()..)).flatten()
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| s.get(..cut)).flatten()
}

/// One operator/key pair with its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    pub operator: ConditionOperator,
    /// Condition keys are case-insensitive, so they are stored lower-cased.
    pub key: Substr,
    /// Values normalised to strings (`false` and `"false"` are equal);
    /// case is preserved because values are case-sensitive.
    pub values: Box<[Substr]>,
}

impl Condition {
    /// `key` is stored lower-cased.
    pub(super) fn new(operator: ConditionOperator, key: &str, values: Box<[Substr]>) -> Condition {
        Condition { operator, key: lower_case(key), values }
    }
}

pub(super) fn parse_conditions(v: &Json, path: PathOf<'_>) -> Result<Box<[Condition]>, PolicyError> {
    let block =
        v.as_object().ok_or_else(|| PolicyError::invalid(path(), format!("expected an object, found {}", v.kind())))?;
    // One condition per operator and key, allocated once: most statements have one or two.
    let count = block.iter().map(|(_, keys)| keys.as_object().map_or(0, Object::len)).sum();
    let mut out = Vec::with_capacity(count);
    for (op, keys) in block.iter() {
        let op_path = || format!("{}.{op}", path());
        let keys = keys.as_object().ok_or_else(|| {
            PolicyError::invalid(op_path(), format!("expected an object of condition keys, found {}", keys.kind()))
        })?;
        let operator = ConditionOperator::from_text(Substr::from(op.as_str()));
        for (key, values) in keys.iter() {
            let values = condition_values(values, &|| format!("{}.{key}", op_path()))?;
            out.push(Condition::new(operator.clone(), key, values));
        }
    }
    Ok(out.into_boxed_slice())
}

/// `key` lower-cased.
fn lower_case(key: &str) -> Substr {
    if key.bytes().any(|b| b.is_ascii_uppercase()) {
        Substr::from(key.to_ascii_lowercase())
    } else {
        Substr::from(key)
    }
}

fn condition_values(v: &Json, path: PathOf<'_>) -> Result<Box<[Substr]>, PolicyError> {
    match v {
        Json::Array(items) => {
            let mut values = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                values.push(scalar(item).ok_or_else(|| {
                    PolicyError::invalid(
                        format!("{}[{i}]", path()),
                        format!("expected a string, number or boolean, found {}", item.kind()),
                    )
                })?);
            }
            Ok(values.into_boxed_slice())
        }
        other => scalar(other).map(|s| Box::new([s]) as Box<[Substr]>).ok_or_else(|| {
            PolicyError::invalid(
                path(),
                format!("expected a string, number, boolean or a list of them, found {}", other.kind()),
            )
        }),
    }
}

fn scalar(v: &Json) -> Option<Substr> {
    match v {
        Json::String(s) => Some(Substr::from(s.as_str())),
        Json::Bool(b) => Some(condition_bool(*b)),
        Json::Number(n) => Some(condition_number(n)),
        _ => None,
    }
}

/// A boolean condition value as text.
pub(super) fn condition_bool(b: bool) -> Substr {
    Substr::full(if b { arcstr::literal!("true") } else { arcstr::literal!("false") })
}

/// A number condition value as text.
pub(super) fn condition_number(n: &serde_json::Number) -> Substr {
    Substr::from(n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_parts() {
        let op = ConditionOperator::parse("ForAnyValue:StringLikeIfExists");
        assert_eq!(op.set_qualifier, Some(SetQualifier::ForAnyValue));
        assert_eq!(op.base, "StringLike");
        assert!(op.if_exists);
        assert_eq!(op.raw, "ForAnyValue:StringLikeIfExists");

        let op = ConditionOperator::parse("ForAllValues:StringEquals");
        assert_eq!(op.set_qualifier, Some(SetQualifier::ForAllValues));
        assert!(!op.if_exists);

        let op = ConditionOperator::parse("BoolIfExists");
        assert!(op.is("bool") && op.if_exists && op.set_qualifier.is_none());

        let op = ConditionOperator::parse("IfExists");
        assert_eq!(op.base, "IfExists");
        assert!(!op.if_exists);

        let op = ConditionOperator::parse("Null");
        assert!(op.is("Null") && !op.if_exists);
    }

    #[test]
    fn keys_lowercased_values_case_preserved() {
        let v = serde_json::json!({"StringEquals": {"aws:PrincipalOrgID": ["o-AbC", 5, false]}});
        let c = parse_conditions(&v, &|| "Condition".to_string()).expect("valid");
        assert_eq!(c[0].key, "aws:principalorgid");
        assert_eq!(c[0].values[..], ["o-AbC", "5", "false"]);
    }
}
