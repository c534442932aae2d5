//! Classic Load Balancers span at least two Availability Zones. Metadata: `checks/elb/elb_is_in_multiple_az.toml`.

use super::each_clb;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "elb_is_in_multiple_az", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_clb(ctx, out, |lb, r, out| match lb.availability_zones.len() {
        0 => out.error_message(r, "could not be evaluated: DescribeLoadBalancers returned no Availability Zones"),
        1 => out.fail(
            r,
            format_args!(
                "Classic Load Balancer {} is in one Availability Zone only: {}.",
                lb.name, lb.availability_zones[0]
            ),
        ),
        _ => out.pass(r, format_args!("Classic Load Balancer {} spans {}.", lb.name, lb.availability_zones.join(", "))),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::elb::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::ClassicLoadBalancer;
    use crate::testing::*;

    #[test]
    fn zone_count_decides() {
        let mut s = snapshot();
        clbs(&mut s).extend([
            clb("two"),
            ClassicLoadBalancer { availability_zones: vec!["us-east-1a".into()], ..clb("one") },
            ClassicLoadBalancer { availability_zones: vec![], ..clb("none") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &clb_arn("two")), Status::Pass);
        assert_eq!(status_of(&f, &clb_arn("one")), Status::Fail);
        assert_eq!(status_of(&f, &clb_arn("none")), Status::Error);
    }
}
