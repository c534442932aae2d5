//! Internet-facing load balancers admit the whole internet only where meant to. Metadata:
//! `checks/elbv2/elbv2_internet_facing.toml`.
//!
//! An internet-facing load balancer FAILs when any address on the internet can reach it: a
//! security group of it admits TCP from 0.0.0.0/0 or ::/0, or it has no security group at all (a
//! network load balancer without one admits every client its listeners accept).

use super::{each_lb, internet_facing};
use crate::checks::ec2::common::internet_sources;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{Fetched, SecurityGroupRule};

pub const CHECK: Check = Check { id: "elbv2_internet_facing", run };

/// TCP or every protocol.
fn admits_tcp(rule: &SecurityGroupRule) -> bool {
    matches!(rule.protocol.as_str(), "tcp" | "6" | "-1")
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_lb(ctx, out, |region, lb, r, out| {
        let Some(facing) = internet_facing(lb, &r, out) else { return };
        if !facing {
            return out.pass(r, format_args!("Load balancer {} is internal.", lb.name));
        }
        if lb.security_groups.is_empty() {
            return out.fail(
                r,
                format_args!(
                    "Load balancer {} is internet-facing and has no security group: every address on the internet reaches its listeners.",
                    lb.name
                ),
            );
        }
        let groups = match ctx.snapshot.regions.get(region).and_then(|d| d.ec2.as_ref()).map(|e| &e.security_groups) {
            Some(Fetched::Ok(groups)) => groups,
            Some(Fetched::Err(e)) => return out.error(r, e),
            None => {
                return out.error_message(
                    r,
                    format_args!(
                    "could not be evaluated: EC2 security groups were not collected in {region} (add --services ec2)"
                ),
                )
            }
        };
        let mut open = Vec::new();
        for id in &lb.security_groups {
            let Some(sg) = groups.iter().find(|g| &g.id == id) else {
                return out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: its security group {id} is not in the DescribeSecurityGroups listing"
                    ),
                );
            };
            for rule in sg.ingress.iter().filter(|rule| admits_tcp(rule)) {
                let (internet, _) = internet_sources(rule);
                if !internet.is_empty() {
                    open.push(format!(
                        "{} admits {} on {}",
                        sg.id,
                        internet.join(", "),
                        crate::checks::ec2::common::rule_label(rule)
                    ));
                }
            }
        }
        let dns = lb.dns_name.as_deref().unwrap_or("its DNS name");
        if open.is_empty() {
            out.pass(
                r,
                format_args!(
                    "Load balancer {} is internet-facing ({dns}), but its security groups admit no whole-internet range.",
                    lb.name
                ),
            );
        } else {
            out.fail(
                r,
                format_args!("Load balancer {} is reachable from the internet at {dns}: {}.", lb.name, open.join("; ")),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::elbv2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{CidrBlock, LoadBalancerV2, SecurityGroup};
    use crate::testing::*;

    #[test]
    fn internal_or_narrow_pass_open_or_groupless_fail() {
        let mut s = snapshot();
        let mut open_group = SecurityGroup { id: "sg-open".into(), ..alb_group() };
        open_group.ingress[0].ipv4_ranges = vec![CidrBlock::new("0.0.0.0/0")];
        list(&mut ec2(&mut s).security_groups).extend([alb_group(), open_group]);
        lbs(&mut s).extend([
            alb("narrow"),
            LoadBalancerV2 { scheme: "internal".into(), ..alb("inside") },
            LoadBalancerV2 { security_groups: vec!["sg-open".into()], ..alb("open") },
            LoadBalancerV2 { lb_type: "network".into(), security_groups: vec![], ..alb("nlb") },
            LoadBalancerV2 { security_groups: vec!["sg-gone".into()], ..alb("gone") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &lb_arn("narrow")), Status::Pass);
        assert_eq!(status_of(&f, &lb_arn("inside")), Status::Pass);
        assert_eq!(status_of(&f, &lb_arn("open")), Status::Fail);
        assert!(
            finding_message(&f, &lb_arn("open")).contains("sg-open admits 0.0.0.0/0"),
            "{}",
            finding_message(&f, &lb_arn("open"))
        );
        assert_eq!(status_of(&f, &lb_arn("nlb")), Status::Fail);
        assert_eq!(status_of(&f, &lb_arn("gone")), Status::Error);
    }

    #[test]
    fn unreadable_groups_or_listing_error() {
        let mut s = snapshot();
        lbs(&mut s).push(alb("web"));
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(status_of(&run_check(CHECK, &s), &lb_arn("web")), Status::Error);
        region_mut(&mut s, REGION).elb.as_mut().unwrap().load_balancers =
            Fetched::Err(denied("elasticloadbalancing", "DescribeLoadBalancers"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
