//! Classic Load Balancers drain connections before deregistering an instance. Metadata: `checks/elb/elb_connection_draining_enabled.toml`.

use super::each_clb_attributes;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "elb_connection_draining_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_clb_attributes(ctx, out, |lb, a, r, out| {
        if a.connection_draining {
            out.pass(r, format_args!("Classic Load Balancer {} has connection draining enabled.", lb.name));
        } else {
            out.fail(r, format_args!("Classic Load Balancer {} has connection draining disabled: in-flight requests are cut when an instance is deregistered.", lb.name));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::elb::fixtures::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn attribute_decides_unreadable_errors() {
        let mut s = snapshot();
        clbs(&mut s).extend([clb("on"), clb_with("off", |a| a.connection_draining = false), clb_unreadable("hidden")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &clb_arn("on")), Status::Pass);
        assert_eq!(status_of(&f, &clb_arn("off")), Status::Fail);
        assert_eq!(status_of(&f, &clb_arn("hidden")), Status::Error);
    }
}
