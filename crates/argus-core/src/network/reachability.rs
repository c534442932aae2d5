//! Which EC2 instances the internet can reach, and through which hops.
//!
//! A connection from an arbitrary internet address to an instance needs, per network interface and
//! address family:
//! 1. a public address: a public IPv4 address (auto-assigned or an Elastic IP) or an IPv6 address;
//! 2. in the route table of the interface's subnet (its explicit association, else the VPC's main
//!    table), an active route for the family's `/0` to an internet gateway (`igw-…`; an egress-only
//!    gateway lets no connection in);
//! 3. the subnet's network ACL allowing the traffic in from the family's `/0` (entries in rule order,
//!    deny entries honoured) and letting the reply out to the client's ephemeral ports (ACLs are
//!    stateless);
//! 4. a security-group rule of the interface admitting the family's `/0` (groups are stateful: the
//!    reply needs nothing).
//!
//! The reachable ports are those both the ACL and a security group admit, for TCP and UDP (`-1` rules
//! count for both). "From the internet" means from any address: a hop that admits only named ranges
//! (`203.0.113.0/24`, a prefix list, another group) does not open the instance to everyone and is not
//! followed; a narrower deny does not close it.
//!
//! [`RegionNetwork::instance`] answers with every path found ([`Reachability::Reachable`]), or why
//! each interface is not reachable ([`Reachability::NotReachable`], the missing hops), or the data it
//! could not read ([`Reachability::Unknown`], never a guess). It reads only the snapshot.

use super::ports::{evaluate_nacl, protocol_match, PortSpan, ProtocolMatch, Transport};
use crate::snapshot::{
    CidrBlock, CollectionError, Ec2Region, Fetched, Instance, NetworkAcl, NetworkInterface, RouteTable, SecurityGroup,
    Subnet,
};
use ipnet::IpNet;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum IpFamily {
    V4,
    V6,
}

impl fmt::Display for IpFamily {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IpFamily::V4 => "IPv4",
            IpFamily::V6 => "IPv6",
        })
    }
}

impl IpFamily {
    /// The family's "anywhere", as messages name it.
    pub fn anywhere(self) -> &'static str {
        match self {
            IpFamily::V4 => "0.0.0.0/0",
            IpFamily::V6 => "::/0",
        }
    }

    fn is_anywhere(self, cidr: &CidrBlock) -> bool {
        match (cidr.net(), self) {
            (Some(IpNet::V4(n)), IpFamily::V4) => n.prefix_len() == 0,
            (Some(IpNet::V6(n)), IpFamily::V6) => n.prefix_len() == 0,
            _ => false,
        }
    }
}

/// The verdict on one instance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Reachability {
    /// At least one interface is reachable: every such path (other interfaces are left out).
    Reachable(Vec<InternetPath>),
    /// No interface is reachable: for each, the hops that are missing.
    NotReachable(Vec<Blocked>),
    /// No path was found, but data a path depends on could not be read.
    Unknown(Vec<Unreadable>),
}

/// A complete path from the internet to an interface.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InternetPath {
    /// The network interface (`eni-…`), or the instance id when EC2 listed no interface for it.
    pub interface_id: String,
    pub family: IpFamily,
    pub address: PublicAddress,
    pub subnet_id: String,
    pub route: RouteHop,
    pub network_acl: NaclHop,
    /// What is reachable, each port range with the ACL entry and the security-group rule that admit it.
    pub ports: Vec<PortExposure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicAddress {
    pub address: String,
    /// The Elastic IP allocation, when the address is one.
    pub elastic_ip_allocation_id: Option<String>,
}

/// How a subnet came to use its route table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Association {
    /// The subnet is explicitly associated with the table.
    Explicit,
    /// The subnet has no association: the VPC's main route table applies.
    Main,
}

/// The route that sends replies to the internet (and so lets the internet in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouteHop {
    pub route_table_id: String,
    pub association: Association,
    pub destination: String,
    pub internet_gateway_id: String,
}

/// The subnet's network ACL and the entry that lets replies out to the client's ephemeral ports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NaclHop {
    pub network_acl_id: String,
    /// Per transport, an outbound entry that lets the replies out to ephemeral ports.
    pub return_rules: Vec<(Transport, i32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortExposure {
    pub transport: Transport,
    pub ports: PortSpan,
    /// The inbound network-ACL entry allowing these ports.
    pub nacl_rule: i32,
    pub security_group_id: String,
    /// The security-group rule, e.g. `tcp 22` or `all traffic`.
    pub security_group_rule: String,
}

/// Why one interface (or the instance itself) is not reachable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blocked {
    pub interface_id: String,
    /// `None` when the reason holds for both families.
    pub family: Option<IpFamily>,
    pub missing: Vec<MissingHop>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum MissingHop {
    /// The instance is stopped (or stopping, shutting down): nothing answers.
    NotRunning { state: String },
    /// Neither a public IPv4 address nor an IPv6 address.
    NoPublicAddress,
    /// The subnet's route table has no active route for the family's `/0` to an internet gateway.
    NoInternetRoute { route_table_id: String, association: Association },
    /// No security-group rule of the interface admits the family's `/0` on a TCP or UDP port.
    NoSecurityGroupRule { security_group_ids: Vec<String> },
    /// Security groups admit these ports from anywhere, but the ACL's inbound entries allow none of them.
    NaclDeniesInbound { network_acl_id: String, admitted_by_groups: Vec<(Transport, PortSpan)>, denied_by: Vec<i32> },
    /// The ACL lets the traffic in but no outbound entry lets the replies reach the client's ports.
    NaclDeniesReturn { network_acl_id: String, denied_by: Vec<i32> },
}

/// Data the analysis needed and could not read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Unreadable {
    /// A listing failed (the call and its error).
    Listing(CollectionError),
    /// The data was read but is missing a piece or holds one argus cannot parse (description).
    Data(String),
}

impl Unreadable {
    /// The error of a failed call, when that is what is missing.
    pub fn error(&self) -> Option<&CollectionError> {
        match self {
            Unreadable::Listing(e) => Some(e),
            Unreadable::Data(_) => None,
        }
    }
}

/// One region's network data, indexed once for every instance (and subnet) question.
pub struct RegionNetwork<'a> {
    ec2: &'a Ec2Region,
    interfaces_by_instance: HashMap<&'a str, Vec<&'a NetworkInterface>>,
    subnets: HashMap<&'a str, &'a Subnet>,
    explicit_tables: HashMap<&'a str, &'a RouteTable>,
    main_tables: HashMap<&'a str, &'a RouteTable>,
    acl_of_subnet: HashMap<&'a str, &'a NetworkAcl>,
    default_acl_of_vpc: HashMap<&'a str, &'a NetworkAcl>,
    groups: HashMap<&'a str, &'a SecurityGroup>,
}

fn ok<T>(f: &Fetched<Vec<T>>) -> &[T] {
    f.ok().map_or(&[], Vec::as_slice)
}

fn listing<T>(f: &Fetched<T>) -> Result<&T, Unreadable> {
    f.as_result().map_err(|e| Unreadable::Listing(e.clone()))
}

impl<'a> RegionNetwork<'a> {
    pub fn new(ec2: &'a Ec2Region) -> Self {
        let mut interfaces_by_instance: HashMap<&str, Vec<&NetworkInterface>> = HashMap::new();
        for eni in ok(&ec2.network_interfaces) {
            if let Some(instance) = eni.attached_instance_id.as_deref() {
                interfaces_by_instance.entry(instance).or_default().push(eni);
            }
        }
        let mut explicit_tables = HashMap::new();
        let mut main_tables = HashMap::new();
        for table in ok(&ec2.vpc.route_tables) {
            for a in &table.associations {
                if let Some(subnet) = a.subnet_id.as_deref() {
                    explicit_tables.insert(subnet, table);
                }
            }
            if let (true, Some(vpc)) = (table.is_main(), table.vpc_id.as_deref()) {
                main_tables.insert(vpc, table);
            }
        }
        let mut acl_of_subnet = HashMap::new();
        let mut default_acl_of_vpc = HashMap::new();
        for acl in ok(&ec2.network_acls) {
            for subnet in &acl.subnet_ids {
                acl_of_subnet.insert(subnet.as_str(), acl);
            }
            if let (true, Some(vpc)) = (acl.is_default, acl.vpc_id.as_deref()) {
                default_acl_of_vpc.insert(vpc, acl);
            }
        }
        RegionNetwork {
            ec2,
            interfaces_by_instance,
            subnets: ok(&ec2.vpc.subnets).iter().map(|s| (s.id.as_str(), s)).collect(),
            explicit_tables,
            main_tables,
            acl_of_subnet,
            default_acl_of_vpc,
            groups: ok(&ec2.security_groups).iter().map(|g| (g.id.as_str(), g)).collect(),
        }
    }

    /// The route table a subnet uses: its explicit association, else the main table of its VPC
    /// (`vpc_id` when the caller knows it, else the subnet's own record).
    pub fn route_table_of(
        &self,
        subnet_id: &str,
        vpc_id: Option<&str>,
    ) -> Result<(&'a RouteTable, Association), Unreadable> {
        listing(&self.ec2.vpc.route_tables)?;
        if let Some(table) = self.explicit_tables.get(subnet_id) {
            return Ok((table, Association::Explicit));
        }
        let vpc = match vpc_id {
            Some(v) => v,
            None => {
                listing(&self.ec2.vpc.subnets)?;
                self.subnets.get(subnet_id).and_then(|s| s.vpc_id.as_deref()).ok_or_else(|| {
                    Unreadable::Data(format!("subnet {subnet_id} is not in the DescribeSubnets listing"))
                })?
            }
        };
        self.main_tables.get(vpc).map(|t| (*t, Association::Main)).ok_or_else(|| {
            Unreadable::Data(format!(
                "subnet {subnet_id} has no explicit route table and DescribeRouteTables lists no main route table for {vpc}"
            ))
        })
    }

    /// The subnet's active route for `family`'s `/0` to an internet gateway, `None` when it has none.
    pub fn internet_route(
        &self,
        subnet_id: &str,
        vpc_id: Option<&str>,
        family: IpFamily,
    ) -> Result<Result<RouteHop, MissingHop>, Unreadable> {
        let (table, association) = self.route_table_of(subnet_id, vpc_id)?;
        let route = table.routes.iter().find(|r| {
            r.is_active() && r.targets_internet_gateway() && r.destination_cidrs().any(|c| family.is_anywhere(c))
        });
        Ok(match route {
            Some(r) => Ok(RouteHop {
                route_table_id: table.id.clone(),
                association,
                destination: family.anywhere().to_string(),
                internet_gateway_id: r.target.as_deref().unwrap_or_default().trim().to_string(),
            }),
            None => Err(MissingHop::NoInternetRoute { route_table_id: table.id.clone(), association }),
        })
    }

    /// A subnet is public when its route table sends `0.0.0.0/0` or `::/0` to an internet gateway:
    /// the route that makes it so.
    pub fn public_subnet_route(&self, subnet_id: &str, vpc_id: Option<&str>) -> Result<Option<RouteHop>, Unreadable> {
        for family in [IpFamily::V4, IpFamily::V6] {
            if let Ok(hop) = self.internet_route(subnet_id, vpc_id, family)? {
                return Ok(Some(hop));
            }
        }
        Ok(None)
    }

    /// The network ACL of a subnet: the one listing it, else its VPC's default ACL.
    fn acl_of(&self, subnet_id: &str, vpc_id: Option<&str>) -> Result<&'a NetworkAcl, Unreadable> {
        listing(&self.ec2.network_acls)?;
        if let Some(acl) = self.acl_of_subnet.get(subnet_id) {
            return Ok(acl);
        }
        vpc_id
            .and_then(|v| self.default_acl_of_vpc.get(v).copied())
            .ok_or_else(|| Unreadable::Data(format!("DescribeNetworkAcls lists no network ACL for subnet {subnet_id}")))
    }

    /// Whether the internet can reach `instance`, and how.
    pub fn instance(&self, instance: &Instance) -> Reachability {
        if let Some(state) = instance.state.as_deref().map(str::trim) {
            let up = state.is_empty() || state.eq_ignore_ascii_case("running") || state.eq_ignore_ascii_case("pending");
            if !up {
                return Reachability::NotReachable(vec![Blocked {
                    interface_id: instance.id.clone(),
                    family: None,
                    missing: vec![MissingHop::NotRunning { state: state.to_string() }],
                }]);
            }
        }
        let interfaces = match self.interfaces(instance) {
            Ok(list) => list,
            Err(e) => return Reachability::Unknown(vec![e]),
        };
        let mut paths = Vec::new();
        let mut blocked = Vec::new();
        let mut unknown = Vec::new();
        for eni in &interfaces {
            let families: Vec<(IpFamily, PublicAddress)> =
                [
                    eni.public_ip.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(|a| {
                        (
                            IpFamily::V4,
                            PublicAddress {
                                address: a.to_string(),
                                elastic_ip_allocation_id: eni.elastic_ip_allocation_id.clone(),
                            },
                        )
                    }),
                    eni.ipv6_addresses.iter().map(|a| a.trim()).find(|a| !a.is_empty()).map(|a| {
                        (IpFamily::V6, PublicAddress { address: a.to_string(), elastic_ip_allocation_id: None })
                    }),
                ]
                .into_iter()
                .flatten()
                .collect();
            if families.is_empty() {
                blocked.push(Blocked {
                    interface_id: eni.id.clone(),
                    family: None,
                    missing: vec![MissingHop::NoPublicAddress],
                });
                continue;
            }
            for (family, address) in families {
                match self.path(eni, family, address) {
                    Ok(Ok(path)) => paths.push(path),
                    Ok(Err(missing)) => {
                        blocked.push(Blocked { interface_id: eni.id.clone(), family: Some(family), missing })
                    }
                    Err(e) => unknown.push(e),
                }
            }
        }
        if !paths.is_empty() {
            Reachability::Reachable(paths)
        } else if !unknown.is_empty() {
            Reachability::Unknown(unknown)
        } else {
            Reachability::NotReachable(blocked)
        }
    }

    /// The instance's interfaces; when EC2 listed none attached to it, the instance's own primary
    /// address, subnet and groups stand for its one interface.
    fn interfaces(&self, instance: &Instance) -> Result<Vec<NetworkInterface>, Unreadable> {
        listing(&self.ec2.network_interfaces)?;
        match self.interfaces_by_instance.get(instance.id.as_str()) {
            Some(list) => Ok(list.iter().map(|n| (*n).clone()).collect()),
            None => Ok(vec![NetworkInterface {
                id: instance.id.clone(),
                interface_type: None,
                description: None,
                group_ids: instance.security_group_ids.clone(),
                attached_instance_id: Some(instance.id.clone()),
                public_ip: instance.public_ip.clone(),
                elastic_ip_allocation_id: None,
                subnet_id: instance.subnet_id.clone(),
                vpc_id: instance.vpc_id.clone(),
                ipv6_addresses: vec![],
            }]),
        }
    }

    /// One interface and family: the complete path, or every hop that is missing.
    fn path(
        &self,
        eni: &NetworkInterface,
        family: IpFamily,
        address: PublicAddress,
    ) -> Result<Result<InternetPath, Vec<MissingHop>>, Unreadable> {
        let subnet_id = eni
            .subnet_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Unreadable::Data(format!("network interface {} has no subnet", eni.id)))?;
        let vpc_id = match eni.vpc_id.as_deref().filter(|v| !v.trim().is_empty()) {
            Some(v) => Some(v),
            None => self.subnets.get(subnet_id).and_then(|s| s.vpc_id.as_deref()),
        };
        let mut missing = Vec::new();
        let route = match self.internet_route(subnet_id, vpc_id, family)? {
            Ok(hop) => Some(hop),
            Err(m) => {
                missing.push(m);
                None
            }
        };
        let admitted = self.admitted_by_groups(eni, family)?;
        if admitted.is_empty() {
            missing.push(MissingHop::NoSecurityGroupRule { security_group_ids: eni.group_ids.clone() });
        }
        let acl = self.acl_of(subnet_id, vpc_id)?;
        let mut ports = Vec::new();
        let mut denied_in = Vec::new();
        let mut return_rules = Vec::new();
        let mut denied_out = Vec::new();
        let mut reply_blocked = false;
        for transport in Transport::ALL {
            let wanted: Vec<&Admitted> = admitted.iter().filter(|a| a.transport == transport).collect();
            if wanted.is_empty() {
                continue;
            }
            let inbound =
                evaluate_nacl(acl, false, family, transport).map_err(|e| nacl_unreadable(acl, "inbound", &e))?;
            denied_in.extend(inbound.denied_by.iter().copied());
            let mut found = Vec::new();
            for a in &wanted {
                for (span, rule) in &inbound.allowed {
                    if let Some(hit) = a.ports.intersect(*span) {
                        found.push(PortExposure {
                            transport,
                            ports: hit,
                            nacl_rule: *rule,
                            security_group_id: a.group_id.clone(),
                            security_group_rule: a.rule.clone(),
                        });
                    }
                }
            }
            if found.is_empty() {
                continue;
            }
            let outbound =
                evaluate_nacl(acl, true, family, transport).map_err(|e| nacl_unreadable(acl, "outbound", &e))?;
            match outbound.allowed.iter().find(|(span, _)| span.intersect(PortSpan::EPHEMERAL).is_some()) {
                Some((_, rule)) => {
                    return_rules.push((transport, *rule));
                    ports.extend(found);
                }
                None => {
                    reply_blocked = true;
                    denied_out.extend(outbound.denied_by);
                }
            }
        }
        if !admitted.is_empty() && ports.is_empty() {
            if reply_blocked {
                missing.push(MissingHop::NaclDeniesReturn { network_acl_id: acl.id.clone(), denied_by: denied_out });
            } else {
                let mut by_groups: Vec<(Transport, PortSpan)> =
                    admitted.iter().map(|a| (a.transport, a.ports)).collect();
                by_groups.sort();
                by_groups.dedup();
                denied_in.sort_unstable();
                denied_in.dedup();
                missing.push(MissingHop::NaclDeniesInbound {
                    network_acl_id: acl.id.clone(),
                    admitted_by_groups: by_groups,
                    denied_by: denied_in,
                });
            }
        }
        match (route, missing.is_empty()) {
            (Some(route), true) => {
                ports.sort_by(|a, b| {
                    (a.transport, a.ports, &a.security_group_id).cmp(&(b.transport, b.ports, &b.security_group_id))
                });
                Ok(Ok(InternetPath {
                    interface_id: eni.id.clone(),
                    family,
                    address,
                    subnet_id: subnet_id.to_string(),
                    route,
                    network_acl: NaclHop { network_acl_id: acl.id.clone(), return_rules },
                    ports,
                }))
            }
            _ => Ok(Err(missing)),
        }
    }

    /// The TCP/UDP ports the interface's security groups admit from `family`'s `/0`.
    fn admitted_by_groups(&self, eni: &NetworkInterface, family: IpFamily) -> Result<Vec<Admitted>, Unreadable> {
        listing(&self.ec2.security_groups)?;
        let mut admitted = Vec::new();
        for id in &eni.group_ids {
            let group = self.groups.get(id.as_str()).ok_or_else(|| {
                Unreadable::Data(format!(
                    "security group {id} of {} is not in the DescribeSecurityGroups listing",
                    eni.id
                ))
            })?;
            for rule in &group.ingress {
                let sources = match family {
                    IpFamily::V4 => &rule.ipv4_ranges,
                    IpFamily::V6 => &rule.ipv6_ranges,
                };
                if let Some(bad) = sources.iter().find(|c| c.net().is_none()) {
                    return Err(Unreadable::Data(format!(
                        "security group {id} has an ingress rule from '{bad}', which cannot be parsed"
                    )));
                }
                if !sources.iter().any(|c| family.is_anywhere(c)) {
                    continue;
                }
                for transport in Transport::ALL {
                    let ports = match protocol_match(&rule.protocol, transport) {
                        ProtocolMatch::No => continue,
                        ProtocolMatch::All => PortSpan::EVERY,
                        ProtocolMatch::Ports => PortSpan::of_rule(rule.from_port, rule.to_port),
                    };
                    let label = match protocol_match(&rule.protocol, transport) {
                        ProtocolMatch::All => "all traffic".to_string(),
                        _ => format!("{transport} {ports}"),
                    };
                    admitted.push(Admitted { transport, ports, group_id: id.clone(), rule: label });
                }
            }
        }
        Ok(admitted)
    }
}

/// Ports a security-group rule admits from anywhere.
struct Admitted {
    transport: Transport,
    ports: PortSpan,
    group_id: String,
    rule: String,
}

fn nacl_unreadable(acl: &NetworkAcl, direction: &str, why: &str) -> Unreadable {
    Unreadable::Data(format!("{direction} entry of network ACL {}: {why}", acl.id))
}

impl fmt::Display for Association {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Association::Explicit => "associated with the subnet",
            Association::Main => "the VPC's main route table",
        })
    }
}

impl fmt::Display for PublicAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.elastic_ip_allocation_id {
            Some(id) => write!(f, "{} (Elastic IP {id})", self.address),
            None => f.write_str(&self.address),
        }
    }
}

impl fmt::Display for RouteHop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "route {} -> {} in {} ({})",
            self.destination, self.internet_gateway_id, self.route_table_id, self.association
        )
    }
}

impl fmt::Display for PortExposure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} (ACL rule {}, {} rule {})",
            self.transport, self.ports, self.nacl_rule, self.security_group_id, self.security_group_rule
        )
    }
}

impl fmt::Display for InternetPath {
    /// Every hop, from the internet inwards.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let replies: Vec<String> =
            self.network_acl.return_rules.iter().map(|(t, r)| format!("rule {r} for {t}")).collect();
        let ports: Vec<String> = self.ports.iter().map(ToString::to_string).collect();
        write!(
            f,
            "{} {} in {}; {}; network ACL {} lets it in and the replies out (outbound {}); open ports: {}",
            self.interface_id,
            self.address,
            self.subnet_id,
            self.route,
            self.network_acl.network_acl_id,
            replies.join(", "),
            ports.join(", ")
        )
    }
}

fn spans(list: &[(Transport, PortSpan)]) -> String {
    list.iter().map(|(t, s)| format!("{t} {s}")).collect::<Vec<_>>().join(", ")
}

fn rules(list: &[i32]) -> String {
    match list {
        [] => "no entry allows them".to_string(),
        _ => format!("denied by rule {}", list.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")),
    }
}

impl fmt::Display for MissingHop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MissingHop::NotRunning { state } => write!(f, "the instance is {state}"),
            MissingHop::NoPublicAddress => f.write_str("no public IPv4 or IPv6 address"),
            MissingHop::NoInternetRoute { route_table_id, association } => {
                write!(f, "no route to an internet gateway in {route_table_id} ({association})")
            }
            MissingHop::NoSecurityGroupRule { security_group_ids } if security_group_ids.is_empty() => {
                f.write_str("no security group")
            }
            MissingHop::NoSecurityGroupRule { security_group_ids } => {
                write!(f, "no rule of {} admits the internet", security_group_ids.join(", "))
            }
            MissingHop::NaclDeniesInbound { network_acl_id, admitted_by_groups, denied_by } => write!(
                f,
                "network ACL {network_acl_id} lets none of {} in ({})",
                spans(admitted_by_groups),
                rules(denied_by)
            ),
            MissingHop::NaclDeniesReturn { network_acl_id, denied_by } => write!(
                f,
                "network ACL {network_acl_id} lets no reply out to ephemeral ports 1024-65535 ({})",
                rules(denied_by)
            ),
        }
    }
}

impl fmt::Display for Blocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let missing: Vec<String> = self.missing.iter().map(ToString::to_string).collect();
        match self.family {
            Some(family) => write!(f, "{} ({family}): {}", self.interface_id, missing.join("; ")),
            None => write!(f, "{}: {}", self.interface_id, missing.join("; ")),
        }
    }
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreadable::Listing(e) => write!(f, "{} failed: {}", e.operation, e.brief()),
            Unreadable::Data(what) => f.write_str(what),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::snapshot::{Route, Snapshot};
    use crate::testing::{denied, ec2, snapshot};

    fn verdict(s: &Snapshot, id: &str) -> Reachability {
        let ec2 = s.regions.values().next().and_then(|r| r.ec2.as_ref()).expect("ec2");
        let net = RegionNetwork::new(ec2);
        let instance = ec2.instances.ok().and_then(|l| l.iter().find(|i| i.id == id)).expect("instance");
        net.instance(instance)
    }

    fn reachable(s: &Snapshot, id: &str) -> Vec<InternetPath> {
        match verdict(s, id) {
            Reachability::Reachable(paths) => paths,
            other => panic!("{id}: {other:?}"),
        }
    }

    fn missing(s: &Snapshot, id: &str) -> Vec<MissingHop> {
        match verdict(s, id) {
            Reachability::NotReachable(blocked) => blocked.into_iter().flat_map(|b| b.missing).collect(),
            other => panic!("{id}: {other:?}"),
        }
    }

    fn ports(path: &InternetPath) -> Vec<String> {
        path.ports.iter().map(|p| format!("{} {}", p.transport, p.ports)).collect()
    }

    #[test]
    fn every_hop_of_a_reachable_instance_is_named() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        let paths = reachable(&s, "i-web");
        assert_eq!(paths.len(), 1);
        let p = &paths[0];
        assert_eq!(
            (p.interface_id.as_str(), p.family, p.subnet_id.as_str()),
            ("eni-web", IpFamily::V4, "subnet-public")
        );
        assert_eq!(p.address.address, "203.0.113.10");
        assert_eq!(
            p.route,
            RouteHop {
                route_table_id: "rtb-public".into(),
                association: Association::Explicit,
                destination: "0.0.0.0/0".into(),
                internet_gateway_id: "igw-1".into()
            }
        );
        assert_eq!(p.network_acl.network_acl_id, "acl-default");
        assert_eq!(p.network_acl.return_rules, vec![(Transport::Tcp, 100)]);
        assert_eq!(ports(p), vec!["tcp 22", "tcp 443"]);
        let text = p.to_string();
        for hop in [
            "eni-web",
            "203.0.113.10",
            "route 0.0.0.0/0 -> igw-1 in rtb-public",
            "acl-default",
            "outbound rule 100",
            "tcp 22 (ACL rule 100, sg-web rule tcp 22)",
        ] {
            assert!(text.contains(hop), "{hop}: {text}");
        }
    }

    #[test]
    fn the_main_route_table_applies_without_an_explicit_association() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        route_tables(&mut s).retain(|t| t.id != "rtb-public");
        // Without the explicit table the main one (local routes only) applies: no way in.
        assert_eq!(
            missing(&s, "i-web"),
            vec![MissingHop::NoInternetRoute { route_table_id: "rtb-main".into(), association: Association::Main }]
        );
        // A main table with an internet route makes it reachable again, named as the main table.
        route_tables(&mut s)[0].routes.push(route("0.0.0.0/0", "igw-1"));
        assert_eq!(reachable(&s, "i-web")[0].route.association, Association::Main);
    }

    #[test]
    fn blackholes_egress_only_gateways_and_narrow_routes_do_not_count() {
        for r in [
            Route { state: Some("blackhole".into()), ..route("0.0.0.0/0", "igw-1") },
            route("0.0.0.0/0", "nat-1"),
            route("203.0.113.0/24", "igw-1"),
            route("::/0", "eigw-1"),
        ] {
            let mut s = snapshot();
            reachable_web_server(&mut s);
            route_tables(&mut s)[0].routes = vec![r.clone()];
            assert!(matches!(missing(&s, "i-web")[..], [MissingHop::NoInternetRoute { .. }]), "{r:?}");
        }
    }

    #[test]
    fn nacl_rule_order_and_denies_decide_the_ports() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        // A lower-numbered deny of tcp 22 leaves only 443 open.
        acls(&mut s)[0].entries.push(entry(90, "6", "deny", "0.0.0.0/0", Some((22, 22))));
        assert_eq!(ports(&reachable(&s, "i-web")[0]), vec!["tcp 443"]);
        // Denying 443 too closes the way in, and the finding says which rules denied what.
        acls(&mut s)[0].entries.push(entry(91, "6", "deny", "0.0.0.0/0", Some((443, 443))));
        let m = missing(&s, "i-web");
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].to_string(), "network ACL acl-default lets none of tcp 22, tcp 443 in (denied by rule 90, 91)");
    }

    #[test]
    fn the_reply_needs_an_outbound_entry_for_ephemeral_ports() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        let acl = &mut acls(&mut s)[0];
        acl.entries.retain(|e| !e.egress);
        acl.entries.push(egress_entry(100, "6", "allow", "0.0.0.0/0", Some((443, 443))));
        assert!(matches!(missing(&s, "i-web")[..], [MissingHop::NaclDeniesReturn { .. }]));
        // Allowing 32768-60999 out is enough.
        acls(&mut s)[0].entries.push(egress_entry(110, "6", "allow", "0.0.0.0/0", Some((32768, 60999))));
        assert_eq!(reachable(&s, "i-web")[0].network_acl.return_rules, vec![(Transport::Tcp, 110)]);
    }

    #[test]
    fn groups_admitting_only_named_ranges_do_not_open_the_instance() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        groups(&mut s)[0].ingress = vec![tcp(22, 22, &["198.51.100.0/24"], &[])];
        assert_eq!(
            missing(&s, "i-web"),
            vec![MissingHop::NoSecurityGroupRule { security_group_ids: vec!["sg-web".into()] }]
        );
        // All traffic from anywhere opens every TCP and UDP port.
        groups(&mut s)[0].ingress = vec![all_traffic(&["0.0.0.0/0"], &[])];
        assert_eq!(ports(&reachable(&s, "i-web")[0]), vec!["tcp 0-65535", "udp 0-65535"]);
    }

    #[test]
    fn every_missing_hop_is_listed() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        route_tables(&mut s)[0].routes.truncate(1);
        groups(&mut s)[0].ingress.clear();
        let m = missing(&s, "i-web");
        assert!(matches!(m[..], [MissingHop::NoInternetRoute { .. }, MissingHop::NoSecurityGroupRule { .. }]), "{m:?}");
        // No public address at all: that is the reason, nothing else is evaluated.
        interfaces(&mut s)[0].public_ip = None;
        assert_eq!(missing(&s, "i-web"), vec![MissingHop::NoPublicAddress]);
    }

    #[test]
    fn ipv6_is_followed_on_its_own_hops() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        interfaces(&mut s)[0].public_ip = None;
        interfaces(&mut s)[0].ipv6_addresses = vec!["2001:db8::10".into()];
        // IPv6 needs ::/0 in the route, the ACL and the group.
        assert!(matches!(
            missing(&s, "i-web")[..],
            [MissingHop::NoInternetRoute { .. }, MissingHop::NoSecurityGroupRule { .. }]
        ));
        route_tables(&mut s)[0].routes.push(route("::/0", "igw-1"));
        groups(&mut s)[0].ingress.push(tcp(80, 80, &[], &["::/0"]));
        let acl = &mut acls(&mut s)[0];
        acl.entries.push(entry(101, "-1", "allow", "::/0", None));
        acl.entries.push(egress_entry(101, "-1", "allow", "::/0", None));
        let p = &reachable(&s, "i-web")[0];
        assert_eq!((p.family, ports(p)), (IpFamily::V6, vec!["tcp 80".to_string()]));
    }

    #[test]
    fn an_elastic_ip_is_named_and_a_stopped_instance_is_not_reachable() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        interfaces(&mut s)[0].elastic_ip_allocation_id = Some("eipalloc-1".into());
        assert_eq!(reachable(&s, "i-web")[0].address.to_string(), "203.0.113.10 (Elastic IP eipalloc-1)");
        instances(&mut s)[0].state = Some("stopped".into());
        assert_eq!(missing(&s, "i-web"), vec![MissingHop::NotRunning { state: "stopped".into() }]);
    }

    #[test]
    fn data_that_could_not_be_read_is_unknown_never_unreachable() {
        type Break = fn(&mut Snapshot);
        let cases: [(&str, Break); 6] = [
            ("DescribeRouteTables", |s| ec2(s).vpc.route_tables = Fetched::Err(denied("ec2", "DescribeRouteTables"))),
            ("DescribeNetworkAcls", |s| ec2(s).network_acls = Fetched::Err(denied("ec2", "DescribeNetworkAcls"))),
            ("DescribeSecurityGroups", |s| {
                ec2(s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"))
            }),
            ("DescribeNetworkInterfaces", |s| {
                ec2(s).network_interfaces = Fetched::Err(denied("ec2", "DescribeNetworkInterfaces"))
            }),
            ("sg-web", |s| groups(s).clear()),
            ("'0.0.0.0/x'", |s| acls(s)[0].entries.insert(0, entry(1, "-1", "deny", "0.0.0.0/x", None))),
        ];
        for (name, break_it) in cases {
            let mut s = snapshot();
            reachable_web_server(&mut s);
            break_it(&mut s);
            match verdict(&s, "i-web") {
                Reachability::Unknown(u) => assert!(u.iter().any(|u| u.to_string().contains(name)), "{name}: {u:?}"),
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn an_instance_without_listed_interfaces_is_judged_by_its_own_fields() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        interfaces(&mut s).clear();
        let p = &reachable(&s, "i-web")[0];
        assert_eq!(p.interface_id, "i-web");
    }
}
