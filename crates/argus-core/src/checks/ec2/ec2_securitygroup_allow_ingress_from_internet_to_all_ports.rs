//! No security group admits 0.0.0.0/0 or ::/0 on every port (all traffic, or a TCP/UDP rule spanning 0-65535).
//! Metadata: `checks/ec2/ec2_securitygroup_allow_ingress_from_internet_to_all_ports.toml`.

use super::common::{judge_internet_ingress, rule_admits_all_ports, rule_label};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_securitygroup_allow_ingress_from_internet_to_all_ports", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_internet_ingress(ctx, out, "all ports", |rule| rule_admits_all_ports(rule).then(|| rule_label(rule)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn all_traffic_or_full_range_from_anywhere_fails() {
        let mut s = snapshot();
        let mut open = sg("sg-open", "open");
        open.ingress.push(all_traffic(&[], &["::/0"]));
        let mut full_tcp = sg("sg-fulltcp", "full-tcp");
        full_tcp.ingress.push(tcp(0, 65535, &["0.0.0.0/0"], &[]));
        let mut internal = sg("sg-internal", "internal");
        internal.ingress.push(all_traffic(&["10.0.0.0/8"], &[]));
        internal.ingress.push(tcp(443, 443, &["0.0.0.0/0"], &[]));
        groups(&mut s).extend([open, full_tcp, internal]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-open"), Status::Fail);
        assert_eq!(status_of(&f, "sg-fulltcp"), Status::Fail);
        assert_eq!(status_of(&f, "sg-internal"), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == "sg-open").unwrap().message;
        assert!(msg.contains("all traffic from ::/0"), "{msg}");
        let msg = &f.iter().find(|x| x.resource.id == "sg-fulltcp").unwrap().message;
        assert!(msg.contains("tcp 0-65535 from 0.0.0.0/0"), "{msg}");
        assert_eq!(f.iter().find(|x| x.resource.id == "sg-open").unwrap().resource.name, "open");
    }

    #[test]
    fn failed_listing_is_one_region_error() {
        let mut s = snapshot();
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
    }

    #[test]
    fn unparseable_cidr_is_an_error_not_a_pass() {
        let mut s = snapshot();
        let mut odd = sg("sg-odd", "odd");
        odd.ingress.push(all_traffic(&["0.0.0.0/99"], &[]));
        groups(&mut s).push(odd);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-odd"), Status::Error);
        assert!(f[0].message.contains("'0.0.0.0/99'"), "{}", f[0].message);
    }
}
