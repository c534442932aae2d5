//! Application load balancers drop HTTP headers that are not valid. Metadata: `checks/elbv2/elbv2_alb_drop_invalid_header_fields_enabled.toml`.

use super::{attribute, each_alb};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "elbv2_alb_drop_invalid_header_fields_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_alb(ctx, out, |lb, r, out| {
        let Some(value) = attribute(lb, "routing.http.drop_invalid_header_fields.enabled", &r, out) else { return };
        if value == "true" {
            out.pass(r, format_args!("Application load balancer {} drops invalid HTTP header fields.", lb.name));
        } else {
            out.fail(
                r,
                format_args!(
                    "Application load balancer {} forwards invalid HTTP header fields to its targets.",
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
            with_attribute(alb("off"), "routing.http.drop_invalid_header_fields.enabled", "false"),
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
