//! Internet-facing application load balancers sit behind a WAFv2 web ACL. Metadata:
//! `checks/elbv2/elbv2_waf_acl_attached.toml`.

use super::{each_alb, internet_facing};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "elbv2_waf_acl_attached", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_alb(ctx, out, |lb, r, out| {
        if internet_facing(lb, &r, out) != Some(true) {
            return;
        }
        match &lb.web_acl {
            Some(Fetched::Ok(Some(acl))) => out.pass(
                r,
                format_args!("Internet-facing application load balancer {} is protected by web ACL {acl}.", lb.name),
            ),
            Some(Fetched::Ok(None)) => out.fail(
                r,
                format_args!(
                    "Internet-facing application load balancer {} has no WAFv2 web ACL in front of it.",
                    lb.name
                ),
            ),
            Some(Fetched::Err(e)) => out.error(r, e),
            None => out.error_message(r, "could not be evaluated: its web ACL (GetWebACLForResource) was not read"),
        }
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
    fn acl_decides_internal_albs_are_not_judged() {
        let mut s = snapshot();
        lbs(&mut s).extend([
            alb("guarded"),
            LoadBalancerV2 { web_acl: Some(Fetched::Ok(None)), ..alb("bare") },
            LoadBalancerV2 { web_acl: Some(Fetched::Err(denied("wafv2", "GetWebACLForResource"))), ..alb("hidden") },
            LoadBalancerV2 { web_acl: None, ..alb("unread") },
            LoadBalancerV2 { scheme: "internal".into(), web_acl: None, ..alb("inside") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &lb_arn("guarded")), Status::Pass);
        assert_eq!(status_of(&f, &lb_arn("bare")), Status::Fail);
        assert_eq!(status_of(&f, &lb_arn("hidden")), Status::Error);
        assert_eq!(status_of(&f, &lb_arn("unread")), Status::Error);
        assert!(!f.iter().any(|x| x.resource.id == lb_arn("inside").as_str()));
    }
}
