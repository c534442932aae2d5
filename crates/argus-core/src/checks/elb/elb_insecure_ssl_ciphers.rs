//! HTTPS and SSL listeners of Classic Load Balancers refuse SSL 3.0, TLS 1.0 and TLS 1.1. Metadata:
//! `checks/elb/elb_insecure_ssl_ciphers.toml`.
//!
//! A listener's SSL negotiation policy (DescribeLoadBalancerPolicies) is judged by the protocols it
//! enables; a policy that lists none is judged by the predefined policy it references
//! (`ELBSecurityPolicy-TLS-1-2-2017-01` is the one predefined policy limited to TLS 1.2).

use super::each_clb;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{ClassicSslPolicy, Fetched};

pub const CHECK: Check = Check { id: "elb_insecure_ssl_ciphers", run };

const OLD_PROTOCOLS: [&str; 4] = ["SSLv2", "SSLv3", "TLSv1", "TLSv1.1"];

/// `Ok(None)` when the policy refuses everything below TLS 1.2, `Ok(Some(old))` naming what it
/// still accepts, `Err` when it says neither.
fn accepts_old_protocols(p: &ClassicSslPolicy) -> Result<Option<String>, String> {
    let old: Vec<&str> =
        p.enabled_protocols.iter().map(String::as_str).filter(|proto| OLD_PROTOCOLS.contains(proto)).collect();
    if !old.is_empty() {
        return Ok(Some(format!("policy {} enables {}", p.name, old.join(", "))));
    }
    if !p.enabled_protocols.is_empty() {
        return Ok(None);
    }
    match p.reference_security_policy.as_deref() {
        Some("ELBSecurityPolicy-TLS-1-2-2017-01") => Ok(None),
        Some(reference) => Ok(Some(format!("policy {} copies {reference}, which accepts TLS below 1.2", p.name))),
        None => Err(format!("policy {} lists neither protocols nor a reference policy", p.name)),
    }
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_clb(ctx, out, |lb, r, out| {
        let encrypted: Vec<_> = lb.listeners.iter().filter(|l| l.is_encrypted()).collect();
        if encrypted.is_empty() {
            return out.pass(r, format_args!("Classic Load Balancer {} has no HTTPS or SSL listener.", lb.name));
        }
        let policies = match &lb.ssl_policies {
            Some(Fetched::Ok(p)) => p,
            Some(Fetched::Err(e)) => return out.error(r, e),
            None => return out.error_message(r, "could not be evaluated: its SSL negotiation policies were not read"),
        };
        let mut weak = Vec::new();
        for l in encrypted {
            let Some(policy) = policies.iter().find(|p| l.policy_names.contains(&p.name)) else {
                return out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: no SSL negotiation policy is reported for its {} listener on port {}",
                        l.protocol, l.port
                    ),
                );
            };
            match accepts_old_protocols(policy) {
                Ok(Some(why)) => weak.push(format!("{} listener on port {}: {why}", l.protocol, l.port)),
                Ok(None) => {}
                Err(why) => return out.error_message(r, format_args!("could not be evaluated: {why}")),
            }
        }
        if weak.is_empty() {
            out.pass(r, format_args!("Classic Load Balancer {}: its HTTPS/SSL listeners require TLS 1.2.", lb.name));
        } else {
            out.fail(r, format_args!("Classic Load Balancer {} accepts TLS below 1.2: {}.", lb.name, weak.join("; ")));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::elb::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::ClassicLoadBalancer;
    use crate::testing::*;

    fn with_policy(name: &str, policy: ClassicSslPolicy) -> ClassicLoadBalancer {
        ClassicLoadBalancer { ssl_policies: Some(Fetched::Ok(vec![policy])), ..clb(name) }
    }

    #[test]
    fn protocols_or_reference_decide() {
        let mut s = snapshot();
        let tls10 = ClassicSslPolicy {
            name: "tls12".into(),
            reference_security_policy: Some("ELBSecurityPolicy-2016-08".into()),
            enabled_protocols: vec!["TLSv1".into(), "TLSv1.1".into(), "TLSv1.2".into()],
        };
        let by_reference = ClassicSslPolicy {
            enabled_protocols: vec![],
            reference_security_policy: Some("ELBSecurityPolicy-2016-08".into()),
            ..tls10.clone()
        };
        let blank = ClassicSslPolicy { enabled_protocols: vec![], reference_security_policy: None, ..tls10.clone() };
        clbs(&mut s).extend([
            clb("strong"),
            with_policy("old", tls10),
            with_policy("old-ref", by_reference),
            with_policy("blank", blank),
            ClassicLoadBalancer { ssl_policies: Some(Fetched::Ok(vec![])), ..clb("unmatched") },
            ClassicLoadBalancer {
                ssl_policies: Some(Fetched::Err(denied("elasticloadbalancing", "DescribeLoadBalancerPolicies"))),
                ..clb("hidden")
            },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &clb_arn("strong")), Status::Pass);
        assert_eq!(status_of(&f, &clb_arn("old")), Status::Fail);
        assert!(finding_message(&f, &clb_arn("old")).contains("enables TLSv1, TLSv1.1"));
        assert_eq!(status_of(&f, &clb_arn("old-ref")), Status::Fail);
        assert_eq!(status_of(&f, &clb_arn("blank")), Status::Error);
        assert_eq!(status_of(&f, &clb_arn("unmatched")), Status::Error);
        assert_eq!(status_of(&f, &clb_arn("hidden")), Status::Error);
    }
}
