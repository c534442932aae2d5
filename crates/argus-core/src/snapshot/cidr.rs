//! CIDR blocks of security-group rules and network-ACL entries, parsed once when the snapshot is
//! built or read.

use ipnet::IpNet;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::net::IpAddr;

/// A CIDR block (or a bare address: one host) as EC2 wrote it, and what it parses to.
///
/// Serialised as the text EC2 returned, unchanged, so snapshots keep their JSON form. Reading never
/// fails: text that is no CIDR (a mangled reply, an emptied field) keeps `net() == None`, and the
/// checks report it as an ERROR naming the rule instead of refusing the whole snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CidrBlock {
    text: Box<str>,
    net: Option<IpNet>,
}

impl CidrBlock {
    pub fn new(text: impl Into<Box<str>>) -> Self {
        let text = text.into();
        let net = parse(&text);
        CidrBlock { text, net }
    }

    /// The text as EC2 wrote it (for messages).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The network, or `None` when the text is no CIDR argus can read.
    pub fn net(&self) -> Option<IpNet> {
        self.net
    }

    /// Every address of its family: any prefix of length 0 (`0.0.0.0/0`, `::/0`, `10.1.2.3/0`, ...).
    pub fn is_internet(&self) -> bool {
        self.net.is_some_and(|net| net.prefix_len() == 0)
    }
}

/// ipnet's reading of the trimmed text; a bare address is a single host.
fn parse(text: &str) -> Option<IpNet> {
    let text = text.trim();
    text.parse::<IpNet>().ok().or_else(|| text.parse::<IpAddr>().ok().map(IpNet::from))
}

impl From<&str> for CidrBlock {
    fn from(text: &str) -> Self {
        CidrBlock::new(text)
    }
}

impl From<String> for CidrBlock {
    fn from(text: String) -> Self {
        CidrBlock::new(text)
    }
}

impl fmt::Display for CidrBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for CidrBlock {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for CidrBlock {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(CidrBlock::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsed_once_and_written_back_as_read() {
        for (text, net) in [
            ("0.0.0.0/0", Some("0.0.0.0/0")),
            (" 10.0.0.0/8 ", Some("10.0.0.0/8")),
            ("203.0.113.5", Some("203.0.113.5/32")),
            ("2001:DB8::/32", Some("2001:db8::/32")),
            ("0.0.0.0/33", None),
            ("anywhere", None),
            ("", None),
        ] {
            let json = serde_json::to_string(text).unwrap_or_default();
            let cidr: CidrBlock = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(cidr.net().map(|n| n.to_string()).as_deref(), net, "{text:?}");
            assert_eq!(cidr.as_str(), text);
            assert_eq!(serde_json::to_string(&cidr).unwrap_or_default(), json, "the JSON form is unchanged");
        }
    }

    #[test]
    fn the_internet_in_any_spelling() {
        for text in ["0.0.0.0/0", "10.1.2.3/0", "::/0", "0:0:0:0:0:0:0:0/0", "2001:db8::/0", " ::/0\n"] {
            assert!(CidrBlock::from(text).is_internet(), "{text:?}");
        }
        for text in ["0.0.0.0/1", "::/1", "203.0.113.5", "0.0.0.0/33", ""] {
            assert!(!CidrBlock::from(text).is_internet(), "{text:?}");
        }
    }
}
