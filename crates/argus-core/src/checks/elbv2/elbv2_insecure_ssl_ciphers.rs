//! HTTPS and TLS listeners use a security policy that refuses TLS 1.0 and 1.1. Metadata:
//! `checks/elbv2/elbv2_insecure_ssl_ciphers.toml`.

use super::{each_lb, policy_requires_tls12};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "elbv2_insecure_ssl_ciphers", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_lb(ctx, out, |_, lb, r, out| {
        let listeners = match &lb.listeners {
            Fetched::Ok(l) => l,
            Fetched::Err(e) => return out.error(r, e),
        };
        let mut weak = Vec::new();
        let mut judged = 0;
        for l in listeners.iter().filter(|l| matches!(l.protocol.as_str(), "HTTPS" | "TLS")) {
            let port = l.port.map_or_else(|| "?".to_string(), |p| p.to_string());
            let Some(policy) = l.ssl_policy.as_deref() else {
                return out.error_message(
                    r,
                    format_args!("could not be evaluated: DescribeListeners returned no SslPolicy for its {} listener on port {port}", l.protocol),
                );
            };
            judged += 1;
            if !policy_requires_tls12(policy) {
                weak.push(format!("{} listener on port {port} uses {policy}", l.protocol));
            }
        }
        if !weak.is_empty() {
            out.fail(r, format_args!("Load balancer {} accepts TLS below 1.2: {}.", lb.name, weak.join("; ")));
        } else if judged == 0 {
            out.pass(r, format_args!("Load balancer {} has no HTTPS or TLS listener.", lb.name));
        } else {
            out.pass(
                r,
                format_args!("Load balancer {}: its {judged} HTTPS/TLS listener(s) require TLS 1.2 or later.", lb.name),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::elbv2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{ListenerV2, LoadBalancerV2};
    use crate::testing::*;

    #[test]
    fn policy_decides_missing_policy_errors() {
        let mut s = snapshot();
        let weak = ListenerV2 { ssl_policy: Some("ELBSecurityPolicy-2016-08".into()), ..https_listener("weak", 443) };
        let unnamed = ListenerV2 { ssl_policy: None, ..https_listener("unnamed", 443) };
        lbs(&mut s).extend([
            alb("strong"),
            LoadBalancerV2 { listeners: Fetched::Ok(vec![weak]), ..alb("weak") },
            LoadBalancerV2 { listeners: Fetched::Ok(vec![unnamed]), ..alb("unnamed") },
            LoadBalancerV2 {
                listeners: Fetched::Err(denied("elasticloadbalancing", "DescribeListeners")),
                ..alb("hidden")
            },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &lb_arn("strong")), Status::Pass);
        assert_eq!(status_of(&f, &lb_arn("weak")), Status::Fail);
        assert!(finding_message(&f, &lb_arn("weak")).contains("ELBSecurityPolicy-2016-08"));
        assert_eq!(status_of(&f, &lb_arn("unnamed")), Status::Error);
        assert_eq!(status_of(&f, &lb_arn("hidden")), Status::Error);
    }
}
