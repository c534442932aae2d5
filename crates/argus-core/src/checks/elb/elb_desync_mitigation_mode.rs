//! Classic Load Balancers mitigate HTTP desync attacks (`defensive` or `strictest`). Metadata:
//! `checks/elb/elb_desync_mitigation_mode.toml`.

use super::each_clb_attributes;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "elb_desync_mitigation_mode", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_clb_attributes(ctx, out, |lb, a, r, out| match a.desync_mitigation_mode.as_deref() {
        Some(mode @ ("defensive" | "strictest")) => {
            out.pass(r, format_args!("Classic Load Balancer {} has desync mitigation mode {mode}.", lb.name))
        }
        Some(mode) => out.fail(r, format_args!("Classic Load Balancer {} has desync mitigation mode {mode}.", lb.name)),
        None => out.error_message(
            r,
            "could not be evaluated: DescribeLoadBalancerAttributes returned no elb.http.desyncmitigationmode",
        ),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::elb::fixtures::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn mode_decides_missing_or_unreadable_errors() {
        let mut s = snapshot();
        clbs(&mut s).extend([
            clb("defensive"),
            clb_with("monitor", |a| a.desync_mitigation_mode = Some("monitor".into())),
            clb_with("unreported", |a| a.desync_mitigation_mode = None),
            clb_unreadable("hidden"),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &clb_arn("defensive")), Status::Pass);
        assert_eq!(status_of(&f, &clb_arn("monitor")), Status::Fail);
        assert_eq!(status_of(&f, &clb_arn("unreported")), Status::Error);
        assert_eq!(status_of(&f, &clb_arn("hidden")), Status::Error);
    }
}
