//! Fixture builders for ELBv2 check tests: load balancers start compliant, tests break one setting.

use crate::snapshot::*;
use crate::testing::*;
use std::collections::BTreeMap;

/// The default region's ELBv2 load balancers.
pub(crate) fn lbs(s: &mut Snapshot) -> &mut Vec<LoadBalancerV2> {
    list(&mut region_mut(s, REGION).elb.as_mut().expect("fixture has ELB").load_balancers)
}

pub(crate) fn lb_arn(name: &str) -> String {
    format!("arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/app/{name}/50dc6c495c0c9188")
}

pub(crate) fn https_listener(lb: &str, port: i32) -> ListenerV2 {
    ListenerV2 {
        arn: format!("{}/listener-{port}", lb_arn(lb)),
        port: Some(port),
        protocol: "HTTPS".into(),
        ssl_policy: Some("ELBSecurityPolicy-TLS13-1-2-2021-06".into()),
        default_actions: vec![ListenerAction { action_type: "forward".into(), redirect_protocol: None }],
        rules: None,
    }
}

/// An HTTP listener whose only rule redirects to HTTPS.
pub(crate) fn redirecting_listener(lb: &str) -> ListenerV2 {
    let redirect = ListenerAction { action_type: "redirect".into(), redirect_protocol: Some("HTTPS".into()) };
    ListenerV2 {
        arn: format!("{}/listener-80", lb_arn(lb)),
        port: Some(80),
        protocol: "HTTP".into(),
        ssl_policy: None,
        default_actions: vec![redirect.clone()],
        rules: Some(Fetched::Ok(vec![ListenerRule {
            priority: "default".into(),
            is_default: true,
            actions: vec![redirect],
        }])),
    }
}

/// An HTTP listener that forwards plain HTTP.
pub(crate) fn plain_listener(lb: &str) -> ListenerV2 {
    ListenerV2 {
        arn: format!("{}/listener-80", lb_arn(lb)),
        port: Some(80),
        protocol: "HTTP".into(),
        ssl_policy: None,
        default_actions: vec![ListenerAction { action_type: "forward".into(), redirect_protocol: None }],
        rules: None,
    }
}

/// An internet-facing application load balancer in two zones, HTTPS with a redirecting HTTP
/// listener, a web ACL, logging, deletion protection, strict desync mitigation, no security group
/// open to the internet (`sg-alb` is not in the EC2 fixture, see [`alb_group`]).
pub(crate) fn alb(name: &str) -> LoadBalancerV2 {
    LoadBalancerV2 {
        name: name.into(),
        arn: lb_arn(name),
        lb_type: "application".into(),
        scheme: "internet-facing".into(),
        dns_name: Some(format!("{name}-1234.{REGION}.elb.amazonaws.com")),
        vpc_id: Some("vpc-1".into()),
        security_groups: vec!["sg-alb".into()],
        availability_zones: vec![format!("{REGION}a"), format!("{REGION}b")],
        created: Some(days_ago(100)),
        listeners: Fetched::Ok(vec![https_listener(name, 443), redirecting_listener(name)]),
        attributes: Fetched::Ok(BTreeMap::from(
            [
                ("access_logs.s3.enabled", "true"),
                ("deletion_protection.enabled", "true"),
                ("routing.http.desync_mitigation_mode", "strictest"),
                ("routing.http.drop_invalid_header_fields.enabled", "true"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string())),
        )),
        web_acl: Some(Fetched::Ok(Some(format!("arn:aws:wafv2:{REGION}:{ACCOUNT}:regional/webacl/web/abc")))),
        tags: Tags::new(),
    }
}

/// `lb` with attribute `key` set to `value`.
pub(crate) fn with_attribute(mut lb: LoadBalancerV2, key: &str, value: &str) -> LoadBalancerV2 {
    if let Fetched::Ok(attrs) = &mut lb.attributes {
        attrs.insert(key.into(), value.into());
    }
    lb
}

/// The security group of [`alb`]: HTTPS from one office range.
pub(crate) fn alb_group() -> SecurityGroup {
    SecurityGroup {
        id: "sg-alb".into(),
        name: "alb".into(),
        description: "alb".into(),
        vpc_id: Some("vpc-1".into()),
        owner_id: Some(ACCOUNT.into()),
        ingress: vec![SecurityGroupRule {
            protocol: "tcp".into(),
            from_port: Some(443),
            to_port: Some(443),
            ipv4_ranges: vec![CidrBlock::new("203.0.113.0/24")],
            ipv6_ranges: vec![],
            prefix_list_ids: vec![],
            referenced_groups: vec![],
        }],
        egress: vec![],
        tags: Tags::new(),
    }
}
