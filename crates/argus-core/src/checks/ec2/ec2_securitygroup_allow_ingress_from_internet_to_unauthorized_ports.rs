//! Security groups open only authorized ports to 0.0.0.0/0 or ::/0 (FSBP EC2.18).
//! Metadata: `checks/ec2/ec2_securitygroup_allow_ingress_from_internet_to_unauthorized_ports.toml`.
//!
//! As the AWS Config rule behind the control: TCP and UDP ports are authorized by the config lists
//! (`authorized_tcp_ports`, `authorized_udp_ports`); all traffic and any other protocol from the
//! internet is unauthorized.

use super::common::{judge_internet_ingress, port_range, rule_label, Protocol};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::SecurityGroupRule;

pub const CHECK: Check = Check { id: "ec2_securitygroup_allow_ingress_from_internet_to_unauthorized_ports", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let (tcp, udp) = (&ctx.config.authorized_tcp_ports, &ctx.config.authorized_udp_ports);
    let label = |rule: &SecurityGroupRule| {
        let authorized = match Protocol::parse(&rule.protocol) {
            Protocol::Tcp => tcp,
            Protocol::Udp => udp,
            _ => return Some(rule_label(rule)),
        };
        let (lo, hi) = port_range(rule.from_port, rule.to_port);
        let unauthorized = (lo..=hi).find(|p| u16::try_from(*p).map_or(true, |p| !authorized.contains(&p)))?;
        Some(if lo == hi {
            rule_label(rule)
        } else {
            format!("{} (port {unauthorized} is not authorized)", rule_label(rule))
        })
    };
    judge_internet_ingress(ctx, out, "unauthorized ports", label);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn only_authorized_ports_may_be_open_to_the_internet() {
        let mut s = snapshot();
        let mut web = sg("sg-web", "web");
        web.ingress.extend([tcp(80, 80, &["0.0.0.0/0"], &[]), tcp(443, 443, &[], &["::/0"])]);
        web.ingress.push(tcp(22, 22, &["10.0.0.0/8"], &[]));
        let mut ssh = sg("sg-ssh", "ssh");
        ssh.ingress.push(tcp(22, 22, &["0.0.0.0/0"], &[]));
        let mut range = sg("sg-range", "range");
        range.ingress.push(tcp(80, 443, &["0.0.0.0/0"], &[]));
        let mut dns = sg("sg-dns", "dns");
        dns.ingress.push(rule("udp", Some(53), Some(53), &["0.0.0.0/0"], &[]));
        let mut ping = sg("sg-ping", "ping");
        ping.ingress.push(rule("icmp", Some(-1), Some(-1), &["0.0.0.0/0"], &[]));
        let mut open = sg("sg-open", "open");
        open.ingress.push(all_traffic(&[], &["::/0"]));
        let mut tcp_any = sg("sg-tcp-any", "tcp-any");
        tcp_any.ingress.push(rule("6", None, None, &["0.0.0.0/0"], &[]));
        groups(&mut s).extend([web, ssh, range, dns, ping, open, tcp_any, sg("sg-empty", "empty")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-web"), Status::Pass);
        assert_eq!(status_of(&f, "sg-empty"), Status::Pass);
        for id in ["sg-ssh", "sg-range", "sg-dns", "sg-ping", "sg-open", "sg-tcp-any"] {
            assert_eq!(status_of(&f, id), Status::Fail, "{id}");
        }
        assert!(finding_message(&f, "sg-range").contains("tcp 80-443 (port 81 is not authorized) from 0.0.0.0/0"));
        assert!(finding_message(&f, "sg-ssh").contains("tcp 22 from 0.0.0.0/0"));

        let config =
            Config { authorized_tcp_ports: vec![22, 80, 443], authorized_udp_ports: vec![53], ..Config::default() };
        let f = run_with(CHECK, &s, &config);
        assert_eq!(status_of(&f, "sg-ssh"), Status::Pass);
        assert_eq!(status_of(&f, "sg-dns"), Status::Pass);
        assert_eq!(status_of(&f, "sg-range"), Status::Fail);
    }

    #[test]
    fn unreadable_rules_and_a_failed_listing_are_errors() {
        let mut s = snapshot();
        let mut odd = sg("sg-odd", "odd");
        odd.ingress.push(tcp(8080, 8080, &["not-a-cidr"], &[]));
        let mut bare = sg("sg-bare", "bare");
        bare.ingress.push(rule("", Some(8080), Some(8080), &["0.0.0.0/0"], &[]));
        groups(&mut s).extend([odd, bare]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-odd"), Status::Error);
        assert_eq!(status_of(&f, "sg-bare"), Status::Error);

        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
