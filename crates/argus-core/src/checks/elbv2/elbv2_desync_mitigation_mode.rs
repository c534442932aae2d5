//! Application load balancers mitigate HTTP desync attacks. Metadata:
//! `checks/elbv2/elbv2_desync_mitigation_mode.toml`.
//!
//! Passes with `routing.http.desync_mitigation_mode` = `defensive` or `strictest`, or, as a
//! compensating control, with invalid header fields dropped.

use super::{attribute, each_alb};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "elbv2_desync_mitigation_mode", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_alb(ctx, out, |lb, r, out| {
        let Some(mode) = attribute(lb, "routing.http.desync_mitigation_mode", &r, out) else { return };
        if matches!(mode, "defensive" | "strictest") {
            return out
                .pass(r, format_args!("Application load balancer {} has desync mitigation mode {mode}.", lb.name));
        }
        let Some(drops) = attribute(lb, "routing.http.drop_invalid_header_fields.enabled", &r, out) else { return };
        if drops == "true" {
            out.pass(
                r,
                format_args!(
                    "Application load balancer {} has desync mitigation mode {mode}, but drops invalid header fields.",
                    lb.name
                ),
            );
        } else {
            out.fail(
                r,
                format_args!(
                    "Application load balancer {} has desync mitigation mode {mode} and forwards invalid header fields.",
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
    fn mode_or_dropped_headers_pass() {
        let mut s = snapshot();
        let monitor = |name: &str| with_attribute(alb(name), "routing.http.desync_mitigation_mode", "monitor");
        lbs(&mut s).extend([
            alb("strict"),
            monitor("dropping"),
            with_attribute(monitor("monitor"), "routing.http.drop_invalid_header_fields.enabled", "false"),
            LoadBalancerV2 {
                attributes: Fetched::Err(denied("elasticloadbalancing", "DescribeLoadBalancerAttributes")),
                ..alb("hidden")
            },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &lb_arn("strict")), Status::Pass);
        assert_eq!(status_of(&f, &lb_arn("dropping")), Status::Pass);
        assert_eq!(status_of(&f, &lb_arn("monitor")), Status::Fail);
        assert_eq!(status_of(&f, &lb_arn("hidden")), Status::Error);
    }
}
