//! Classic Load Balancers are internal. Metadata: `checks/elb/elb_internet_facing.toml`.

use super::each_clb;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "elb_internet_facing", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_clb(ctx, out, |lb, r, out| {
        if lb.scheme.is_empty() {
            out.error_message(r, "could not be evaluated: DescribeLoadBalancers returned no Scheme");
        } else if lb.is_internet_facing() {
            let dns = lb.dns_name.as_deref().unwrap_or("its DNS name");
            out.fail(r, format_args!("Classic Load Balancer {} is internet-facing at {dns}.", lb.name));
        } else {
            out.pass(r, format_args!("Classic Load Balancer {} is internal.", lb.name));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::elb::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{ClassicLoadBalancer, Fetched};
    use crate::testing::*;

    #[test]
    fn scheme_decides_unreadable_listing_errors() {
        let mut s = snapshot();
        clbs(&mut s).extend([clb("inside"), ClassicLoadBalancer { scheme: "internet-facing".into(), ..clb("public") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &clb_arn("inside")), Status::Pass);
        assert_eq!(status_of(&f, &clb_arn("public")), Status::Fail);
        region_mut(&mut s, REGION).elb.as_mut().unwrap().classic_load_balancers =
            Fetched::Err(denied("elasticloadbalancing", "DescribeLoadBalancers"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
