//! Condition block model: `{"Operator": {"key": value-or-values}}`.

use arcstr::Substr;
use serde::Serialize;

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
        let raw = Substr::from(raw);
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
        Condition { operator, key: key.to_ascii_lowercase().into(), values }
    }
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
}
