//! Resource tags, shared rather than copied.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::ops::Deref;
use std::sync::Arc;

/// Tags as AWS returns them (key → value). Untrusted text.
///
/// Cloning shares the map (a reference count) instead of copying it: every finding about a resource
/// carries its tags, and a million-resource account would otherwise hold a copy per resource beside the
/// snapshot's own. Reads go through `Deref` to the map; [`Tags::insert`] copies only a shared map.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tags(Arc<BTreeMap<String, String>>);

impl Tags {
    pub fn new() -> Tags {
        Tags::default()
    }

    /// No tags (also a path for `skip_serializing_if`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sets `key` to `value`, returning the previous value.
    pub fn insert(&mut self, key: String, value: String) -> Option<String> {
        Arc::make_mut(&mut self.0).insert(key, value)
    }
}

impl Deref for Tags {
    type Target = BTreeMap<String, String>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl From<BTreeMap<String, String>> for Tags {
    fn from(map: BTreeMap<String, String>) -> Tags {
        Tags(Arc::new(map))
    }
}

impl<const N: usize> From<[(String, String); N]> for Tags {
    fn from(pairs: [(String, String); N]) -> Tags {
        Tags::from(BTreeMap::from(pairs))
    }
}

impl FromIterator<(String, String)> for Tags {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Tags {
        Tags::from(pairs.into_iter().collect::<BTreeMap<_, _>>())
    }
}

impl<'a> IntoIterator for &'a Tags {
    type Item = (&'a String, &'a String);
    type IntoIter = std::collections::btree_map::Iter<'a, String, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

// Serialised as the plain map (serde's `Arc` support is a crate-wide feature that would rebuild every
// dependent of serde, the AWS SDK included).
impl Serialize for Tags {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Tags {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tags, D::Error> {
        BTreeMap::deserialize(d).map(Tags::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_map_until_one_is_changed() {
        let tags = Tags::from([("team".to_string(), "ops".to_string())]);
        let mut copy = tags.clone();
        assert!(Arc::ptr_eq(&copy.0, &tags.0));
        copy.insert("env".into(), "prod".into());
        assert!(!Arc::ptr_eq(&copy.0, &tags.0));
        assert_eq!(tags.len(), 1);
        assert_eq!(copy.get("env").map(String::as_str), Some("prod"));
    }

    #[test]
    fn serialises_as_a_plain_map() {
        let tags: Tags = [("b".to_string(), "2".to_string()), ("a".to_string(), "1".to_string())].into_iter().collect();
        let json = serde_json::to_string(&tags).unwrap();
        assert_eq!(json, r#"{"a":"1","b":"2"}"#);
        assert_eq!(serde_json::from_str::<Tags>(&json).unwrap(), tags);
    }
}
