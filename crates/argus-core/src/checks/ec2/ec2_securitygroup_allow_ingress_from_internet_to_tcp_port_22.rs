//! No security group admits 0.0.0.0/0 or ::/0 to TCP port 22 (SSH).
//! Metadata: `checks/ec2/ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22.toml`.

use super::common::{judge_internet_ingress, rule_admits_tcp_port, rule_label};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_internet_ingress(ctx, out, "TCP port 22 (SSH)", |rule| {
        rule_admits_tcp_port(rule, 22).then(|| rule_label(rule))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn an_internet_rule_without_a_protocol_errors_naming_the_field() {
        // A rule the reply left IpProtocol out of may admit any port.
        let mut s = snapshot();
        let mut group = sg("sg-1", "web");
        group.ingress.push(rule("", Some(22), Some(22), &["0.0.0.0/0"], &[]));
        groups(&mut s).push(group);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-1"), Status::Error);
        assert!(f[0].message.contains("IpProtocol") && f[0].message.contains("0.0.0.0/0"), "{}", f[0].message);
    }

    #[test]
    fn ssh_from_anywhere_fails_in_either_family() {
        let mut s = snapshot();
        let mut v4 = sg("sg-v4", "ssh-v4");
        v4.ingress.push(tcp(22, 22, &["0.0.0.0/0"], &[]));
        let mut v6 = sg("sg-v6", "ssh-v6");
        v6.ingress.push(tcp(20, 30, &["10.0.0.0/8"], &["::/0"]));
        let mut proto6 = sg("sg-proto6", "proto-6");
        proto6.ingress.push(rule("6", Some(22), Some(22), &["0.0.0.0/0"], &[]));
        let mut all = sg("sg-all", "all");
        all.ingress.push(all_traffic(&["0.0.0.0/0"], &[]));
        let mut office = sg("sg-office", "office");
        office.ingress.push(tcp(22, 22, &["203.0.113.0/24"], &[]));
        office.ingress.push(tcp(443, 443, &["0.0.0.0/0"], &["::/0"]));
        let mut udp = sg("sg-udp", "udp");
        udp.ingress.push(rule("udp", Some(22), Some(22), &["0.0.0.0/0"], &[]));
        groups(&mut s).extend([v4, v6, proto6, all, office, udp]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-v4"), Status::Fail);
        assert_eq!(status_of(&f, "sg-v6"), Status::Fail);
        assert_eq!(status_of(&f, "sg-proto6"), Status::Fail);
        assert_eq!(status_of(&f, "sg-all"), Status::Fail);
        assert_eq!(status_of(&f, "sg-office"), Status::Pass);
        assert_eq!(status_of(&f, "sg-udp"), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == "sg-v6").unwrap().message;
        assert!(msg.contains("tcp 20-30 from ::/0"), "{msg}");
    }

    #[test]
    fn failed_listing_is_an_error() {
        let mut s = snapshot();
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
