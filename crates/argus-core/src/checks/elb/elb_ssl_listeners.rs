//! Classic Load Balancers listen with HTTPS or SSL only. Metadata: `checks/elb/elb_ssl_listeners.toml`.

use super::each_clb;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "elb_ssl_listeners", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_clb(ctx, out, |lb, r, out| {
        let plain: Vec<String> = lb
            .listeners
            .iter()
            .filter(|l| !l.is_encrypted())
            .map(|l| format!("{} on port {}", l.protocol, l.port))
            .collect();
        if lb.listeners.is_empty() {
            out.pass(r, format_args!("Classic Load Balancer {} has no listener.", lb.name));
        } else if plain.is_empty() {
            out.pass(r, format_args!("Classic Load Balancer {} listens with HTTPS or SSL only.", lb.name));
        } else {
            out.fail(
                r,
                format_args!("Classic Load Balancer {} has unencrypted listeners: {}.", lb.name, plain.join(", ")),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::elb::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::ClassicListener;
    use crate::testing::*;

    #[test]
    fn protocols_decide() {
        let mut s = snapshot();
        let mut plain = clb("plain");
        plain.listeners.push(ClassicListener {
            protocol: "HTTP".into(),
            port: 80,
            instance_protocol: Some("HTTP".into()),
            policy_names: vec![],
            certificate_id: None,
        });
        clbs(&mut s).extend([clb("tls"), plain]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &clb_arn("tls")), Status::Pass);
        assert_eq!(status_of(&f, &clb_arn("plain")), Status::Fail);
        assert!(finding_message(&f, &clb_arn("plain")).contains("HTTP on port 80"));
    }
}
