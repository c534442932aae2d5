//! Load balancers have at least one listener. Metadata: `checks/elbv2/elbv2_listeners_underneath.toml`.

use super::each_lb;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "elbv2_listeners_underneath", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_lb(ctx, out, |_, lb, r, out| match &lb.listeners {
        Fetched::Err(e) => out.error(r, e),
        Fetched::Ok(l) if l.is_empty() => out.fail(r, format_args!("Load balancer {} has no listener.", lb.name)),
        Fetched::Ok(l) => out.pass(r, format_args!("Load balancer {} has {} listener(s).", lb.name, l.len())),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::elbv2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::LoadBalancerV2;
    use crate::testing::*;

    #[test]
    fn listeners_decide_unreadable_errors() {
        let mut s = snapshot();
        lbs(&mut s).extend([
            alb("served"),
            LoadBalancerV2 { listeners: Fetched::Ok(vec![]), ..alb("idle") },
            LoadBalancerV2 {
                listeners: Fetched::Err(denied("elasticloadbalancing", "DescribeListeners")),
                ..alb("hidden")
            },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &lb_arn("served")), Status::Pass);
        assert_eq!(status_of(&f, &lb_arn("idle")), Status::Fail);
        assert_eq!(status_of(&f, &lb_arn("hidden")), Status::Error);
    }
}
