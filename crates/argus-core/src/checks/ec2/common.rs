//! Helpers shared by the EC2 / VPC checks: resources, "the internet" as a CIDR, security-group port
//! logic and network-ACL rule evaluation.

use crate::engine::{ArcStr, CheckContext, Findings, ProwlerIds, Resource};
use crate::snapshot::{
    CidrBlock, EbsSnapshot, Ec2Region, Fetched, Image, Instance, NetworkAcl, NetworkAclEntry, SecurityGroup,
    SecurityGroupRule, Tags,
};
use ipnet::IpNet;
use std::sync::Arc;

/// Runs `f` for every region whose EC2 data was collected.
pub(crate) fn each_region<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    f: impl FnMut(&'a str, &'a Ec2Region, &mut Findings),
) {
    ctx.each_collected(out, |d| d.ec2.as_ref(), f);
}

/// The `Name` tag, else the id (the same shared string).
pub(crate) fn display_name(tags: &Tags, id: &ArcStr) -> ArcStr {
    match tags.get("Name").filter(|n| !n.trim().is_empty()) {
        Some(name) => name.as_str().into(),
        None => id.clone(),
    }
}

/// An EC2 resource of the audited account (`kind` is the ARN resource type: `volume`, `instance`, ...):
/// its id and tags.
pub(crate) fn ec2_resource(ctx: &CheckContext<'_>, region: &str, kind: &str, id: &str, tags: &Tags) -> Arc<Resource> {
    Arc::new({
        let id = ArcStr::from(id);
        Resource {
            arn: format!("arn:{}:ec2:{region}:{}:{kind}/{id}", ctx.partition(), ctx.account_id()).into(),
            name: display_name(tags, &id),
            id,
            region: ctx.region_name(region),
            tags: tags.clone(),
        }
    })
}

/// An EBS snapshot as a finding's resource (snapshot ARNs carry no account id).
pub(crate) fn snapshot_resource<'a>(ctx: &CheckContext<'a>, region: &str, snap: &'a EbsSnapshot) -> Arc<Resource> {
    Arc::new({
        let id = ArcStr::from(snap.id.as_str());
        Resource {
            arn: format!("arn:{}:ec2:{region}::snapshot/{id}", ctx.partition()).into(),
            name: display_name(&snap.tags, &id),
            id,
            region: ctx.region_name(region),
            tags: snap.tags.clone(),
        }
    })
}

/// An AMI as a finding's resource: its name, else its id (AMI ARNs carry no account id).
pub(crate) fn image_resource<'a>(ctx: &CheckContext<'a>, region: &str, image: &'a Image) -> Arc<Resource> {
    Arc::new({
        let id = ArcStr::from(image.id.as_str());
        Resource {
            arn: format!("arn:{}:ec2:{region}::image/{id}", ctx.partition()).into(),
            name: match image.name.as_deref().filter(|n| !n.trim().is_empty()) {
                Some(name) => name.into(),
                None => display_name(&image.tags, &id),
            },
            id,
            region: ctx.region_name(region),
            tags: image.tags.clone(),
        }
    })
}

/// The instances of a region that still exist (terminated ones are skipped), or one ERROR for the
/// region when the listing failed.
pub(crate) fn live_instances<'a>(
    ctx: &CheckContext<'_>,
    region: &str,
    ec2: &'a Ec2Region,
    out: &mut Findings,
) -> Option<Vec<&'a Instance>> {
    match &ec2.instances {
        Fetched::Ok(list) => Some(
            list.iter().filter(|i| !i.state.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("terminated"))).collect(),
        ),
        Fetched::Err(e) => {
            out.error(ctx.region_resource(region), e);
            None
        }
    }
}

/// An instance as a finding's resource.
pub(crate) fn instance_resource<'a>(ctx: &CheckContext<'a>, region: &str, instance: &'a Instance) -> Arc<Resource> {
    ec2_resource(ctx, region, "instance", &instance.id, &instance.tags)
}

/// A security group as a finding's resource (name = group name).
pub(crate) fn sg_resource<'a>(ctx: &CheckContext<'a>, region: &str, sg: &'a SecurityGroup) -> Arc<Resource> {
    Arc::new({
        let owner = sg.owner_id.as_deref().filter(|o| !o.is_empty()).unwrap_or(ctx.account_id());
        Resource {
            id: sg.id.clone(),
            arn: format!("arn:{}:ec2:{region}:{owner}:security-group/{}", ctx.partition(), sg.id).into(),
            name: sg.name.clone(),
            region: ctx.region_name(region),
            tags: sg.tags.clone(),
        }
    })
}

/// The security groups of a region, or — when the listing failed — one ERROR for the region.
pub(crate) fn groups_or_error<'a>(
    ctx: &CheckContext<'_>,
    region: &str,
    ec2: &'a Ec2Region,
    out: &mut Findings,
) -> Option<&'a [SecurityGroup]> {
    match &ec2.security_groups {
        Fetched::Ok(groups) => Some(groups),
        Fetched::Err(e) => {
            out.error(ctx.region_resource(region), e);
            None
        }
    }
}

/// How a CIDR string relates to "anywhere".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cidr {
    /// A `/0`: every IPv4 or every IPv6 address.
    Internet(Family),
    /// A narrower range or a single address.
    Narrower(Family),
    /// Not a CIDR argus can read.
    Unparseable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    V4,
    V6,
}

/// Classifies a CIDR: any prefix of length 0 (`0.0.0.0/0`, `::/0`, or an odd spelling of either) is the internet.
pub(crate) fn classify_cidr(cidr: &CidrBlock) -> Cidr {
    match cidr.net() {
        Some(net) => net_class(net),
        None => Cidr::Unparseable,
    }
}

/// A network is the internet when its prefix is empty (`/0`).
fn net_class(net: IpNet) -> Cidr {
    let family = match net {
        IpNet::V4(_) => Family::V4,
        IpNet::V6(_) => Family::V6,
    };
    if net.prefix_len() == 0 {
        Cidr::Internet(family)
    } else {
        Cidr::Narrower(family)
    }
}

/// IPv4 ranges whose addresses are not globally routable (IANA's special-purpose registry, as Python's
/// `ipaddress` reads it: private, shared, loopback, link-local, documentation, benchmarking, reserved).
const NOT_GLOBAL_V4: &[&str] = &[
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "240.0.0.0/4",
];

/// IPv6 ranges inside the global unicast space `2000::/3` that are not globally routable: IETF
/// protocol assignments, documentation (two), 6to4.
const NOT_GLOBAL_V6: &[&str] = &["2001::/23", "2001:db8::/32", "3fff::/20", "2002::/16"];

/// Whether a network holds globally routable addresses: it is not wholly inside a special-purpose
/// range (for IPv6: it reaches into `2000::/3`, the global unicast space, and not only into a
/// special-purpose part of it).
pub(crate) fn is_globally_routable(net: IpNet) -> bool {
    let inside =
        |ranges: &[&str]| ranges.iter().filter_map(|r| r.parse::<IpNet>().ok()).any(|special| special.contains(&net));
    match net {
        IpNet::V4(_) => !inside(NOT_GLOBAL_V4),
        IpNet::V6(_) => {
            let global_unicast: IpNet = "2000::/3".parse().expect("valid network");
            (global_unicast.contains(&net) || net.contains(&global_unicast)) && !inside(NOT_GLOBAL_V6)
        }
    }
}

/// A rule's or entry's IP protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Protocol {
    All,
    Tcp,
    Udp,
    Icmp,
    Icmpv6,
    Other(String),
}

impl Protocol {
    pub(crate) fn parse(text: &str) -> Protocol {
        let text = text.trim();
        let is = |name: &str| text.eq_ignore_ascii_case(name);
        match text {
            "-1" => Protocol::All,
            "6" => Protocol::Tcp,
            "17" => Protocol::Udp,
            "1" => Protocol::Icmp,
            "58" => Protocol::Icmpv6,
            _ if is("all") => Protocol::All,
            _ if is("tcp") => Protocol::Tcp,
            _ if is("udp") => Protocol::Udp,
            _ if is("icmp") => Protocol::Icmp,
            _ if is("icmpv6") => Protocol::Icmpv6,
            other => Protocol::Other(other.to_ascii_lowercase()),
        }
    }

    fn has_ports(&self) -> bool {
        matches!(self, Protocol::Tcp | Protocol::Udp)
    }
}

pub(crate) const MAX_PORT: i32 = 65535;

/// The port range of a TCP/UDP rule; a missing or negative bound means "every port".
pub(crate) fn port_range(from: Option<i32>, to: Option<i32>) -> (i32, i32) {
    let lo = from.filter(|p| *p >= 0).unwrap_or(0);
    let hi = to.filter(|p| *p >= 0).unwrap_or(MAX_PORT);
    (lo, hi)
}

fn ports_label(name: &str, from: Option<i32>, to: Option<i32>) -> String {
    let (lo, hi) = port_range(from, to);
    if lo == hi {
        format!("{name} {lo}")
    } else {
        format!("{name} {lo}-{hi}")
    }
}

/// `all traffic`, `tcp 22`, `udp 0-65535`, `icmp`, `protocol 50`.
pub(crate) fn protocol_label(protocol: &str, from: Option<i32>, to: Option<i32>) -> String {
    match Protocol::parse(protocol) {
        Protocol::All => "all traffic".to_string(),
        Protocol::Tcp => ports_label("tcp", from, to),
        Protocol::Udp => ports_label("udp", from, to),
        Protocol::Icmp => "icmp".to_string(),
        Protocol::Icmpv6 => "icmpv6".to_string(),
        Protocol::Other(p) => format!("protocol {p}"),
    }
}

pub(crate) fn rule_label(rule: &SecurityGroupRule) -> String {
    protocol_label(&rule.protocol, rule.from_port, rule.to_port)
}

/// Whether a security-group rule admits TCP traffic to `port`.
pub(crate) fn rule_admits_tcp_port(rule: &SecurityGroupRule, port: i32) -> bool {
    match Protocol::parse(&rule.protocol) {
        Protocol::All => true,
        Protocol::Tcp => {
            let (lo, hi) = port_range(rule.from_port, rule.to_port);
            lo <= port && port <= hi
        }
        _ => false,
    }
}

/// Which of `ports` a rule admits over TCP (the protocol read once, not once per port).
pub(crate) fn admitted_tcp_ports(rule: &SecurityGroupRule, ports: &[u16]) -> Vec<u16> {
    match Protocol::parse(&rule.protocol) {
        Protocol::All => ports.to_vec(),
        Protocol::Tcp => {
            let (lo, hi) = port_range(rule.from_port, rule.to_port);
            ports.iter().copied().filter(|p| (lo..=hi).contains(&i32::from(*p))).collect()
        }
        _ => Vec::new(),
    }
}

/// Whether a rule admits every port: all traffic, or a TCP/UDP rule spanning 0-65535.
pub(crate) fn rule_admits_all_ports(rule: &SecurityGroupRule) -> bool {
    let protocol = Protocol::parse(&rule.protocol);
    match protocol {
        Protocol::All => true,
        _ if protocol.has_ports() => port_range(rule.from_port, rule.to_port) == (0, MAX_PORT),
        _ => false,
    }
}

/// A rule's IPv4 and IPv6 sources that are the internet, and the ones that could not be parsed.
pub(crate) fn internet_sources(rule: &SecurityGroupRule) -> (Vec<&str>, Vec<&str>) {
    let mut internet = Vec::new();
    let mut unparseable = Vec::new();
    for cidr in rule.ipv4_ranges.iter().chain(&rule.ipv6_ranges) {
        match classify_cidr(cidr) {
            Cidr::Internet(_) => internet.push(cidr.as_str()),
            Cidr::Narrower(_) => {}
            Cidr::Unparseable => unparseable.push(cidr.as_str()),
        }
    }
    (internet, unparseable)
}

/// Every source of a rule: CIDRs, prefix lists and referenced groups.
pub(crate) fn rule_sources(rule: &SecurityGroupRule) -> String {
    let all: Vec<&str> = rule
        .ipv4_ranges
        .iter()
        .chain(&rule.ipv6_ranges)
        .map(CidrBlock::as_str)
        .chain(rule.prefix_list_ids.iter().chain(&rule.referenced_groups).map(String::as_str))
        .collect();
    if all.is_empty() {
        "no source".to_string()
    } else {
        all.join(", ")
    }
}

/// The shared body of the "security group admits the internet to …" checks: one finding per group.
///
/// `in_scope` returns, for an ingress rule that reaches what the check is about, how to name it in a
/// message (e.g. `tcp 0-65535`); `None` for rules the check ignores. `subject` completes "admits
/// 0.0.0.0/0 or ::/0 to …".
pub(crate) fn judge_internet_ingress(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    subject: &str,
    in_scope: impl Fn(&SecurityGroupRule) -> Option<String>,
) {
    judge_internet_ingress_answering(ctx, out, subject, in_scope, |_| None);
}

/// [`judge_internet_ingress`] for a check with scoped Prowler aliases: `answers` names the Prowler
/// ids a verdict answers, given the exposed rules of a FAIL (`None` for a PASS).
pub(crate) fn judge_internet_ingress_answering(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    subject: &str,
    in_scope: impl Fn(&SecurityGroupRule) -> Option<String>,
    answers: impl Fn(Option<&[&SecurityGroupRule]>) -> Option<ProwlerIds>,
) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(groups) = groups_or_error(ctx, region, ec2, out) else {
            return;
        };
        for sg in groups {
            let mut exposed = Vec::new();
            let mut exposed_rules = Vec::new();
            let mut unreadable = Vec::new();
            // Sources of internet rules without a protocol: such a rule may admit any port.
            let mut no_protocol = Vec::new();
            for rule in &sg.ingress {
                let (internet, unparseable) = internet_sources(rule);
                if rule.protocol.trim().is_empty() {
                    no_protocol.extend(internet);
                    continue;
                }
                // A rule from elsewhere is not judged: its label is not needed.
                if internet.is_empty() && unparseable.is_empty() {
                    continue;
                }
                let Some(label) = in_scope(rule) else {
                    continue;
                };
                if !internet.is_empty() {
                    exposed.push(format!("{label} from {}", internet.join(", ")));
                    exposed_rules.push(rule);
                }
                if !unparseable.is_empty() {
                    unreadable.push(format!("{label} from {}", quoted(&unparseable)));
                }
            }
            let r = sg_resource(ctx, region, sg);
            if !exposed.is_empty() {
                let mut msg = format!("Security group admits the internet to {subject}: {}.", exposed.join("; "));
                if !unreadable.is_empty() {
                    msg.push_str(&format!(" Not evaluated (unparseable CIDR): {}.", unreadable.join("; ")));
                }
                if !no_protocol.is_empty() {
                    msg.push_str(&format!(" Not evaluated (no IpProtocol): rule from {}.", no_protocol.join(", ")));
                }
                match answers(Some(&exposed_rules)) {
                    Some(mut prowler) => {
                        // Rules left unjudged may expose ports no answered id names.
                        prowler.partial |= !unreadable.is_empty() || !no_protocol.is_empty();
                        out.fail_answering(prowler, r, msg);
                    }
                    None => out.fail(r, msg),
                }
            } else if !unreadable.is_empty() || !no_protocol.is_empty() {
                let mut reasons = Vec::new();
                if !unreadable.is_empty() {
                    reasons.push(format!("the source CIDR of ingress rule {} cannot be parsed", unreadable.join("; ")));
                }
                if !no_protocol.is_empty() {
                    reasons.push(format!(
                        "EC2 reported no protocol (IpProtocol) for the ingress rule from {}",
                        no_protocol.join(", ")
                    ));
                }
                out.error_message(r, format_args!("could not be evaluated: {}.", reasons.join("; ")));
            } else {
                let msg = format_args!("No ingress rule admits 0.0.0.0/0 or ::/0 to {subject}.");
                match answers(None) {
                    Some(prowler) => out.pass_answering(prowler, r, msg),
                    None => out.pass(r, msg),
                }
            }
        }
    });
}

pub(crate) fn quoted(items: &[&str]) -> String {
    items.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ")
}

/// What a network-ACL check asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NaclTarget {
    /// TCP traffic to one port (matched by protocol `-1` or `6` entries covering the port).
    TcpPort(i32),
    /// Every protocol and port (matched only by protocol `-1` entries).
    AllTraffic,
}

/// The outcome of evaluating a network ACL's inbound entries for traffic from one family's `/0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NaclOutcome {
    /// The first matching entry allows it (description of that entry).
    Allowed(String),
    /// The first matching entry denies it; the description also names a later allow it shadows, if any.
    Denied(String),
    /// No entry matches (NACLs end with an implicit deny).
    NoMatch,
    /// An entry before the deciding one has a CIDR argus cannot parse (descriptions of those entries).
    Unknown(Vec<String>),
}

fn entry_cidr(entry: &NetworkAclEntry) -> Option<&CidrBlock> {
    entry.cidr_block.as_ref().or(entry.ipv6_cidr_block.as_ref()).filter(|c| !c.as_str().trim().is_empty())
}

fn entry_matches(entry: &NetworkAclEntry, target: NaclTarget, allow: bool) -> bool {
    match (Protocol::parse(&entry.protocol), target) {
        (Protocol::All, _) => true,
        (Protocol::Tcp, NaclTarget::TcpPort(port)) => match (entry.port_from, entry.port_to) {
            (Some(lo), Some(hi)) => lo <= port && port <= hi,
            // A TCP entry without a port range: assume it covers the port when it allows (fail closed),
            // but never let it hide an allow when it denies.
            _ => allow,
        },
        _ => false,
    }
}

pub(crate) fn describe_entry(entry: &NetworkAclEntry) -> String {
    let verb = if entry.rule_action.eq_ignore_ascii_case("deny") { "denies" } else { "allows" };
    format!(
        "rule {} {verb} {} from {}",
        entry.rule_number,
        protocol_label(&entry.protocol, entry.port_from, entry.port_to),
        entry_cidr(entry).map_or("no source", CidrBlock::as_str)
    )
}

/// Evaluates inbound entries in rule-number order, as AWS does, for traffic from `family`'s `/0`
/// matching `target`. Entries for narrower CIDRs neither grant "from anywhere" nor shadow it.
pub(crate) fn evaluate_nacl(acl: &NetworkAcl, family: Family, target: NaclTarget) -> NaclOutcome {
    let mut entries: Vec<&NetworkAclEntry> = acl.entries.iter().filter(|e| !e.egress).collect();
    entries.sort_by_key(|e| e.rule_number);
    let mut unparseable = Vec::new();
    let mut decided: Option<(bool, &NetworkAclEntry)> = None;
    let mut shadowed_allow: Option<&NetworkAclEntry> = None;
    for entry in entries {
        let allow = entry.rule_action.eq_ignore_ascii_case("allow");
        let deny = entry.rule_action.eq_ignore_ascii_case("deny");
        // An entry whose action or source is not known may be the one that decides.
        let unknown = if !allow && !deny {
            Some(format!("rule {} with action '{}'", entry.rule_number, entry.rule_action))
        } else if entry_cidr(entry).is_none() {
            Some(format!("rule {} without a CIDR block", entry.rule_number))
        } else {
            None
        };
        if let Some(what) = unknown {
            if decided.is_none() && entry_matches(entry, target, true) {
                unparseable.push(what);
            }
            continue;
        }
        let Some(cidr) = entry_cidr(entry) else {
            continue;
        };
        match classify_cidr(cidr) {
            Cidr::Internet(f) if f == family => {}
            Cidr::Unparseable => {
                if decided.is_none() && entry_matches(entry, target, true) {
                    unparseable.push(format!("rule {} with CIDR '{cidr}'", entry.rule_number));
                }
                continue;
            }
            _ => continue,
        }
        if !entry_matches(entry, target, allow) {
            continue;
        }
        match decided {
            None => decided = Some((allow, entry)),
            Some((false, _)) if allow => {
                shadowed_allow = Some(entry);
                break;
            }
            Some(_) => {}
        }
        if matches!(decided, Some((true, _))) {
            break;
        }
    }
    if !unparseable.is_empty() {
        return NaclOutcome::Unknown(unparseable);
    }
    match decided {
        Some((true, entry)) => NaclOutcome::Allowed(describe_entry(entry)),
        Some((false, entry)) => NaclOutcome::Denied(match shadowed_allow {
            Some(later) => format!("{} before {}", describe_entry(entry), describe_entry(later)),
            None => describe_entry(entry),
        }),
        None => NaclOutcome::NoMatch,
    }
}

/// A network ACL as a finding's resource.
pub(crate) fn nacl_resource<'a>(ctx: &CheckContext<'a>, region: &str, acl: &'a NetworkAcl) -> Arc<Resource> {
    ec2_resource(ctx, region, "network-acl", &acl.id, &acl.tags)
}

/// The shared body of the network-ACL ingress checks: one finding per ACL.
pub(crate) fn judge_nacl_ingress(ctx: &CheckContext<'_>, out: &mut Findings, target: NaclTarget, subject: &str) {
    each_region(ctx, out, |region, ec2, out| {
        let acls = match &ec2.network_acls {
            Fetched::Ok(acls) => acls,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for acl in acls {
            let mut open = Vec::new();
            let mut unknown = Vec::new();
            let mut denied = Vec::new();
            for family in [Family::V4, Family::V6] {
                match evaluate_nacl(acl, family, target) {
                    NaclOutcome::Allowed(d) => open.push(d),
                    NaclOutcome::Denied(d) => denied.push(d),
                    NaclOutcome::NoMatch => {}
                    NaclOutcome::Unknown(list) => {
                        // An unparseable entry is undecided for both families: name it once.
                        for item in list {
                            if !unknown.contains(&item) {
                                unknown.push(item);
                            }
                        }
                    }
                }
            }
            let r = nacl_resource(ctx, region, acl);
            if !open.is_empty() {
                let mut msg =
                    format!("Network ACL allows ingress from the internet to {subject}: {}.", open.join("; "));
                if !unknown.is_empty() {
                    msg.push_str(&format!(" Also not evaluated: {}.", unknown.join("; ")));
                }
                out.fail(r, msg);
            } else if !unknown.is_empty() {
                out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: inbound {} cannot be parsed and comes before the entry deciding {subject}.",
                        unknown.join("; ")
                    ),
                );
            } else if denied.is_empty() {
                out.pass(r, format_args!("No inbound entry allows 0.0.0.0/0 or ::/0 to {subject}."));
            } else {
                out.pass(
                    r,
                    format_args!("No inbound entry lets 0.0.0.0/0 or ::/0 reach {subject}: {}.", denied.join("; ")),
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;

    #[test]
    fn protocols_by_name_or_number_in_any_case() {
        for (text, expected) in [
            ("-1", Protocol::All),
            (" ALL ", Protocol::All),
            ("TCP", Protocol::Tcp),
            ("6", Protocol::Tcp),
            ("Udp", Protocol::Udp),
            ("17", Protocol::Udp),
            ("icmp", Protocol::Icmp),
            ("1", Protocol::Icmp),
            ("ICMPv6", Protocol::Icmpv6),
            ("58", Protocol::Icmpv6),
            ("GRE", Protocol::Other("gre".into())),
            ("47", Protocol::Other("47".into())),
        ] {
            assert_eq!(Protocol::parse(text), expected, "{text:?}");
        }
    }

    #[test]
    fn internet_cidrs_in_any_spelling() {
        for (text, expected) in [
            ("0.0.0.0/0", Cidr::Internet(Family::V4)),
            (" 0.0.0.0/0 ", Cidr::Internet(Family::V4)),
            ("10.1.2.3/0", Cidr::Internet(Family::V4)),
            ("::/0", Cidr::Internet(Family::V6)),
            ("0:0:0:0:0:0:0:0/0", Cidr::Internet(Family::V6)),
            ("2001:db8::/0", Cidr::Internet(Family::V6)),
            ("0.0.0.0/1", Cidr::Narrower(Family::V4)),
            ("10.0.0.0/8", Cidr::Narrower(Family::V4)),
            ("::/1", Cidr::Narrower(Family::V6)),
            ("203.0.113.5", Cidr::Narrower(Family::V4)),
            ("0.0.0.0/33", Cidr::Unparseable),
            ("anywhere", Cidr::Unparseable),
            ("", Cidr::Unparseable),
        ] {
            assert_eq!(classify_cidr(&text.into()), expected, "{text:?}");
        }
    }

    /// CIDRs are parsed when a saved snapshot is read: a mangled one still loads, keeps its text, and
    /// is reported as an ERROR naming the rule, never a PASS.
    #[test]
    fn a_saved_snapshot_with_a_mangled_cidr_loads_and_errors() {
        use crate::checks::ec2::ec2_networkacl_allow_ingress_tcp_port_22 as nacl_22;
        use crate::checks::ec2::ec2_securitygroup_allow_ingress_from_internet_to_all_ports as sg_all;
        use crate::engine::Status;
        use crate::testing::{run_check, snapshot, status_of};
        let mut s = snapshot();
        let mut odd = sg("sg-odd", "odd");
        odd.ingress.push(all_traffic(&["10.0.0.0/8"], &["::/0"]));
        groups(&mut s).push(odd);
        acls(&mut s).push(nacl("acl-odd", vec![entry(10, "-1", "allow", "0.0.0.0/0", None)]));
        let json = serde_json::to_string(&s).unwrap_or_default();
        assert!(json.contains(r#""ipv4_ranges":["10.0.0.0/8"]"#) && json.contains(r#""cidr_block":"0.0.0.0/0""#));
        let mangled = json.replace(r#""10.0.0.0/8""#, r#""10.0.0.0/99""#).replace(r#""0.0.0.0/0""#, r#""0.0.0.0/x""#);
        let read: crate::snapshot::Snapshot = serde_json::from_str(&mangled).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(serde_json::to_string(&read).unwrap_or_default(), mangled, "written back as read");

        let f = run_check(sg_all::CHECK, &read);
        assert_eq!(status_of(&f, "sg-odd"), Status::Fail, "::/0 still admits the internet");
        assert!(
            f[0].message.contains("Not evaluated (unparseable CIDR): all traffic from '10.0.0.0/99'"),
            "{}",
            f[0].message
        );
        let f = run_check(nacl_22::CHECK, &read);
        assert_eq!(status_of(&f, "acl-odd"), Status::Error);
        assert!(f.iter().any(|x| x.message.contains("rule 10 with CIDR '0.0.0.0/x'")), "{f:?}");
    }

    #[test]
    fn port_logic() {
        assert!(rule_admits_tcp_port(&rule("-1", None, None, &["0.0.0.0/0"], &[]), 22));
        assert!(rule_admits_tcp_port(&rule("tcp", Some(20), Some(30), &[], &[]), 22));
        assert!(rule_admits_tcp_port(&rule("6", Some(22), Some(22), &[], &[]), 22));
        assert!(!rule_admits_tcp_port(&rule("tcp", Some(23), Some(30), &[], &[]), 22));
        assert!(!rule_admits_tcp_port(&rule("udp", Some(0), Some(65535), &[], &[]), 22));
        assert!(!rule_admits_tcp_port(&rule("icmp", Some(22), Some(22), &[], &[]), 22));
        assert!(rule_admits_all_ports(&rule("-1", None, None, &[], &[])));
        assert!(rule_admits_all_ports(&rule("tcp", Some(0), Some(65535), &[], &[])));
        assert!(!rule_admits_all_ports(&rule("tcp", Some(1), Some(65535), &[], &[])));
        assert!(!rule_admits_all_ports(&rule("icmp", Some(-1), Some(-1), &[], &[])));
    }

    #[test]
    fn nacl_order_decides() {
        let acl = nacl(
            "acl-1",
            vec![
                entry(200, "-1", "allow", "0.0.0.0/0", None),
                entry(100, "6", "deny", "0.0.0.0/0", Some((22, 22))),
                entry(50, "6", "deny", "10.0.0.0/8", Some((0, 65535))),
            ],
        );
        let ssh = evaluate_nacl(&acl, Family::V4, NaclTarget::TcpPort(22));
        assert!(matches!(&ssh, NaclOutcome::Denied(d) if d.contains("rule 100") && d.contains("rule 200")), "{ssh:?}");
        let rdp = evaluate_nacl(&acl, Family::V4, NaclTarget::TcpPort(3389));
        assert!(matches!(&rdp, NaclOutcome::Allowed(d) if d.contains("rule 200")), "{rdp:?}");
        assert_eq!(evaluate_nacl(&acl, Family::V6, NaclTarget::TcpPort(22)), NaclOutcome::NoMatch);
        // The tcp-only deny does not stop "all traffic".
        assert!(matches!(evaluate_nacl(&acl, Family::V4, NaclTarget::AllTraffic), NaclOutcome::Allowed(_)));
    }

    #[test]
    fn nacl_entry_without_action_or_cidr_before_decision_is_unknown() {
        // An entry a reply left RuleAction or both CIDR blocks out of may be the one that allows.
        let mut no_action = entry(10, "-1", "allow", "0.0.0.0/0", None);
        no_action.rule_action = String::new();
        let mut no_cidr = entry(10, "-1", "allow", "0.0.0.0/0", None);
        no_cidr.cidr_block = None;
        for (first, what) in [(no_action, "rule 10 with action ''"), (no_cidr, "rule 10 without a CIDR block")] {
            let acl = nacl("acl-1", vec![first, entry(20, "-1", "deny", "0.0.0.0/0", None)]);
            let outcome = evaluate_nacl(&acl, Family::V4, NaclTarget::AllTraffic);
            assert!(matches!(&outcome, NaclOutcome::Unknown(items) if items.iter().any(|i| i == what)), "{outcome:?}");
        }
    }

    #[test]
    fn nacl_unparseable_before_decision_is_unknown() {
        let acl = nacl(
            "acl-1",
            vec![entry(10, "-1", "deny", "not-a-cidr", None), entry(20, "-1", "allow", "0.0.0.0/0", None)],
        );
        assert!(matches!(evaluate_nacl(&acl, Family::V4, NaclTarget::TcpPort(22)), NaclOutcome::Unknown(_)));
        let acl = nacl(
            "acl-1",
            vec![entry(10, "-1", "allow", "0.0.0.0/0", None), entry(20, "-1", "deny", "not-a-cidr", None)],
        );
        assert!(matches!(evaluate_nacl(&acl, Family::V4, NaclTarget::TcpPort(22)), NaclOutcome::Allowed(_)));
    }

    #[test]
    fn egress_entries_are_ignored() {
        let mut e = entry(10, "-1", "allow", "0.0.0.0/0", None);
        e.egress = true;
        assert_eq!(evaluate_nacl(&nacl("acl-1", vec![e]), Family::V4, NaclTarget::AllTraffic), NaclOutcome::NoMatch);
    }
}
