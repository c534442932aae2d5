//! Port ranges of TCP and UDP rules, and the network-ACL evaluation that turns an ordered list of
//! entries into the ports a source may use.

use crate::snapshot::{CidrBlock, NetworkAcl, NetworkAclEntry};
use ipnet::IpNet;
use serde::Serialize;
use std::fmt;

use super::IpFamily;

/// The transports whose ports argus follows (ICMP and other protocols carry no ports and are not
/// reported as reachable services).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    Tcp,
    Udp,
}

impl Transport {
    pub const ALL: [Transport; 2] = [Transport::Tcp, Transport::Udp];

    pub fn name(self) -> &'static str {
        match self {
            Transport::Tcp => "tcp",
            Transport::Udp => "udp",
        }
    }
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a rule's protocol field admits, seen from one transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProtocolMatch {
    /// `-1`: every protocol and port.
    All,
    /// The rule is for this transport (its ports apply).
    Ports,
    /// Another protocol.
    No,
}

/// Security groups write `tcp`/`udp`/`-1`, network ACLs `6`/`17`/`-1`; both are accepted, in any case.
pub(crate) fn protocol_match(protocol: &str, transport: Transport) -> ProtocolMatch {
    let p = protocol.trim();
    if p == "-1" || p.eq_ignore_ascii_case("all") {
        return ProtocolMatch::All;
    }
    let is = match transport {
        Transport::Tcp => p == "6" || p.eq_ignore_ascii_case("tcp"),
        Transport::Udp => p == "17" || p.eq_ignore_ascii_case("udp"),
    };
    if is {
        ProtocolMatch::Ports
    } else {
        ProtocolMatch::No
    }
}

pub const MAX_PORT: u16 = 65535;

/// An inclusive port range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PortSpan {
    pub from: u16,
    pub to: u16,
}

impl PortSpan {
    pub const EVERY: PortSpan = PortSpan { from: 0, to: MAX_PORT };
    /// The client ports replies go back to (the widest ephemeral range any OS uses).
    pub const EPHEMERAL: PortSpan = PortSpan { from: 1024, to: MAX_PORT };

    /// A rule's bounds; a missing or negative bound means the end of the range, a bound past 65535 is clamped.
    pub fn of_rule(from: Option<i32>, to: Option<i32>) -> PortSpan {
        let clamp = |p: i32| p.clamp(0, i32::from(MAX_PORT)) as u16;
        PortSpan { from: from.filter(|p| *p >= 0).map_or(0, clamp), to: to.filter(|p| *p >= 0).map_or(MAX_PORT, clamp) }
    }

    pub fn intersect(self, other: PortSpan) -> Option<PortSpan> {
        let from = self.from.max(other.from);
        let to = self.to.min(other.to);
        (from <= to).then_some(PortSpan { from, to })
    }

    /// What is left of `self` once `cut` is removed (zero, one or two spans).
    fn minus(self, cut: PortSpan) -> impl Iterator<Item = PortSpan> {
        let below = (cut.from > self.from).then(|| PortSpan { from: self.from, to: (cut.from - 1).min(self.to) });
        let above = (cut.to < self.to).then(|| PortSpan { from: (cut.to + 1).max(self.from), to: self.to });
        below.into_iter().chain(above).filter(|s| s.from <= s.to)
    }
}

impl fmt::Display for PortSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}-{}", self.from, self.to)
        }
    }
}

/// Ports a network ACL lets through, each with the number of the entry that allows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NaclVerdict {
    pub allowed: Vec<(PortSpan, i32)>,
    /// Lower-numbered entries that denied part of the traffic (for "why not" messages).
    pub denied_by: Vec<i32>,
}

fn entry_cidr(entry: &NetworkAclEntry) -> Option<&CidrBlock> {
    entry.cidr_block.as_ref().or(entry.ipv6_cidr_block.as_ref()).filter(|c| !c.as_str().trim().is_empty())
}

/// Evaluates the ACL's inbound (or outbound) entries in rule-number order, as AWS does, for
/// `transport` traffic with any address of `family` (the family's `/0`) on the far side.
///
/// The first entry that matches a port decides it: an allow grants it, a deny removes it from every
/// later entry; ports no entry matches are denied (the ACL's final `*` rule). Entries for a narrower
/// CIDR neither grant "from anywhere" nor take it away. `Err` names an entry argus cannot read (an
/// unknown action or an unparseable CIDR) that could decide an undecided port.
pub(crate) fn evaluate_nacl(
    acl: &NetworkAcl,
    egress: bool,
    family: IpFamily,
    transport: Transport,
) -> Result<NaclVerdict, String> {
    let mut entries: Vec<&NetworkAclEntry> = acl.entries.iter().filter(|e| e.egress == egress).collect();
    entries.sort_by_key(|e| e.rule_number);
    let mut undecided = vec![PortSpan::EVERY];
    let mut verdict = NaclVerdict { allowed: Vec::new(), denied_by: Vec::new() };
    for entry in entries {
        if undecided.is_empty() {
            break;
        }
        let span = match protocol_match(&entry.protocol, transport) {
            ProtocolMatch::No => continue,
            ProtocolMatch::All => PortSpan::EVERY,
            ProtocolMatch::Ports => PortSpan::of_rule(entry.port_from, entry.port_to),
        };
        if !undecided.iter().any(|u| u.intersect(span).is_some()) {
            continue;
        }
        let allow = entry.rule_action.trim().eq_ignore_ascii_case("allow");
        let deny = entry.rule_action.trim().eq_ignore_ascii_case("deny");
        if !allow && !deny {
            return Err(format!("rule {} has the action '{}'", entry.rule_number, entry.rule_action));
        }
        let Some(cidr) = entry_cidr(entry) else {
            return Err(format!("rule {} has no CIDR block", entry.rule_number));
        };
        let Some(net) = cidr.net() else {
            return Err(format!("rule {} has the CIDR '{cidr}', which cannot be parsed", entry.rule_number));
        };
        let same_family = matches!((net, family), (IpNet::V4(_), IpFamily::V4) | (IpNet::V6(_), IpFamily::V6));
        if !same_family || net.prefix_len() != 0 {
            continue;
        }
        let mut rest = Vec::with_capacity(undecided.len() + 1);
        for u in undecided {
            if let Some(hit) = u.intersect(span) {
                if allow {
                    verdict.allowed.push((hit, entry.rule_number));
                } else if !verdict.denied_by.contains(&entry.rule_number) {
                    verdict.denied_by.push(entry.rule_number);
                }
            }
            rest.extend(u.minus(span));
        }
        undecided = rest;
    }
    verdict.allowed.sort();
    Ok(verdict)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::{entry, nacl};

    fn spans(v: &NaclVerdict) -> Vec<(String, i32)> {
        v.allowed.iter().map(|(s, r)| (s.to_string(), *r)).collect()
    }

    #[test]
    fn spans_subtract_and_intersect() {
        let every = PortSpan::EVERY;
        let ssh = PortSpan { from: 22, to: 22 };
        assert_eq!(
            every.minus(ssh).collect::<Vec<_>>(),
            vec![PortSpan { from: 0, to: 21 }, PortSpan { from: 23, to: 65535 }]
        );
        assert_eq!(ssh.minus(every).count(), 0);
        assert_eq!(every.intersect(ssh), Some(ssh));
        assert_eq!(PortSpan { from: 80, to: 90 }.intersect(PortSpan { from: 91, to: 100 }), None);
        assert_eq!(PortSpan::of_rule(None, None), every);
        assert_eq!(PortSpan::of_rule(Some(-1), Some(-1)), every);
        assert_eq!(PortSpan::of_rule(Some(70000), Some(80000)), PortSpan { from: 65535, to: 65535 });
    }

    #[test]
    fn first_matching_entry_decides_each_port() {
        // 100 denies tcp 22 from anywhere, 200 allows every tcp port: all but 22 are open, by 200.
        let acl = nacl(
            "acl-1",
            vec![
                entry(200, "6", "allow", "0.0.0.0/0", Some((0, 65535))),
                entry(100, "6", "deny", "0.0.0.0/0", Some((22, 22))),
                // A narrower deny takes nothing away from "anywhere".
                entry(50, "-1", "deny", "198.51.100.0/24", None),
                entry(32767, "-1", "deny", "0.0.0.0/0", None),
            ],
        );
        let v = evaluate_nacl(&acl, false, IpFamily::V4, Transport::Tcp).unwrap();
        assert_eq!(spans(&v), vec![("0-21".into(), 200), ("23-65535".into(), 200)]);
        assert_eq!(v.denied_by, vec![100]);
        // The same ACL says nothing for IPv6 or UDP: the final deny (or no entry) decides.
        assert!(evaluate_nacl(&acl, false, IpFamily::V6, Transport::Tcp).unwrap().allowed.is_empty());
        assert_eq!(evaluate_nacl(&acl, false, IpFamily::V4, Transport::Udp).unwrap().denied_by, vec![32767]);
    }

    #[test]
    fn a_later_deny_does_not_shadow_and_all_traffic_covers_udp() {
        let acl = nacl(
            "acl-1",
            vec![entry(100, "-1", "allow", "::/0", None), entry(110, "17", "deny", "::/0", Some((53, 53)))],
        );
        let v = evaluate_nacl(&acl, false, IpFamily::V6, Transport::Udp).unwrap();
        assert_eq!(spans(&v), vec![("0-65535".into(), 100)]);
    }

    #[test]
    fn an_unreadable_entry_that_could_decide_is_an_error() {
        let acl = nacl(
            "acl-1",
            vec![entry(10, "-1", "deny", "0.0.0.0/x", None), entry(100, "-1", "allow", "0.0.0.0/0", None)],
        );
        let e = evaluate_nacl(&acl, false, IpFamily::V4, Transport::Tcp).unwrap_err();
        assert!(e.contains("rule 10") && e.contains("'0.0.0.0/x'"), "{e}");
        // After every port is decided, a mangled entry no longer matters.
        let acl = nacl(
            "acl-1",
            vec![entry(10, "-1", "allow", "0.0.0.0/0", None), entry(100, "-1", "deny", "0.0.0.0/x", None)],
        );
        assert!(evaluate_nacl(&acl, false, IpFamily::V4, Transport::Tcp).is_ok());
    }

    #[test]
    fn outbound_entries_are_evaluated_apart() {
        let mut out = entry(100, "-1", "allow", "0.0.0.0/0", None);
        out.egress = true;
        let acl = nacl("acl-1", vec![out, entry(100, "-1", "deny", "0.0.0.0/0", None)]);
        assert_eq!(
            spans(&evaluate_nacl(&acl, true, IpFamily::V4, Transport::Tcp).unwrap()),
            vec![("0-65535".into(), 100)]
        );
        assert!(evaluate_nacl(&acl, false, IpFamily::V4, Transport::Tcp).unwrap().allowed.is_empty());
    }
}
