//! DB instances are not publicly accessible. Metadata: `checks/rds/rds_instance_no_public_access.toml`.
//!
//! PubliclyAccessible alone FAILs (the endpoint resolves to a public IP); the message then says whether
//! the instance's VPC security groups (looked up in the same region's EC2 data) admit the internet on
//! the DB port, so reviewers can tell an exposed database from one that is one rule change away. The
//! subnets' route tables are not collected, so the message never claims the instance is reachable:
//! it says what was read and that the routes were not.

use super::{each_instance, instance_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{DbInstance, Fetched, SecurityGroup, SecurityGroupRule};

pub const CHECK: Check = Check { id: "rds_instance_no_public_access", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, _, instance, out| {
        let r = instance_resource(ctx, instance, region);
        let Some(public) = instance.publicly_accessible else {
            return out.error_message(
                r,
                format_args!(
                    "could not be evaluated: rds:DescribeDBInstances returned no PubliclyAccessible for DB instance {}",
                    instance.id
                ),
            );
        };
        if !public {
            return out.pass(
                r,
                format_args!("DB instance {} is not publicly accessible (PubliclyAccessible is false).", instance.id),
            );
        }
        let groups = security_groups(ctx, region, instance);
        out.fail(
            r,
            format_args!(
                "DB instance {} is publicly accessible (PubliclyAccessible is true) {groups}; its subnets' route tables were not checked.",
                instance.id
            ),
        );
    });
}

/// The second half of the FAIL message: whether the instance's security groups admit the internet on
/// the DB port.
fn security_groups(ctx: &CheckContext<'_>, region: &str, instance: &DbInstance) -> String {
    let port = instance.endpoint_port;
    let port_text = port.map_or_else(|| "its (unknown) DB port".to_string(), |p| format!("tcp/{p}"));
    match ctx.snapshot.regions.get(region).and_then(|r| r.ec2.as_ref()) {
        None => return format!("(reachability unknown: EC2 security groups were not collected in {region})"),
        Some(ec2) => {
            if let Fetched::Err(e) = &ec2.security_groups {
                return format!("(reachability unknown: {e})");
            }
        }
    }
    if instance.vpc_security_group_ids.is_empty() {
        return "(reachability unknown: it has no VPC security groups)".to_string();
    }
    let mut missing = Vec::new();
    for id in &instance.vpc_security_group_ids {
        let Some(group) = ctx.index().security_group(region, id) else {
            missing.push(id.as_str());
            continue;
        };
        if let Some((rule, cidr)) = internet_rule(group, port) {
            return format!(
                "and its security group {} ({}) admits the internet ({cidr}) on {}",
                group.id,
                group.name,
                rule_ports(rule)
            );
        }
    }
    if missing.is_empty() {
        format!(
            "but its security groups ({}) do not admit the internet on {port_text}",
            instance.vpc_security_group_ids.join(", ")
        )
    } else {
        format!(
            "(reachability unknown: security group {} was not found in {region}; the others do not admit the internet on {port_text})",
            missing.join(", ")
        )
    }
}

/// The first ingress rule of `group` admitting 0.0.0.0/0 or ::/0 on `port` (any TCP port when unknown).
fn internet_rule(group: &SecurityGroup, port: Option<i32>) -> Option<(&SecurityGroupRule, &str)> {
    group.ingress.iter().filter(|rule| covers_tcp_port(rule, port)).find_map(|rule| {
        rule.ipv4_ranges
            .iter()
            .chain(&rule.ipv6_ranges)
            .find(|cidr| cidr.is_internet())
            .map(|cidr| (rule, cidr.as_str()))
    })
}

fn covers_tcp_port(rule: &SecurityGroupRule, port: Option<i32>) -> bool {
    match rule.protocol.as_str() {
        "-1" => true,
        "tcp" | "6" => match (port, rule.from_port, rule.to_port) {
            (None, _, _) | (_, None, _) | (_, _, None) => true,
            (Some(p), Some(from), Some(to)) => (from == -1 && to == -1) || (from <= p && p <= to),
        },
        _ => false,
    }
}

fn rule_ports(rule: &SecurityGroupRule) -> String {
    match (rule.protocol.as_str(), rule.from_port, rule.to_port) {
        ("-1", _, _) => "all protocols and ports".to_string(),
        (_, Some(from), Some(to)) if from == to => format!("tcp/{from}"),
        (_, Some(from), Some(to)) if from >= 0 => format!("tcp/{from}-{to}"),
        _ => "all TCP ports".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::testing::*;

    fn sg(id: &str, protocol: &str, from: i32, to: i32, cidr: &str) -> SecurityGroup {
        SecurityGroup {
            id: id.into(),
            name: format!("{id}-name").into(),
            description: "test".into(),
            vpc_id: Some("vpc-1".into()),
            owner_id: Some(ACCOUNT.into()),
            ingress: vec![SecurityGroupRule {
                protocol: protocol.into(),
                from_port: Some(from),
                to_port: Some(to),
                ipv4_ranges: if cidr.contains(':') { vec![] } else { vec![cidr.into()] },
                ipv6_ranges: if cidr.contains(':') { vec![cidr.into()] } else { vec![] },
                prefix_list_ids: vec![],
                referenced_groups: vec![],
            }],
            egress: vec![],
            tags: Default::default(),
        }
    }

    fn public(id: &str, groups: &[&str]) -> DbInstance {
        DbInstance {
            publicly_accessible: Some(true),
            vpc_security_group_ids: groups.iter().map(|g| g.to_string()).collect(),
            ..instance(id)
        }
    }

    fn message(f: &[crate::engine::Finding], id: &str) -> String {
        f.iter().find(|x| x.resource.id == id).map(|x| x.message.to_string()).unwrap_or_default()
    }

    #[test]
    fn private_passes_public_fails_with_reachability() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).security_groups).extend([
            sg("sg-open", "tcp", 5432, 5432, "0.0.0.0/0"),
            sg("sg-v6", "-1", -1, -1, "::/0"),
            sg("sg-office", "tcp", 5432, 5432, "203.0.113.0/24"),
            sg("sg-other-port", "tcp", 22, 22, "0.0.0.0/0"),
        ]);
        instances(&mut s).extend([
            instance("private"),
            public("open", &["sg-office", "sg-open"]),
            public("open6", &["sg-v6"]),
            public("closed", &["sg-office", "sg-other-port"]),
            public("ghost", &["sg-gone"]),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "private"), Status::Pass);
        for id in ["open", "open6", "closed", "ghost"] {
            assert_eq!(status_of(&f, id), Status::Fail, "{id}");
        }
        assert!(message(&f, "open").contains("sg-open (sg-open-name) admits the internet (0.0.0.0/0) on tcp/5432"));
        assert!(message(&f, "open6").contains("(::/0) on all protocols and ports"));
        assert!(message(&f, "closed").contains("do not admit the internet on tcp/5432"), "{}", message(&f, "closed"));
        assert!(message(&f, "ghost").contains("reachability unknown: security group sg-gone was not found"));
    }

    #[test]
    fn messages_claim_only_what_was_checked() {
        // Security groups and the PubliclyAccessible flag are read; the subnets' route tables are not.
        let mut s = snapshot();
        list(&mut ec2(&mut s).security_groups).extend([sg("sg-open", "tcp", 5432, 5432, "0.0.0.0/0")]);
        instances(&mut s).extend([instance("private"), public("open", &["sg-open"])]);
        let f = run_check(CHECK, &s);
        let open = message(&f, "open");
        assert!(!open.contains("reachable:") && !open.contains("is reachable"), "{open}");
        assert!(open.contains("PubliclyAccessible"), "{open}");
        assert!(open.contains("route tables were not checked"), "{open}");
        let private = message(&f, "private");
        assert!(private.contains("PubliclyAccessible is false"), "{private}");
    }

    #[test]
    fn an_instance_without_the_flag_is_an_error_not_a_pass() {
        let mut s = snapshot();
        instances(&mut s).push(DbInstance { publicly_accessible: None, ..instance("db") });
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "db"), Status::Error);
        assert!(message(&f, "db").contains("returned no PubliclyAccessible"), "{}", message(&f, "db"));
    }

    #[test]
    fn reachability_unknown_without_ec2() {
        let mut s = snapshot();
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        instances(&mut s).push(public("db", &["sg-open"]));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "db"), Status::Fail);
        assert!(message(&f, "db").contains("reachability unknown: ec2:DescribeSecurityGroups failed"));

        region_mut(&mut s, REGION).ec2 = None;
        let f = run_check(CHECK, &s);
        assert!(message(&f, "db").contains("reachability unknown: EC2 security groups were not collected"));
    }

    #[test]
    fn failed_listing_is_one_region_error() {
        let mut s = snapshot();
        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
