//! The policy parser's fast path: a well-formed document read straight from its text into the typed
//! policy, with no JSON tree in between.
//!
//! At a million resources the engine parses 400,000 documents, and building the tree (`json`) was
//! half of that work: every object's entries collected and sorted, every list collected, only to be
//! read once and freed. This path reads each element where the text has it. It takes only documents
//! it can read without judging them: anything else — invalid JSON, a wrong shape, a repeated element
//! (where "the last one wins" would need the tree's view) — makes it give up, and the tree parser
//! reads the document instead and reports exactly what it always reported. What this path accepts, it
//! turns into the policy the tree parser would (`fuzz_tests`: random texts, both parsers); the
//! principal and condition maps come out in key order, as the tree's sorted objects give them.

use super::condition::{condition_bool, condition_number, Condition, ConditionOperator};
use super::document::{ActionSpec, Effect, Policy, ResourceSpec, Statement, POLICY_VERSION_2012};
use super::json::{Json, JsonKey, Source};
use super::principal::{principal_kind, principal_value, Principal, PrincipalSpec};
use arcstr::Substr;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;
use std::fmt;

/// The policy in `text`, or `None` when the tree parser must read it (see the module).
pub(super) fn parse(text: &str, src: Source<'_>) -> Option<Policy> {
    let mut de = serde_json::Deserializer::from_str(text);
    let policy = PolicySeed(src).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(policy)
}

/// How a visitor gives up: the message is never shown (the tree parser's error is).
fn give_up<T, E: serde::de::Error>() -> Result<T, E> {
    Err(E::custom("not on the fast path"))
}

/// Reads a key or value this path has no use for exactly as the tree parser would (so a value only
/// the tree rejects, e.g. a number out of range, still sends the document there).
fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<Json<'de>>().map(drop)
}

/// A seed read as whatever the text holds next (its `Visitor` says what it accepts).
macro_rules! seed_by_any {
    ($seed:ident<$de:lifetime> => $value:ty) => {
        impl<$de> DeserializeSeed<$de> for $seed<'_> {
            type Value = $value;
            fn deserialize<D: Deserializer<$de>>(self, d: D) -> Result<$value, D::Error> {
                d.deserialize_any(self)
            }
        }
    };
}

macro_rules! expecting {
    ($what:literal) => {
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str($what)
        }
    };
}

struct PolicySeed<'s>(Source<'s>);

seed_by_any!(PolicySeed<'de> => Policy);

impl<'de> Visitor<'de> for PolicySeed<'_> {
    type Value = Policy;
    expecting!("a policy object");

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Policy, A::Error> {
        let src = self.0;
        let (mut version, mut id, mut statements) = (None, None, None);
        while let Some(key) = map.next_key::<JsonKey<'de>>()? {
            match key.0.as_ref() {
                "Version" if version.is_none() => version = Some(map.next_value_seed(StringSeed(src))?),
                "Id" if id.is_none() => id = Some(map.next_value_seed(StringSeed(src))?),
                "Statement" if statements.is_none() => statements = Some(map.next_value_seed(StatementsSeed(src))?),
                "Version" | "Id" | "Statement" => return give_up(),
                _ => skip(&mut map)?,
            }
        }
        let Some(mut statements) = statements else {
            return give_up();
        };
        // The Version may come after the statements in the text.
        let policy_variables = version.as_deref() == Some(POLICY_VERSION_2012);
        for statement in &mut statements {
            statement.policy_variables = policy_variables;
        }
        Ok(Policy::new(version, id, statements))
    }
}

/// A string, as a view of the text where it has no escapes.
#[derive(Clone, Copy)]
struct StringSeed<'s>(Source<'s>);

seed_by_any!(StringSeed<'de> => Substr);

impl<'de> Visitor<'de> for StringSeed<'_> {
    type Value = Substr;
    expecting!("a string");

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Substr, E> {
        Ok(self.0.text(s))
    }
}

/// The Statement element: one statement object or a list of them.
struct StatementsSeed<'s>(Source<'s>);

seed_by_any!(StatementsSeed<'de> => Vec<Statement>);

impl<'de> Visitor<'de> for StatementsSeed<'_> {
    type Value = Vec<Statement>;
    expecting!("a statement or a list of statements");

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<Statement>, A::Error> {
        Ok(vec![StatementSeed(self.0).visit_map(map)?])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<Statement>, A::Error> {
        elements(seq, StatementSeed(self.0))
    }
}

#[derive(Clone, Copy)]
struct StatementSeed<'s>(Source<'s>);

seed_by_any!(StatementSeed<'de> => Statement);

impl<'de> Visitor<'de> for StatementSeed<'_> {
    type Value = Statement;
    expecting!("a statement object");

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Statement, A::Error> {
        let src = self.0;
        let mut sid = None;
        let mut effect = None;
        let mut actions = None;
        let mut resources = None;
        let mut principals = None;
        let mut conditions = None;
        while let Some(key) = map.next_key::<JsonKey<'de>>()? {
            // Each element once, and never with its opposite (Action and NotAction): otherwise the tree
            // parser decides.
            match key.0.as_ref() {
                "Sid" if sid.is_none() => sid = Some(map.next_value_seed(StringSeed(src))?),
                "Effect" if effect.is_none() => {
                    let Some(parsed) = Effect::parse(&map.next_value::<JsonKey<'de>>()?.0) else {
                        return give_up();
                    };
                    effect = Some(parsed);
                }
                "Action" if actions.is_none() => {
                    actions = Some(ActionSpec::Action(map.next_value_seed(StringListSeed(src))?));
                }
                "NotAction" if actions.is_none() => {
                    actions = Some(ActionSpec::NotAction(map.next_value_seed(StringListSeed(src))?));
                }
                "Resource" if resources.is_none() => {
                    resources = Some(ResourceSpec::Resource(map.next_value_seed(StringListSeed(src))?));
                }
                "NotResource" if resources.is_none() => {
                    resources = Some(ResourceSpec::NotResource(map.next_value_seed(StringListSeed(src))?));
                }
                "Principal" if principals.is_none() => {
                    principals = Some(PrincipalSpec::Principal(map.next_value_seed(PrincipalsSeed(src))?));
                }
                "NotPrincipal" if principals.is_none() => {
                    principals = Some(PrincipalSpec::NotPrincipal(map.next_value_seed(PrincipalsSeed(src))?));
                }
                "Condition" if conditions.is_none() => conditions = Some(map.next_value_seed(ConditionsSeed(src))?),
                "Sid" | "Effect" | "Action" | "NotAction" | "Resource" | "NotResource" | "Principal"
                | "NotPrincipal" | "Condition" => return give_up(),
                _ => skip(&mut map)?,
            }
        }
        let (Some(effect), Some(actions)) = (effect, actions) else {
            return give_up();
        };
        Ok(Statement {
            sid,
            effect,
            actions,
            resources: resources.unwrap_or(ResourceSpec::Unspecified),
            principals,
            conditions: conditions.unwrap_or_default(),
            // Set once the policy's Version is known.
            policy_variables: false,
        })
    }
}

/// A string or a list of strings (Action, Resource, principal values).
#[derive(Clone, Copy)]
struct StringListSeed<'s>(Source<'s>);

seed_by_any!(StringListSeed<'de> => Box<[Substr]>);

impl<'de> Visitor<'de> for StringListSeed<'_> {
    type Value = Box<[Substr]>;
    expecting!("a string or a list of strings");

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Box<[Substr]>, E> {
        Ok(Box::new([self.0.text(s)]))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Box<[Substr]>, A::Error> {
        elements(seq, StringSeed(self.0)).map(Vec::into_boxed_slice)
    }
}

/// Every element of a list, each read by `seed`.
fn elements<'de, A, S>(mut seq: A, seed: S) -> Result<Vec<S::Value>, A::Error>
where
    A: SeqAccess<'de>,
    S: DeserializeSeed<'de> + Copy,
{
    let mut items = Vec::with_capacity(4);
    while let Some(item) = seq.next_element_seed(seed)? {
        items.push(item);
    }
    Ok(items)
}

/// Every entry of a map in the text's order: its key as written, its value read by `seed`.
fn entries<'de, A, S>(mut map: A, seed: S) -> Result<Vec<(JsonKey<'de>, S::Value)>, A::Error>
where
    A: MapAccess<'de>,
    S: DeserializeSeed<'de> + Copy,
{
    let mut entries = Vec::with_capacity(2);
    while let Some(key) = map.next_key::<JsonKey<'de>>()? {
        entries.push((key, map.next_value_seed(seed)?));
    }
    Ok(entries)
}

/// A map read in key order, as the tree parser's sorted objects are; `None` when a key repeats.
fn in_key_order<V>(mut entries: Vec<(JsonKey<'_>, V)>) -> Option<Vec<(JsonKey<'_>, V)>> {
    if !entries.is_sorted_by(|a, b| a.0 .0 < b.0 .0) {
        entries.sort_by(|a, b| a.0 .0.cmp(&b.0 .0));
        if entries.windows(2).any(|pair| pair[0].0 .0 == pair[1].0 .0) {
            return None;
        }
    }
    Some(entries)
}

/// Principal / NotPrincipal: `"*"` or a map of principal types to a string or list.
struct PrincipalsSeed<'s>(Source<'s>);

seed_by_any!(PrincipalsSeed<'de> => Box<[Principal]>);

impl<'de> Visitor<'de> for PrincipalsSeed<'_> {
    type Value = Box<[Principal]>;
    expecting!("\"*\" or a map of principals");

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Box<[Principal]>, E> {
        if s == "*" {
            Ok(Box::new([Principal::Any]))
        } else {
            give_up()
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Box<[Principal]>, A::Error> {
        let Some(entries) = in_key_order(entries(map, StringListSeed(self.0))?) else {
            return give_up();
        };
        let mut principals = Vec::with_capacity(entries.iter().map(|(_, values)| values.len()).sum());
        for (kind, values) in entries {
            let Some(make) = principal_kind(&kind.0) else {
                return give_up();
            };
            principals.extend(values.into_vec().into_iter().map(|v| principal_value(make, v)));
        }
        Ok(principals.into_boxed_slice())
    }
}

/// The Condition block: operator → condition key → a value or a list of values.
struct ConditionsSeed<'s>(Source<'s>);

seed_by_any!(ConditionsSeed<'de> => Box<[Condition]>);

impl<'de> Visitor<'de> for ConditionsSeed<'_> {
    type Value = Box<[Condition]>;
    expecting!("a condition block");

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Box<[Condition]>, A::Error> {
        let src = self.0;
        let Some(operators) = in_key_order(entries(map, ConditionKeysSeed(src))?) else {
            return give_up();
        };
        let mut conditions = Vec::with_capacity(operators.iter().map(|(_, keys)| keys.len()).sum());
        for (operator, keys) in operators {
            let operator = ConditionOperator::from_text(src.text(&operator.0));
            let Some(keys) = in_key_order(keys) else {
                return give_up();
            };
            for (key, values) in keys {
                conditions.push(Condition::new(operator.clone(), &key.0, src, values));
            }
        }
        Ok(conditions.into_boxed_slice())
    }
}

/// One operator's map of condition keys to values, in the text's order.
#[derive(Clone, Copy)]
struct ConditionKeysSeed<'s>(Source<'s>);

type KeyedValues<'de> = Vec<(JsonKey<'de>, Box<[Substr]>)>;

seed_by_any!(ConditionKeysSeed<'de> => KeyedValues<'de>);

impl<'de> Visitor<'de> for ConditionKeysSeed<'_> {
    type Value = KeyedValues<'de>;
    expecting!("a map of condition keys");

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<KeyedValues<'de>, A::Error> {
        entries(map, ConditionValuesSeed(self.0))
    }
}

/// One condition value: a string, number or boolean, as text (`false` and `"false"` alike).
#[derive(Clone, Copy)]
struct ScalarSeed<'s>(Source<'s>);

seed_by_any!(ScalarSeed<'de> => Substr);

impl<'de> Visitor<'de> for ScalarSeed<'_> {
    type Value = Substr;
    expecting!("a string, number or boolean");

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Substr, E> {
        Ok(self.0.text(s))
    }

    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Substr, E> {
        Ok(condition_bool(b))
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Substr, E> {
        Ok(condition_number(&n.into()))
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Substr, E> {
        Ok(condition_number(&n.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Substr, E> {
        // As the tree reads it: a number that has no JSON form is null, which is no condition value.
        match Number::from_f64(n) {
            Some(n) => Ok(condition_number(&n)),
            None => give_up(),
        }
    }
}

/// A condition value or a list of them.
#[derive(Clone, Copy)]
struct ConditionValuesSeed<'s>(Source<'s>);

seed_by_any!(ConditionValuesSeed<'de> => Box<[Substr]>);

impl<'de> Visitor<'de> for ConditionValuesSeed<'_> {
    type Value = Box<[Substr]>;
    expecting!("a condition value or a list of them");

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Box<[Substr]>, E> {
        ScalarSeed(self.0).visit_str(s).map(one)
    }

    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Box<[Substr]>, E> {
        ScalarSeed(self.0).visit_bool(b).map(one)
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Box<[Substr]>, E> {
        ScalarSeed(self.0).visit_u64(n).map(one)
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Box<[Substr]>, E> {
        ScalarSeed(self.0).visit_i64(n).map(one)
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Box<[Substr]>, E> {
        ScalarSeed(self.0).visit_f64(n).map(one)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Box<[Substr]>, A::Error> {
        elements(seq, ScalarSeed(self.0)).map(Vec::into_boxed_slice)
    }
}

fn one(value: Substr) -> Box<[Substr]> {
    Box::new([value])
}
