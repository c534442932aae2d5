//! Load balancers have deletion protection. Metadata: `checks/elbv2/elbv2_deletion_protection.toml`.

use super::{attribute, each_lb};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "elbv2_deletion_protection", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_lb(ctx, out, |_, lb, r, out| {
        let Some(value) = attribute(lb, "deletion_protection.enabled", &r, out) else { return };
        if value == "true" {
            out.pass(r, format_args!("Load balancer {} has deletion protection enabled.", lb.name));
        } else {
            out.fail(
                r,
                format_args!(
                    "Load balancer {} has deletion protection disabled: one DeleteLoadBalancer call takes it down.",
                    lb.name
                ),
            );
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

    #[test]
    fn attribute_decides_unreadable_errors() {
        let mut s = snapshot();
        lbs(&mut s).extend([
            alb("on"),
            with_attribute(alb("off"), "deletion_protection.enabled", "false"),
            LoadBalancerV2 {
                attributes: Fetched::Err(denied("elasticloadbalancing", "DescribeLoadBalancerAttributes")),
                ..alb("hidden")
            },
            LoadBalancerV2 { attributes: Fetched::Ok(Default::default()), ..alb("unreported") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &lb_arn("on")), Status::Pass);
        assert_eq!(status_of(&f, &lb_arn("off")), Status::Fail);
        assert_eq!(status_of(&f, &lb_arn("hidden")), Status::Error);
        assert_eq!(status_of(&f, &lb_arn("unreported")), Status::Error);
    }
}
