//! No network ACL lets all traffic in from 0.0.0.0/0 or ::/0: the first inbound entry for the internet
//! that covers every protocol is not an allow.
//! Metadata: `checks/ec2/ec2_networkacl_allow_ingress_any_port.toml`.

use super::common::{judge_nacl_ingress, NaclTarget};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_networkacl_allow_ingress_any_port", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_nacl_ingress(ctx, out, NaclTarget::AllTraffic, "every port");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn allow_all_from_anywhere_fails_unless_denied_first() {
        let mut s = snapshot();
        // AWS's default ACL: allow everything, then the catch-all deny.
        let default = nacl(
            "acl-default",
            vec![
                entry(100, "-1", "allow", "0.0.0.0/0", None),
                entry(101, "-1", "allow", "::/0", None),
                entry(32767, "-1", "deny", "0.0.0.0/0", None),
                entry(32768, "-1", "deny", "::/0", None),
            ],
        );
        let shadowed = nacl(
            "acl-shadowed",
            vec![entry(200, "-1", "allow", "0.0.0.0/0", None), entry(10, "-1", "deny", "0.0.0.0/0", None)],
        );
        let web = nacl(
            "acl-web",
            vec![
                entry(100, "6", "allow", "0.0.0.0/0", Some((443, 443))),
                entry(110, "-1", "allow", "10.0.0.0/8", None),
            ],
        );
        let mut egress = entry(100, "-1", "allow", "0.0.0.0/0", None);
        egress.egress = true;
        let outbound_only = nacl("acl-out", vec![egress]);
        acls(&mut s).extend([default, shadowed, web, outbound_only]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "acl-default"), Status::Fail);
        assert_eq!(status_of(&f, "acl-shadowed"), Status::Pass);
        assert_eq!(status_of(&f, "acl-web"), Status::Pass);
        assert_eq!(status_of(&f, "acl-out"), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == "acl-default").unwrap().message;
        assert!(msg.contains("rule 100 allows all traffic from 0.0.0.0/0"), "{msg}");
        assert!(msg.contains("rule 101 allows all traffic from ::/0"), "{msg}");
        let msg = &f.iter().find(|x| x.resource.id == "acl-shadowed").unwrap().message;
        assert!(msg.contains("rule 10 denies all traffic from 0.0.0.0/0 before rule 200"), "{msg}");
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).network_acls = Fetched::Err(denied("ec2", "DescribeNetworkAcls"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
