//! No security group admits 0.0.0.0/0 or ::/0 on any port or protocol at all.
//! Metadata: `checks/ec2/ec2_securitygroup_allow_ingress_from_internet_to_any_port.toml`.

use super::common::{judge_internet_ingress, rule_label};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_securitygroup_allow_ingress_from_internet_to_any_port", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_internet_ingress(ctx, out, "any port", |rule| Some(rule_label(rule)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn any_rule_from_anywhere_fails() {
        let mut s = snapshot();
        let mut web = sg("sg-web", "web");
        web.ingress.push(tcp(443, 443, &["0.0.0.0/0"], &[]));
        let mut dns = sg("sg-dns", "dns");
        dns.ingress.push(rule("udp", Some(53), Some(53), &[], &["::/0"]));
        let mut private = sg("sg-private", "private");
        private.ingress.push(all_traffic(&["10.0.0.0/8"], &["fd00::/8"]));
        let mut peer = rule("-1", None, None, &[], &[]);
        peer.referenced_groups.push("sg-web".into());
        private.ingress.push(peer);
        groups(&mut s).extend([web, dns, private, sg("sg-empty", "empty")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-web"), Status::Fail);
        assert_eq!(status_of(&f, "sg-dns"), Status::Fail);
        assert_eq!(status_of(&f, "sg-private"), Status::Pass);
        assert_eq!(status_of(&f, "sg-empty"), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == "sg-dns").unwrap().message;
        assert!(msg.contains("udp 53 from ::/0"), "{msg}");
    }

    #[test]
    fn failed_listing_is_an_error() {
        let mut s = snapshot();
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
