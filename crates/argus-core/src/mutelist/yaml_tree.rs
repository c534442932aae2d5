//! A plain YAML tree that keeps duplicate keys and key order, plus a way to find the line of any node.
//!
//! serde_yaml_ng only reports positions in errors, so validation works on this tree and, when it finds
//! a problem, [`locate`] replays the document and raises an error exactly at the offending node: the
//! parser then tells us its line and column.

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// One YAML node. Scalars keep their text so keys can be compared however YAML typed them.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Null,
    Bool(bool),
    /// A number as written back by the parser (`123456789012`, `1.5`).
    Number(String),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in document order; duplicate keys are kept so they can be reported.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// What the user wrote, for messages and for matching keys while locating.
    pub(super) fn repr(&self) -> String {
        match self {
            Node::Null => "null".into(),
            Node::Bool(b) => b.to_string(),
            Node::Number(n) => n.clone(),
            Node::Str(s) => s.clone(),
            Node::Seq(_) => "<list>".into(),
            Node::Map(_) => "<mapping>".into(),
        }
    }

    /// A short description of the node's type, for "expected X, found Y" messages.
    pub(super) fn kind(&self) -> String {
        match self {
            Node::Null => "nothing (null)".into(),
            Node::Bool(b) => format!("the boolean `{b}`"),
            Node::Number(n) => format!("the number `{n}`"),
            Node::Str(s) => format!("the string {s:?}"),
            Node::Seq(_) => "a list".into(),
            Node::Map(_) => "a mapping".into(),
        }
    }
}

impl<'de> de::Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<Node, Node>()? {
            entries.push((k, v));
        }
        Ok(Node::Map(entries))
    }
    fn visit_enum<A: EnumAccess<'de>>(self, _data: A) -> Result<Node, A::Error> {
        // Raised inside the parser's call, so the error carries the tag's position.
        Err(de::Error::custom("YAML tags such as `!tag value` are not supported in a mutelist"))
    }
}

/// One step from a parent node to a child: the `nth` entry (0-based) with this key, or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seg {
    Key { key: String, nth: usize },
    Index(usize),
}

/// Where a node sits in the document, displayed like `Mutelist.Accounts."*".Checks."s3_.*".Resources[2]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct YamlPath(pub(super) Vec<Seg>);

impl YamlPath {
    pub(super) fn key(&self, key: &str) -> YamlPath {
        self.nth_key(key, 0)
    }
    pub(super) fn nth_key(&self, key: &str, nth: usize) -> YamlPath {
        let mut segs = self.0.clone();
        segs.push(Seg::Key { key: key.to_string(), nth });
        YamlPath(segs)
    }
    pub(super) fn index(&self, i: usize) -> YamlPath {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(i));
        YamlPath(segs)
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(document root)");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key { key, .. } => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    let plain =
                        !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                    if plain {
                        f.write_str(key)?;
                    } else {
                        write!(f, "{key:?}")?;
                    }
                }
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// What to point at: the node at the path, or (for a key path) the key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Value,
    Key,
}

/// A 1-based line and column in the document.
pub(super) type LineCol = (usize, usize);

/// Marker message of the error raised at the target; any other outcome means "not found".
const HERE: &str = "argus-mutelist-locate-marker";

/// Finds the line and column of the node at `path` in `text` (which must parse).
pub(super) fn locate(text: &str, path: &YamlPath, target: Target) -> Option<LineCol> {
    let de = serde_yaml_ng::Deserializer::from_str(text);
    let probe = Probe { rest: &path.0, target };
    match probe.deserialize(de) {
        Err(e) if e.to_string().contains(HERE) => e.location().map(|l| (l.line(), l.column())),
        _ => None,
    }
}

struct Probe<'a> {
    rest: &'a [Seg],
    target: Target,
}

impl<'de> DeserializeSeed<'de> for Probe<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl Probe<'_> {
    fn at_scalar<E: de::Error>(&self) -> Result<(), E> {
        if self.rest.is_empty() {
            Err(E::custom(HERE))
        } else {
            Ok(())
        }
    }
}

impl<'de> Visitor<'de> for Probe<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.at_scalar()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.at_scalar()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.at_scalar()
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.at_scalar()
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.at_scalar()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.at_scalar()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.at_scalar()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.at_scalar()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.at_scalar()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (want, tail) = match self.rest.split_first() {
            None => return Err(de::Error::custom(HERE)),
            Some((Seg::Index(i), tail)) => (Some(*i), tail),
            Some((Seg::Key { .. }, tail)) => (None, tail),
        };
        let mut i = 0;
        loop {
            let more = if want == Some(i) {
                seq.next_element_seed(Probe { rest: tail, target: self.target })?.is_some()
            } else {
                seq.next_element::<IgnoredAny>()?.is_some()
            };
            if !more {
                return Ok(());
            }
            i += 1;
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (want, nth, tail) = match self.rest.split_first() {
            None => return Err(de::Error::custom(HERE)),
            Some((Seg::Key { key, nth }, tail)) => (Some(key.as_str()), *nth, tail),
            Some((Seg::Index(_), tail)) => (None, 0, tail),
        };
        let mut seen = 0;
        while let Some(matched) =
            map.next_key_seed(KeyProbe { want, nth, seen, point: tail.is_empty() && self.target == Target::Key })?
        {
            if matched {
                seen += 1;
                if seen == nth + 1 {
                    map.next_value_seed(Probe { rest: tail, target: self.target })?;
                    continue;
                }
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

/// Reads one key; `Ok(true)` when it is the wanted key, or an error raised at it when it is the target.
struct KeyProbe<'a> {
    want: Option<&'a str>,
    nth: usize,
    seen: usize,
    point: bool,
}

impl<'de> DeserializeSeed<'de> for KeyProbe<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl KeyProbe<'_> {
    fn check<E: de::Error>(&self, key: &str) -> Result<bool, E> {
        let matched = self.want == Some(key);
        if matched && self.point && self.seen == self.nth {
            return Err(E::custom(HERE));
        }
        Ok(matched)
    }
}

impl<'de> Visitor<'de> for KeyProbe<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping key")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        self.check(&v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        self.check(&v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        self.check(&v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<bool, E> {
        self.check(&v.to_string())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        self.check(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        self.check("null")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }
}
