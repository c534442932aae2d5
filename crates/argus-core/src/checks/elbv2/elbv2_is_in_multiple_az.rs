//! Load balancers span at least two Availability Zones. Metadata: `checks/elbv2/elbv2_is_in_multiple_az.toml`.

use super::each_lb;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "elbv2_is_in_multiple_az", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_lb(ctx, out, |_, lb, r, out| match lb.availability_zones.len() {
        0 => out.error_message(r, "could not be evaluated: DescribeLoadBalancers returned no Availability Zones"),
        1 => out.fail(
            r,
            format_args!("Load balancer {} is in one Availability Zone only: {}.", lb.name, lb.availability_zones[0]),
        ),
        _ => out.pass(r, format_args!("Load balancer {} spans {}.", lb.name, lb.availability_zones.join(", "))),
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
    fn zone_count_decides() {
        let mut s = snapshot();
        lbs(&mut s).extend([
            alb("two"),
            LoadBalancerV2 { availability_zones: vec!["us-east-1a".into()], ..alb("one") },
            LoadBalancerV2 { availability_zones: vec![], ..alb("none") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &lb_arn("two")), Status::Pass);
        assert_eq!(status_of(&f, &lb_arn("one")), Status::Fail);
        assert_eq!(status_of(&f, &lb_arn("none")), Status::Error);
    }
}
