//! The mutelist file as typed serde structs, shaped as Prowler's schema: required `Regions` and
//! `Resources`, no unknown keys, quoted patterns.
//!
//! Every check that needs a position runs while serde reads the value it is about (patterns are
//! compiled, keys are checked for duplicates and numbers, all in `Deserialize`), so serde_yaml_ng's
//! error names that value's line and column.

use super::compile::compile;
use super::{Exceptions, Pattern};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

/// What [`Document`] expects at the top: also how a wrong top level is told apart from invalid YAML.
/// The same text as its `expecting` attribute, which takes only a literal (a test holds them equal).
pub(super) const DOCUMENT_EXPECTING: &str = "a mapping with a top-level `Mutelist:` key";

#[derive(Deserialize)]
#[serde(expecting = "a mapping with a top-level `Mutelist:` key")]
pub(super) struct Document {
    // Prowler reads only this key and ignores anything else at the top level.
    #[serde(rename = "Mutelist", default, deserialize_with = "present")]
    pub(super) mutelist: Option<Section>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a mapping with `Accounts`")]
pub(super) struct Section {
    #[serde(rename = "Accounts")]
    pub(super) accounts: Keyed<AccountId, AccountEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "an account entry: a mapping with `Checks`")]
pub(super) struct AccountEntry {
    #[serde(rename = "Checks")]
    pub(super) checks: Keyed<CheckName, Rule>,
}

/// One entry of `Checks`, without its check name (the key).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a check rule: a mapping with `Regions` and `Resources`")]
pub(super) struct Rule {
    #[serde(rename = "Regions")]
    pub(super) regions: Patterns,
    #[serde(rename = "Resources")]
    pub(super) resources: Patterns,
    /// Empty: any tags.
    #[serde(rename = "Tags", default)]
    pub(super) tags: Patterns,
    #[serde(rename = "Exceptions", default, deserialize_with = "present")]
    pub(super) exceptions: Option<Exceptions>,
    /// Free text for humans; Prowler ignores it and so does argus, but it must be text.
    #[serde(rename = "Description", default)]
    _description: FreeText,
}

// Deserialized here, next to the other shapes of the file; the type lives with the matching code.
impl<'de> Deserialize<'de> for Exceptions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(
            deny_unknown_fields,
            expecting = "`Exceptions`: a mapping of `Accounts`, `Regions`, `Resources`, `Tags`"
        )]
        struct Fields {
            #[serde(rename = "Accounts", default)]
            accounts: Patterns,
            #[serde(rename = "Regions", default)]
            regions: Patterns,
            #[serde(rename = "Resources", default)]
            resources: Patterns,
            #[serde(rename = "Tags", default)]
            tags: Patterns,
        }
        let f = Fields::deserialize(d)?;
        Ok(Exceptions { accounts: f.accounts.0, regions: f.regions.0, resources: f.resources.0, tags: f.tags.0 })
    }
}

/// An optional key that, when written, must hold a value: `Exceptions: null` is refused rather than
/// read as "no exceptions" (serde reads a null `Option` as `None`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A pattern, compiled as it is read.
impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PatternVisitor;
        impl Visitor<'_> for PatternVisitor {
            type Value = Pattern;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a quoted pattern")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Pattern, E> {
                compile(v).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Pattern, E> {
                Err(quote_the_number(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Pattern, E> {
                Err(quote_the_number(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Pattern, E> {
                Err(quote_the_number(v))
            }
        }
        // `any`, not `str`: serde_yaml_ng hands an unquoted 123 to `visit_str` when asked for a string,
        // and a number is refused instead so an account id such as 012345678901 keeps its zero.
        d.deserialize_any(PatternVisitor)
    }
}

fn quote_the_number<E: de::Error>(n: impl fmt::Display) -> E {
    E::custom(format!("YAML read {n} as a number; quote it so it is matched as text: \"{n}\""))
}

/// A list of patterns. Written by hand for its message and to refuse `Regions:` with no list.
#[derive(Default)]
pub(super) struct Patterns(pub(super) Vec<Pattern>);

impl<'de> Deserialize<'de> for Patterns {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PatternsVisitor;
        impl<'de> Visitor<'de> for PatternsVisitor {
            type Value = Patterns;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of patterns (e.g. [\"*\"])")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Patterns, A::Error> {
                let mut patterns = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(pattern) = seq.next_element()? {
                    patterns.push(pattern);
                }
                Ok(Patterns(patterns))
            }
        }
        d.deserialize_any(PatternsVisitor)
    }
}

/// A `Description`: any text, not kept.
#[derive(Default)]
struct FreeText;

impl<'de> Deserialize<'de> for FreeText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = FreeText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<FreeText, E> {
                Ok(FreeText)
            }
        }
        d.deserialize_any(TextVisitor)
    }
}

/// The key of a mapping whose keys are data (account ids, check names) rather than field names.
pub(super) trait Key: Sized {
    /// The mapping, for messages: "`Accounts`".
    const MAPPING: &'static str;
    /// What a key is: "an account id or \"*\"".
    const MEANING: &'static str;
    fn from_text(text: &str) -> Result<Self, String>;
}

/// A key of `Accounts`: an account id or `*`, compared exactly (not a regex).
pub(super) struct AccountId(pub(super) String);

impl Key for AccountId {
    const MAPPING: &'static str = "`Accounts`";
    const MEANING: &'static str = "an account id or \"*\"";
    fn from_text(text: &str) -> Result<Self, String> {
        Ok(AccountId(text.to_string()))
    }
}

/// A key of `Checks`: a check id, a regex searched in the check id, or `*`.
pub(super) struct CheckName(pub(super) Pattern);

impl Key for CheckName {
    const MAPPING: &'static str = "`Checks`";
    const MEANING: &'static str = "a check name or pattern";
    fn from_text(text: &str) -> Result<Self, String> {
        // Prowler renames checks starting with `lambda` to its `awslambda` service prefix; argus uses the same ids.
        let source = match text.strip_prefix("lambda") {
            Some(rest) => format!("awslambda{rest}"),
            None => text.to_string(),
        };
        compile(&source).map(CheckName)
    }
}

/// A mapping of data keys in file order. Duplicate keys are refused: YAML (and PyYAML, in Prowler)
/// silently keeps the last of them, which drops rules without a word.
pub(super) struct Keyed<K, V>(pub(super) Vec<(K, V)>);

impl<'de, K: Key, V: Deserialize<'de>> Deserialize<'de> for Keyed<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KeyedVisitor(PhantomData))
    }
}

struct KeyedVisitor<K, V>(PhantomData<(K, V)>);

impl<'de, K: Key, V: Deserialize<'de>> Visitor<'de> for KeyedVisitor<K, V> {
    type Value = Keyed<K, V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to be a mapping with {} as keys", K::MAPPING, K::MEANING)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(E::custom(format!("{} must be a mapping with {} as keys, found nothing", K::MAPPING, K::MEANING)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        // A set keeps duplicate detection linear in a mutelist of thousands of rules.
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key_seed(KeySeed::<K> { seen: &mut seen, key: PhantomData })? {
            entries.push((key, map.next_value()?));
        }
        Ok(Keyed(entries))
    }
}

/// Reads one key, raising its errors while the parser is at the key (so they carry its position).
struct KeySeed<'a, K> {
    seen: &'a mut HashSet<String>,
    key: PhantomData<K>,
}

impl<'de, K: Key> DeserializeSeed<'de> for KeySeed<'_, K> {
    type Value = K;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K, D::Error> {
        d.deserialize_any(self)
    }
}

impl<K: Key> KeySeed<'_, K> {
    fn number<E: de::Error>(self, n: impl fmt::Display) -> Result<K, E> {
        Err(E::custom(format!("YAML read the key {n} as a number; quote it (\"{n}\") so it is {}", K::MEANING)))
    }
}

impl<K: Key> Visitor<'_> for KeySeed<'_, K> {
    type Value = K;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(K::MEANING)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<K, E> {
        if !self.seen.insert(v.to_string()) {
            let message =
                format!("duplicate key {v:?} in {}: merge the two entries (YAML keeps only one of them)", K::MAPPING);
            return Err(E::custom(message));
        }
        K::from_text(v).map_err(E::custom)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<K, E> {
        self.number(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<K, E> {
        self.number(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<K, E> {
        self.number(v)
    }
}

/// Whether a YAML text holds no document content at all: only blank lines, comments and document
/// markers. serde reads such a text as an empty mapping, which would say "missing `Mutelist:`".
pub(super) fn has_no_content(text: &str) -> bool {
    text.lines().map(str::trim).all(|l| l.is_empty() || l.starts_with('#') || l == "---" || l == "...")
}
