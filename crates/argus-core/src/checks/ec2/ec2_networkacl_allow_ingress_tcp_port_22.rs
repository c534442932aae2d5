//! No network ACL lets TCP port 22 (SSH) in from 0.0.0.0/0 or ::/0, evaluating inbound entries in
//! rule-number order (a lower-numbered deny shadows a later allow).
//! Metadata: `checks/ec2/ec2_networkacl_allow_ingress_tcp_port_22.toml`.

use super::common::{judge_nacl_ingress, NaclTarget};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_networkacl_allow_ingress_tcp_port_22", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_nacl_ingress(ctx, out, NaclTarget::TcpPort(22), "TCP port 22 (SSH)");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn rule_order_decides() {
        let mut s = snapshot();
        let open = nacl(
            "acl-open",
            vec![entry(100, "-1", "allow", "0.0.0.0/0", None), entry(32767, "-1", "deny", "0.0.0.0/0", None)],
        );
        // A lower-numbered deny for the port shadows the later allow-all.
        let shadowed = nacl(
            "acl-shadowed",
            vec![entry(200, "-1", "allow", "0.0.0.0/0", None), entry(100, "6", "deny", "0.0.0.0/0", Some((22, 22)))],
        );
        // A deny that comes after the allow does not help.
        let late_deny = nacl(
            "acl-late",
            vec![entry(100, "6", "allow", "::/0", Some((0, 65535))), entry(200, "6", "deny", "::/0", Some((22, 22)))],
        );
        // A deny for a narrower range leaves the rest of the internet allowed.
        let narrow_deny = nacl(
            "acl-narrow",
            vec![
                entry(50, "-1", "deny", "198.51.100.0/24", None),
                entry(100, "6", "allow", "0.0.0.0/0", Some((22, 22))),
            ],
        );
        // Other protocols, other ports, other sources.
        let other = nacl(
            "acl-other",
            vec![
                entry(100, "17", "allow", "0.0.0.0/0", Some((22, 22))),
                entry(110, "6", "allow", "0.0.0.0/0", Some((443, 443))),
                entry(120, "6", "allow", "10.0.0.0/8", Some((22, 22))),
            ],
        );
        acls(&mut s).extend([open, shadowed, late_deny, narrow_deny, other]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "acl-open"), Status::Fail);
        assert_eq!(status_of(&f, "acl-shadowed"), Status::Pass);
        assert_eq!(status_of(&f, "acl-late"), Status::Fail);
        assert_eq!(status_of(&f, "acl-narrow"), Status::Fail);
        assert_eq!(status_of(&f, "acl-other"), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == "acl-late").unwrap().message;
        assert!(msg.contains("rule 100 allows tcp 0-65535 from ::/0"), "{msg}");
        let msg = &f.iter().find(|x| x.resource.id == "acl-shadowed").unwrap().message;
        assert!(msg.contains("rule 100 denies tcp 22 from 0.0.0.0/0 before rule 200"), "{msg}");
    }

    #[test]
    fn unparseable_cidr_before_the_decision_is_an_error() {
        let mut s = snapshot();
        acls(&mut s).push(nacl(
            "acl-odd",
            vec![entry(10, "-1", "deny", "0.0.0.0/x", None), entry(100, "-1", "deny", "0.0.0.0/0", None)],
        ));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "acl-odd"), Status::Error);
        assert!(f[0].message.contains("'0.0.0.0/x'"), "{}", f[0].message);
        assert_eq!(f[0].message.matches("rule 10 ").count(), 1, "{}", f[0].message);
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).network_acls = Fetched::Err(denied("ec2", "DescribeNetworkAcls"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
