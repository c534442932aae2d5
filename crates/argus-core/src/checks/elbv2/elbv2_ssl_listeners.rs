//! Application load balancers serve no plain HTTP: every HTTP listener redirects to HTTPS. Metadata:
//! `checks/elbv2/elbv2_ssl_listeners.toml`.
//!
//! An HTTP listener passes when its default action and every rule of it (DescribeRules) redirect to
//! HTTPS or answer with a fixed response; one rule that forwards plain HTTP fails it.

use super::each_alb;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{Fetched, ListenerAction, ListenerV2};

pub const CHECK: Check = Check { id: "elbv2_ssl_listeners", run };

/// How an HTTP listener treats plain HTTP: `Ok(None)` when it never serves it, `Ok(Some(why))`
/// when it does, `Err` when its rules could not be read.
fn serves_plain_http(l: &ListenerV2) -> Result<Option<String>, String> {
    let port = l.port.map_or_else(|| "?".to_string(), |p| p.to_string());
    if l.default_actions.is_empty() || !l.default_actions.iter().all(ListenerAction::keeps_plain_http_off) {
        return Ok(Some(format!("HTTP listener on port {port} does not redirect to HTTPS")));
    }
    match &l.rules {
        None => Err(format!("the rules of its HTTP listener on port {port} were not read")),
        Some(Fetched::Err(e)) => Err(e.to_string()),
        Some(Fetched::Ok(rules)) => Ok(rules
            .iter()
            .find(|rule| !rule.actions.iter().all(ListenerAction::keeps_plain_http_off))
            .map(|rule| format!("rule {} of its HTTP listener on port {port} serves plain HTTP", rule.priority))),
    }
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_alb(ctx, out, |lb, r, out| {
        let listeners = match &lb.listeners {
            Fetched::Ok(l) => l,
            Fetched::Err(e) => return out.error(r, e),
        };
        let mut plain = Vec::new();
        for l in listeners.iter().filter(|l| l.protocol == "HTTP") {
            match serves_plain_http(l) {
                Ok(Some(why)) => plain.push(why),
                Ok(None) => {}
                Err(why) => return out.error_message(r, format_args!("could not be evaluated: {why}")),
            }
        }
        if plain.is_empty() {
            out.pass(
                r,
                format_args!("Application load balancer {} serves HTTPS only or redirects HTTP to HTTPS.", lb.name),
            );
        } else {
            out.fail(r, format_args!("Application load balancer {}: {}.", lb.name, plain.join("; ")));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::elbv2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{ListenerRule, LoadBalancerV2};
    use crate::testing::*;

    #[test]
    fn redirects_pass_forwarding_http_fails_unread_rules_error() {
        let mut s = snapshot();
        let mut sneaky = redirecting_listener("sneaky");
        sneaky.rules = Some(Fetched::Ok(vec![ListenerRule {
            priority: "10".into(),
            is_default: false,
            actions: vec![ListenerAction { action_type: "forward".into(), redirect_protocol: None }],
        }]));
        let mut unread = redirecting_listener("unread");
        unread.rules = Some(Fetched::Err(denied("elasticloadbalancing", "DescribeRules")));
        lbs(&mut s).extend([
            alb("tls"),
            LoadBalancerV2 { listeners: Fetched::Ok(vec![plain_listener("plain")]), ..alb("plain") },
            LoadBalancerV2 { listeners: Fetched::Ok(vec![sneaky]), ..alb("sneaky") },
            LoadBalancerV2 { listeners: Fetched::Ok(vec![unread]), ..alb("unread") },
            // Network load balancers are not judged.
            LoadBalancerV2 {
                lb_type: "network".into(),
                listeners: Fetched::Ok(vec![plain_listener("nlb")]),
                ..alb("nlb")
            },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &lb_arn("tls")), Status::Pass);
        assert_eq!(status_of(&f, &lb_arn("plain")), Status::Fail);
        assert!(finding_message(&f, &lb_arn("plain")).contains("port 80 does not redirect"));
        assert_eq!(status_of(&f, &lb_arn("sneaky")), Status::Fail);
        assert!(finding_message(&f, &lb_arn("sneaky")).contains("rule 10"));
        assert_eq!(status_of(&f, &lb_arn("unread")), Status::Error);
        assert!(!f.iter().any(|x| x.resource.id == lb_arn("nlb").as_str()));
    }
}
