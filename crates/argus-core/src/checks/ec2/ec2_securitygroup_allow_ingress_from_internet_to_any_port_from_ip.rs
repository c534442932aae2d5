//! No security group admits a specific public IP address or range (not `/0`) on any port.
//! Metadata: `checks/ec2/ec2_securitygroup_allow_ingress_from_internet_to_any_port_from_ip.toml`.

use super::common::{each_region, groups_or_error, is_globally_routable, quoted, rule_label, sg_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_securitygroup_allow_ingress_from_internet_to_any_port_from_ip", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(groups) = groups_or_error(ctx, region, ec2, out) else {
            return;
        };
        for sg in groups {
            let mut public = Vec::new();
            let mut unreadable = Vec::new();
            for rule in &sg.ingress {
                let mut from = Vec::new();
                for cidr in rule.ipv4_ranges.iter().chain(&rule.ipv6_ranges) {
                    match cidr.net() {
                        // `/0` is the whole internet: the internet-ingress checks judge it.
                        Some(net) if net.prefix_len() > 0 && is_globally_routable(net) => from.push(cidr.as_str()),
                        Some(_) => {}
                        None => unreadable.push(cidr.as_str()),
                    }
                }
                if !from.is_empty() {
                    public.push(format!("{} from {}", rule_label(rule), from.join(", ")));
                }
            }
            let r = sg_resource(ctx, region, sg);
            if !public.is_empty() {
                let mut msg = format!(
                    "Security group {} ({}) admits specific public IP addresses: {}.",
                    sg.name,
                    sg.id,
                    public.join("; ")
                );
                if !unreadable.is_empty() {
                    msg.push_str(&format!(" Not evaluated (unparseable CIDR): {}.", quoted(&unreadable)));
                }
                out.fail(r, msg);
            } else if !unreadable.is_empty() {
                out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: security group {} has ingress sources argus cannot parse: {}",
                        sg.id,
                        quoted(&unreadable)
                    ),
                );
            } else {
                out.pass(
                    r,
                    format_args!(
                        "Security group {} ({}) has no ingress rule from a specific public IP address.",
                        sg.name, sg.id
                    ),
                );
            }
        }
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
    fn globally_routable_ranges() {
        let public = |c: &str| is_globally_routable(c.parse().unwrap());
        for c in ["52.94.76.10/32", "8.8.8.0/24", "0.0.0.0/1", "2600:1f18::/32", "2a05:d018::1/128", "::/1"] {
            assert!(public(c), "{c}");
        }
        for c in ["10.1.2.3/32", "172.20.0.0/16", "192.168.1.0/24", "100.64.1.1/32", "203.0.113.7/32", "fd00::/8"] {
            assert!(!public(c), "{c}");
        }
        for c in ["fe80::1/128", "2001:db8::/48", "2002:c000:204::/48", "::1/128"] {
            assert!(!public(c), "{c}");
        }
    }

    #[test]
    fn a_specific_public_source_fails_whatever_the_port() {
        let mut s = snapshot();
        let mut partner = sg("sg-partner", "partner");
        partner.ingress.push(tcp(5432, 5432, &["10.0.0.0/8", "52.94.76.10/32"], &[]));
        let mut v6 = sg("sg-v6", "v6");
        v6.ingress.push(rule("udp", Some(53), Some(53), &[], &["2600:1f18:1234::/48"]));
        let mut everything = sg("sg-all", "all");
        everything.ingress.push(all_traffic(&["54.239.0.1/32"], &[]));
        let mut world = sg("sg-world", "world");
        world.ingress.push(tcp(443, 443, &["0.0.0.0/0"], &["::/0"]));
        let mut private = sg("sg-private", "private");
        private.ingress.push(all_traffic(&["10.0.0.0/8", "192.168.0.0/16"], &["fd00::/8"]));
        let mut peer = rule("-1", None, None, &[], &[]);
        peer.referenced_groups.push("sg-private".into());
        peer.prefix_list_ids.push("pl-1".into());
        private.ingress.push(peer);
        let mut odd = sg("sg-odd", "odd");
        odd.ingress.push(tcp(22, 22, &["52.1.2.3/33"], &[]));
        let mut odd_and_public = sg("sg-odd-public", "odd and public");
        odd_and_public.ingress.push(tcp(22, 22, &["52.1.2.3/33", "52.1.2.3/32"], &[]));
        groups(&mut s).extend([partner, v6, everything, world, private, odd, odd_and_public, sg("sg-empty", "empty")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-partner"), Status::Fail);
        assert_eq!(status_of(&f, "sg-v6"), Status::Fail);
        assert_eq!(status_of(&f, "sg-all"), Status::Fail);
        assert_eq!(status_of(&f, "sg-world"), Status::Pass, "/0 is left to the internet-ingress checks");
        assert_eq!(status_of(&f, "sg-private"), Status::Pass);
        assert_eq!(status_of(&f, "sg-empty"), Status::Pass);
        assert_eq!(status_of(&f, "sg-odd"), Status::Error);
        assert_eq!(status_of(&f, "sg-odd-public"), Status::Fail);
        let msg = &f.iter().find(|x| x.resource.id == "sg-partner").unwrap().message;
        assert!(msg.contains("tcp 5432 from 52.94.76.10/32"), "{msg}");
        assert!(!msg.contains("10.0.0.0/8"), "{msg}");
    }

    #[test]
    fn failed_listing_is_an_error() {
        let mut s = snapshot();
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
