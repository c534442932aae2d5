//! Network and gateway load balancers balance across zones (application load balancers always do).
//! Metadata: `checks/elbv2/elbv2_cross_zone_load_balancing_enabled.toml`.

use super::{attribute, each_lb};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "elbv2_cross_zone_load_balancing_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_lb(ctx, out, |_, lb, r, out| {
        if lb.is_application() {
            return;
        }
        let Some(value) = attribute(lb, "load_balancing.cross_zone.enabled", &r, out) else { return };
        if value == "true" {
            out.pass(r, format_args!("Load balancer {} balances load across zones.", lb.name));
        } else {
            out.fail(r, format_args!("Load balancer {} has cross-zone load balancing disabled.", lb.name));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::elbv2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, LoadBalancerV2};
    use crate::testing::*;

    fn nlb(name: &str, cross_zone: &str) -> LoadBalancerV2 {
        let lb = LoadBalancerV2 { lb_type: "network".into(), ..alb(name) };
        with_attribute(lb, "load_balancing.cross_zone.enabled", cross_zone)
    }

    #[test]
    fn attribute_decides_for_network_load_balancers() {
        let mut s = snapshot();
        lbs(&mut s).extend([
            nlb("on", "true"),
            nlb("off", "false"),
            LoadBalancerV2 {
                attributes: Fetched::Err(denied("elasticloadbalancing", "DescribeLoadBalancerAttributes")),
                ..nlb("hidden", "true")
            },
            alb("app"),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &lb_arn("on")), Status::Pass);
        assert_eq!(status_of(&f, &lb_arn("off")), Status::Fail);
        assert_eq!(status_of(&f, &lb_arn("hidden")), Status::Error);
        assert!(!f.iter().any(|x| x.resource.id == lb_arn("app").as_str()));
    }
}
