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
        ipv4_ranges: v4.iter().map(|s| s.to_string()).collect(),
        ipv6_ranges: v6.iter().map(|s| s.to_string()).collect(),
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
    }
}

pub fn nacl(id: &str, entries: Vec<NetworkAclEntry>) -> NetworkAcl {
    NetworkAcl { id: id.into(), vpc_id: Some("vpc-1".into()), is_default: false, entries, tags: Tags::new() }
}

/// An inbound NACL entry; the CIDR goes to the IPv6 field when it contains a colon.
pub fn entry(rule_number: i32, protocol: &str, action: &str, cidr: &str, ports: Option<(i32, i32)>) -> NetworkAclEntry {
    let v6 = cidr.contains(':');
    NetworkAclEntry {
        rule_number,
        protocol: protocol.into(),
        rule_action: action.into(),
        egress: false,
        cidr_block: (!v6).then(|| cidr.to_string()),
        ipv6_cidr_block: v6.then(|| cidr.to_string()),
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
