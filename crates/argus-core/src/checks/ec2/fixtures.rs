//! Fixture builders for the EC2 / VPC check tests.

use crate::snapshot::*;

pub fn sg(id: &str, name: &str) -> SecurityGroup {
    SecurityGroup {
        id: id.into(),
        name: name.into(),
        description: format!("{name} group"),
        vpc_id: Some("vpc-1".into()),
        owner_id: Some(crate::testing::ACCOUNT.into()),
        ingress: vec![],
        egress: vec![],
        tags: Tags::new(),
    }
}

/// A security-group rule with IPv4 and IPv6 CIDR sources.
pub fn rule(protocol: &str, from: Option<i32>, to: Option<i32>, v4: &[&str], v6: &[&str]) -> SecurityGroupRule {
    SecurityGroupRule {
        protocol: protocol.into(),
        from_port: from,
        to_port: to,
        ipv4_ranges: v4.iter().map(|s| CidrBlock::from(*s)).collect(),
        ipv6_ranges: v6.iter().map(|s| CidrBlock::from(*s)).collect(),
        prefix_list_ids: vec![],
        referenced_groups: vec![],
    }
}

/// A TCP rule for one port or a range.
pub fn tcp(from: i32, to: i32, v4: &[&str], v6: &[&str]) -> SecurityGroupRule {
    rule("tcp", Some(from), Some(to), v4, v6)
}

/// An "all traffic" rule.
pub fn all_traffic(v4: &[&str], v6: &[&str]) -> SecurityGroupRule {
    rule("-1", None, None, v4, v6)
}

pub fn groups(s: &mut Snapshot) -> &mut Vec<SecurityGroup> {
    crate::testing::list(&mut crate::testing::ec2(s).security_groups)
}

pub fn eni(id: &str, group_ids: &[&str]) -> NetworkInterface {
    NetworkInterface {
        id: id.into(),
        interface_type: Some("interface".into()),
        description: None,
        group_ids: group_ids.iter().map(|s| s.to_string()).collect(),
        attached_instance_id: None,
        public_ip: None,
        elastic_ip_allocation_id: None,
        subnet_id: Some("subnet-1".into()),
        vpc_id: Some("vpc-1".into()),
        ipv6_addresses: vec![],
    }
}

pub fn nacl(id: &str, entries: Vec<NetworkAclEntry>) -> NetworkAcl {
    NetworkAcl {
        id: id.into(),
        vpc_id: Some("vpc-1".into()),
        is_default: false,
        entries,
        subnet_ids: vec![],
        tags: Tags::new(),
    }
}

/// An inbound NACL entry; the CIDR goes to the IPv6 field when it contains a colon.
pub fn entry(rule_number: i32, protocol: &str, action: &str, cidr: &str, ports: Option<(i32, i32)>) -> NetworkAclEntry {
    let v6 = cidr.contains(':');
    NetworkAclEntry {
        rule_number,
        protocol: protocol.into(),
        rule_action: action.into(),
        egress: false,
        cidr_block: (!v6).then(|| cidr.into()),
        ipv6_cidr_block: v6.then(|| cidr.into()),
        port_from: ports.map(|p| p.0),
        port_to: ports.map(|p| p.1),
    }
}

pub fn acls(s: &mut Snapshot) -> &mut Vec<NetworkAcl> {
    crate::testing::list(&mut crate::testing::ec2(s).network_acls)
}

pub fn volume(id: &str, encrypted: bool) -> Volume {
    Volume {
        id: id.into(),
        encrypted,
        kms_key_id: encrypted.then(|| "arn:aws:kms:us-east-1:123456789012:key/k1".to_string()),
        size_gib: Some(8),
        state: Some("in-use".into()),
        attached_instances: vec!["i-1".into()],
        tags: Tags::new(),
    }
}

pub fn ebs_snapshot(id: &str, encrypted: bool) -> EbsSnapshot {
    EbsSnapshot {
        id: id.into(),
        volume_id: Some("vol-1".into()),
        encrypted,
        start_time: Some(crate::testing::days_ago(3)),
        create_volume_permission: Fetched::Ok(CreateVolumePermission::default()),
        tags: Tags::new(),
    }
}

/// A running instance with IMDSv2 required, no public IP and an instance profile.
pub fn instance(id: &str) -> Instance {
    Instance {
        id: id.into(),
        state: Some("running".into()),
        public_ip: None,
        metadata_http_tokens: Some("required".into()),
        metadata_http_endpoint: Some("enabled".into()),
        instance_profile_arn: Some(format!("arn:aws:iam::{}:instance-profile/app", crate::testing::ACCOUNT)),
        security_group_ids: vec![],
        vpc_id: Some("vpc-1".into()),
        subnet_id: Some("subnet-1".into()),
        launch_time: Some(crate::testing::days_ago(10)),
        tags: Tags::new(),
        virtualization_type: Some("hvm".into()),
        state_transition_reason: Some(String::new()),
        monitoring_state: Some("enabled".into()),
        enclave_enabled: Some(false),
        image_id: Some(AMAZON_AMI.into()),
    }
}

/// The AMI fixture instances are launched from.
pub const AMAZON_AMI: &str = "ami-0a1b2c3d4e5f60001";

/// An Amazon AMI (ImageOwnerAlias `amazon`), private, not deprecated.
pub fn image(id: &str) -> Image {
    Image {
        id: id.into(),
        name: Some(format!("{id}-name")),
        owner_id: Some("137112412989".into()),
        owner_alias: Some("amazon".into()),
        public: Some(false),
        deprecation_time: None,
        state: Some("available".into()),
        tags: Tags::new(),
    }
}

pub fn instances(s: &mut Snapshot) -> &mut Vec<Instance> {
    crate::testing::list(&mut crate::testing::ec2(s).instances)
}

pub fn vpc(id: &str) -> Vpc {
    Vpc { id: id.into(), is_default: false, cidr_block: Some("10.0.0.0/16".into()), tags: Tags::new() }
}

pub fn flow_log(id: &str, resource_id: &str) -> FlowLog {
    FlowLog {
        id: id.into(),
        resource_id: Some(resource_id.into()),
        status: Some("ACTIVE".into()),
        traffic_type: Some("ALL".into()),
    }
}

/// The cases every "network ACL lets TCP port N in from the internet" check must get right: rule
/// order decides (a lower-numbered deny shadows a later allow, a later deny does not), narrower
/// sources, other protocols and ports, an unparseable CIDR before the decision, a failed listing.
pub fn assert_judges_nacls_for_tcp_port(check: crate::engine::Check, port: i32) {
    use crate::engine::Status;
    use crate::testing::{denied, ec2, run_check, snapshot, status_of, statuses, REGION};
    let mut s = snapshot();
    let open = nacl(
        "acl-open",
        vec![entry(100, "-1", "allow", "0.0.0.0/0", None), entry(32767, "-1", "deny", "0.0.0.0/0", None)],
    );
    // A lower-numbered deny for the port shadows the later allow-all.
    let shadowed = nacl(
        "acl-shadowed",
        vec![entry(200, "-1", "allow", "0.0.0.0/0", None), entry(100, "6", "deny", "0.0.0.0/0", Some((port, port)))],
    );
    // A deny that comes after the allow does not help.
    let late_deny = nacl(
        "acl-late",
        vec![entry(100, "6", "allow", "::/0", Some((0, 65535))), entry(200, "6", "deny", "::/0", Some((port, port)))],
    );
    // A deny for a narrower range leaves the rest of the internet allowed.
    let narrow_deny = nacl(
        "acl-narrow",
        vec![
            entry(50, "-1", "deny", "198.51.100.0/24", None),
            entry(100, "6", "allow", "0.0.0.0/0", Some((port, port))),
        ],
    );
    // Other protocols, other ports, other sources.
    let other = nacl(
        "acl-other",
        vec![
            entry(100, "17", "allow", "0.0.0.0/0", Some((port, port))),
            entry(110, "6", "allow", "0.0.0.0/0", Some((443, 443))),
            entry(120, "6", "allow", "10.0.0.0/8", Some((port, port))),
        ],
    );
    acls(&mut s).extend([open, shadowed, late_deny, narrow_deny, other]);
    let f = run_check(check, &s);
    assert_eq!(status_of(&f, "acl-open"), Status::Fail);
    assert_eq!(status_of(&f, "acl-shadowed"), Status::Pass);
    assert_eq!(status_of(&f, "acl-late"), Status::Fail);
    assert_eq!(status_of(&f, "acl-narrow"), Status::Fail);
    assert_eq!(status_of(&f, "acl-other"), Status::Pass);
    let message = |id: &str| f.iter().find(|x| x.resource.id == id).map(|x| x.message.to_string()).unwrap_or_default();
    assert!(message("acl-late").contains("rule 100 allows tcp 0-65535 from ::/0"), "{}", message("acl-late"));
    let shadowing = format!("rule 100 denies tcp {port} from 0.0.0.0/0 before rule 200");
    assert!(message("acl-shadowed").contains(&shadowing), "{}", message("acl-shadowed"));

    // An unparseable CIDR before the deciding entry: ERROR, naming the entry once.
    let mut s = snapshot();
    acls(&mut s).push(nacl(
        "acl-odd",
        vec![entry(10, "-1", "deny", "0.0.0.0/x", None), entry(100, "-1", "deny", "0.0.0.0/0", None)],
    ));
    let f = run_check(check, &s);
    assert_eq!(status_of(&f, "acl-odd"), Status::Error);
    assert!(f[0].message.contains("'0.0.0.0/x'"), "{}", f[0].message);
    assert_eq!(f[0].message.matches("rule 10 ").count(), 1, "{}", f[0].message);

    // A failed listing: one ERROR for the region.
    let mut s = snapshot();
    ec2(&mut s).network_acls = Fetched::Err(denied("ec2", "DescribeNetworkAcls"));
    assert_eq!(statuses(&run_check(check, &s)), vec![(REGION.to_string(), Status::Error)]);
}

/// A subnet of `vpc-1` that assigns no public IPv4 address at launch.
pub fn subnet(id: &str) -> Subnet {
    Subnet {
        id: id.into(),
        vpc_id: Some("vpc-1".into()),
        availability_zone: Some("us-east-1a".into()),
        cidr_block: Some("10.0.1.0/24".into()),
        ipv6_cidr_blocks: vec![],
        map_public_ip_on_launch: false,
        default_for_az: false,
        tags: Tags::new(),
    }
}

pub fn subnets(s: &mut Snapshot) -> &mut Vec<Subnet> {
    crate::testing::list(&mut crate::testing::ec2(s).vpc.subnets)
}

/// An active route from a destination (IPv6 when it contains a colon) to a target.
pub fn route(destination: &str, target: &str) -> Route {
    let v6 = destination.contains(':');
    Route {
        destination_cidr_block: (!v6).then(|| destination.into()),
        destination_ipv6_cidr_block: v6.then(|| destination.into()),
        destination_prefix_list_id: None,
        target: Some(target.into()),
        state: Some("active".into()),
    }
}

/// A route table of `vpc-1` with its `local` route, explicitly associated with `subnets`.
pub fn route_table(id: &str, subnets: &[&str], routes: Vec<Route>) -> RouteTable {
    RouteTable {
        id: id.into(),
        vpc_id: Some("vpc-1".into()),
        routes: std::iter::once(route("10.0.0.0/16", "local")).chain(routes).collect(),
        associations: subnets
            .iter()
            .map(|s| RouteTableAssociation {
                id: Some(format!("rtbassoc-{s}")),
                main: false,
                subnet_id: Some(s.to_string()),
                gateway_id: None,
            })
            .collect(),
        tags: Tags::new(),
    }
}

/// `vpc-1`'s main route table.
pub fn main_route_table(id: &str, routes: Vec<Route>) -> RouteTable {
    let mut table = route_table(id, &[], routes);
    table.associations.push(RouteTableAssociation {
        id: Some(format!("rtbassoc-main-{id}")),
        main: true,
        subnet_id: None,
        gateway_id: None,
    });
    table
}

pub fn route_tables(s: &mut Snapshot) -> &mut Vec<RouteTable> {
    crate::testing::list(&mut crate::testing::ec2(s).vpc.route_tables)
}

/// An active peering of `vpc-1` (10.0.0.0/16) with `vpc-2` (10.1.0.0/16) of the same account.
pub fn peering(id: &str) -> VpcPeeringConnection {
    let side = |vpc: &str, cidr: &str| PeeringSide {
        vpc_id: Some(vpc.into()),
        owner_id: Some(crate::testing::ACCOUNT.into()),
        region: Some(crate::testing::REGION.into()),
        cidr_blocks: vec![cidr.into()],
    };
    VpcPeeringConnection {
        id: id.into(),
        status: Some("active".into()),
        requester: side("vpc-1", "10.0.0.0/16"),
        accepter: side("vpc-2", "10.1.0.0/16"),
        tags: Tags::new(),
    }
}

pub fn peerings(s: &mut Snapshot) -> &mut Vec<VpcPeeringConnection> {
    crate::testing::list(&mut crate::testing::ec2(s).vpc.peering_connections)
}

pub fn vpc_endpoint(id: &str, policy: Option<&str>) -> VpcEndpoint {
    VpcEndpoint {
        id: id.into(),
        vpc_id: Some("vpc-1".into()),
        service_name: "com.amazonaws.us-east-1.s3".into(),
        endpoint_type: Some("Gateway".into()),
        state: Some("available".into()),
        policy: policy.map(PolicyDocument::from_json_text),
        subnet_ids: vec![],
        route_table_ids: vec!["rtb-private".into()],
        tags: Tags::new(),
    }
}

/// An available endpoint service that requires acceptance, allowing `principals`.
pub fn endpoint_service(id: &str, principals: &[&str]) -> VpcEndpointService {
    VpcEndpointService {
        id: id.into(),
        service_name: Some(format!("com.amazonaws.vpce.us-east-1.{id}")),
        state: Some("Available".into()),
        acceptance_required: Some(true),
        allowed_principals: Fetched::Ok(principals.iter().map(|p| p.to_string()).collect()),
        tags: Tags::new(),
    }
}

pub fn endpoint_services(s: &mut Snapshot) -> &mut Vec<VpcEndpointService> {
    crate::testing::list(&mut crate::testing::ec2(s).vpc.endpoint_services)
}

pub fn vpc_endpoints(s: &mut Snapshot) -> &mut Vec<VpcEndpoint> {
    crate::testing::list(&mut crate::testing::ec2(s).vpc.endpoints)
}

pub fn interfaces(s: &mut Snapshot) -> &mut Vec<NetworkInterface> {
    crate::testing::list(&mut crate::testing::ec2(s).network_interfaces)
}

/// An outbound NACL entry.
pub fn egress_entry(
    rule_number: i32,
    protocol: &str,
    action: &str,
    cidr: &str,
    ports: Option<(i32, i32)>,
) -> NetworkAclEntry {
    NetworkAclEntry { egress: true, ..entry(rule_number, protocol, action, cidr, ports) }
}

/// A region where `i-web` is reachable from the internet on tcp 22 and 443 through every hop:
/// public IP on `eni-web` in `subnet-public` (explicit route table `rtb-public` with 0.0.0.0/0 ->
/// `igw-1`), default ACL `acl-default` allowing everything in and out, group `sg-web` admitting
/// 0.0.0.0/0 to tcp 22 and 443. `subnet-private` uses the main table `rtb-main` (local routes only).
pub fn reachable_web_server(s: &mut Snapshot) {
    subnets(s).extend([
        Subnet { map_public_ip_on_launch: true, ..subnet("subnet-public") },
        Subnet { cidr_block: Some("10.0.2.0/24".into()), ..subnet("subnet-private") },
    ]);
    route_tables(s).extend([
        route_table("rtb-public", &["subnet-public"], vec![route("0.0.0.0/0", "igw-1")]),
        main_route_table("rtb-main", vec![]),
    ]);
    acls(s).push(NetworkAcl {
        is_default: true,
        subnet_ids: vec!["subnet-public".into(), "subnet-private".into()],
        ..nacl(
            "acl-default",
            vec![
                entry(100, "-1", "allow", "0.0.0.0/0", None),
                entry(32767, "-1", "deny", "0.0.0.0/0", None),
                egress_entry(100, "-1", "allow", "0.0.0.0/0", None),
                egress_entry(32767, "-1", "deny", "0.0.0.0/0", None),
            ],
        )
    });
    let mut web = sg("sg-web", "web");
    web.ingress.extend([tcp(22, 22, &["0.0.0.0/0"], &[]), tcp(443, 443, &["0.0.0.0/0"], &[])]);
    groups(s).push(web);
    let mut i = instance("i-web");
    i.public_ip = Some("203.0.113.10".into());
    i.subnet_id = Some("subnet-public".into());
    i.security_group_ids = vec!["sg-web".into()];
    instances(s).push(i);
    interfaces(s).push(NetworkInterface {
        attached_instance_id: Some("i-web".into()),
        public_ip: Some("203.0.113.10".into()),
        subnet_id: Some("subnet-public".into()),
        ..eni("eni-web", &["sg-web"])
    });
}

/// An Elastic IP, associated with network interface `eni-1` when `associated`.
pub fn elastic_ip(id: &str, public_ip: &str, associated: bool) -> ElasticIp {
    ElasticIp {
        id: id.into(),
        public_ip: Some(public_ip.into()),
        association_id: associated.then(|| format!("eipassoc-{id}")),
        instance_id: None,
        network_interface_id: associated.then(|| "eni-1".into()),
        tags: Tags::new(),
    }
}

pub fn elastic_ips(s: &mut Snapshot) -> &mut Vec<ElasticIp> {
    crate::testing::list(&mut crate::testing::ec2(s).elastic_ips)
}

/// A transit gateway of the audited account with `AutoAcceptSharedAttachments` set to `auto_accept`.
pub fn transit_gateway(id: &str, auto_accept: &str) -> TransitGateway {
    TransitGateway {
        id: id.into(),
        owner_id: Some(crate::testing::ACCOUNT.into()),
        state: Some("available".into()),
        auto_accept_shared_attachments: Some(auto_accept.into()),
        tags: Tags::new(),
    }
}

pub fn transit_gateways(s: &mut Snapshot) -> &mut Vec<TransitGateway> {
    crate::testing::list(&mut crate::testing::ec2(s).transit_gateways)
}

/// An available Site-to-Site VPN connection whose tunnels report `statuses` (one telemetry entry each,
/// outside addresses 192.0.2.1, 192.0.2.2, ...).
pub fn vpn_connection(id: &str, statuses: &[&str]) -> VpnConnection {
    VpnConnection {
        id: id.into(),
        state: Some("available".into()),
        tunnels: statuses
            .iter()
            .enumerate()
            .map(|(i, status)| VpnTunnel {
                outside_ip_address: Some(format!("192.0.2.{}", i + 1)),
                status: Some(status.to_string()),
                status_message: None,
            })
            .collect(),
        tags: Tags::new(),
    }
}

pub fn vpn_connections(s: &mut Snapshot) -> &mut Vec<VpnConnection> {
    crate::testing::list(&mut crate::testing::ec2(s).vpn_connections)
}

/// An available Client VPN endpoint, logging connections to log group `vpn-connections` when `logging`.
pub fn client_vpn_endpoint(id: &str, logging: bool) -> ClientVpnEndpoint {
    ClientVpnEndpoint {
        id: id.into(),
        status: Some("available".into()),
        connection_logging: Some(logging),
        log_group: logging.then(|| "vpn-connections".into()),
        tags: Tags::new(),
    }
}

pub fn client_vpn_endpoints(s: &mut Snapshot) -> &mut Vec<ClientVpnEndpoint> {
    crate::testing::list(&mut crate::testing::ec2(s).client_vpn_endpoints)
}
