//! Fixture builders for Classic Load Balancer check tests.

use crate::snapshot::*;
use crate::testing::*;

pub(crate) fn clbs(s: &mut Snapshot) -> &mut Vec<ClassicLoadBalancer> {
    list(&mut region_mut(s, REGION).elb.as_mut().expect("fixture has ELB").classic_load_balancers)
}

pub(crate) fn clb_arn(name: &str) -> String {
    format!("arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/{name}")
}

/// An internal Classic Load Balancer in two zones with one HTTPS listener on a TLS 1.2 policy,
/// access logs, cross-zone balancing, connection draining and defensive desync mitigation.
pub(crate) fn clb(name: &str) -> ClassicLoadBalancer {
    ClassicLoadBalancer {
        name: name.into(),
        arn: clb_arn(name),
        scheme: "internal".into(),
        dns_name: Some(format!("internal-{name}-1.{REGION}.elb.amazonaws.com")),
        vpc_id: Some("vpc-1".into()),
        security_groups: vec!["sg-clb".into()],
        availability_zones: vec![format!("{REGION}a"), format!("{REGION}b")],
        listeners: vec![ClassicListener {
            protocol: "HTTPS".into(),
            port: 443,
            instance_protocol: Some("HTTP".into()),
            policy_names: vec!["tls12".into()],
            certificate_id: Some(format!("arn:aws:acm:{REGION}:{ACCOUNT}:certificate/1")),
        }],
        attributes: Fetched::Ok(ClassicAttributes {
            access_log_enabled: true,
            cross_zone_load_balancing: true,
            connection_draining: true,
            desync_mitigation_mode: Some("defensive".into()),
        }),
        ssl_policies: Some(Fetched::Ok(vec![ClassicSslPolicy {
            name: "tls12".into(),
            reference_security_policy: Some("ELBSecurityPolicy-TLS-1-2-2017-01".into()),
            enabled_protocols: vec!["TLSv1.2".into()],
        }])),
    }
}

/// `clb(name)` with its attributes changed by `f`.
pub(crate) fn clb_with(name: &str, f: impl FnOnce(&mut ClassicAttributes)) -> ClassicLoadBalancer {
    let mut lb = clb(name);
    if let Fetched::Ok(a) = &mut lb.attributes {
        f(a);
    }
    lb
}

/// `clb(name)` whose attributes could not be read.
pub(crate) fn clb_unreadable(name: &str) -> ClassicLoadBalancer {
    ClassicLoadBalancer {
        attributes: Fetched::Err(denied("elasticloadbalancing", "DescribeLoadBalancerAttributes")),
        ..clb(name)
    }
}
