//! No security group admits 0.0.0.0/0 or ::/0 to TCP port 3389 (RDP).
//! Metadata: `checks/ec2/ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389.toml`.

use super::common::{judge_internet_ingress, rule_admits_tcp_port, rule_label};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_internet_ingress(ctx, out, "TCP port 3389 (RDP)", |rule| {
        rule_admits_tcp_port(rule, 3389).then(|| rule_label(rule))
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
    fn rdp_from_anywhere_fails() {
        let mut s = snapshot();
        let mut rdp = sg("sg-rdp", "rdp");
        rdp.ingress.push(tcp(3389, 3389, &[], &["::/0"]));
        let mut range = sg("sg-range", "range");
        range.ingress.push(tcp(3000, 4000, &["0.0.0.0/0"], &[]));
        let mut ssh = sg("sg-ssh", "ssh");
        ssh.ingress.push(tcp(22, 22, &["0.0.0.0/0"], &[]));
        let mut vpn = sg("sg-vpn", "vpn");
        vpn.ingress.push(tcp(3389, 3389, &["10.8.0.0/16"], &[]));
        groups(&mut s).extend([rdp, range, ssh, vpn]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-rdp"), Status::Fail);
        assert_eq!(status_of(&f, "sg-range"), Status::Fail);
        assert_eq!(status_of(&f, "sg-ssh"), Status::Pass);
        assert_eq!(status_of(&f, "sg-vpn"), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == "sg-rdp").unwrap().message;
        assert!(msg.contains("tcp 3389 from ::/0"), "{msg}");
    }

    #[test]
    fn failed_listing_is_an_error() {
        let mut s = snapshot();
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
