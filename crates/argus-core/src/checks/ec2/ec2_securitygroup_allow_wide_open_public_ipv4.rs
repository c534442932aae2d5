//! Security groups have no rules for wide public IPv4 ranges (/1 to /23).
//! Metadata: `checks/ec2/ec2_securitygroup_allow_wide_open_public_ipv4.toml`.

use super::common::{each_region, groups_or_error, sg_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::CidrBlock;
use ipnet::{IpNet, Ipv4Net};

pub const CHECK: Check = Check { id: "ec2_securitygroup_allow_wide_open_public_ipv4", run };

/// Special-purpose ranges wider than /24 (IANA's registry, as Python's `is_global` reads it): a
/// range inside one of them is not public.
const NOT_GLOBAL: &[&str] = &[
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "240.0.0.0/4",
];

/// `Some(true)` for a public range from /1 to /23, `None` when the text is not an IPv4 CIDR.
fn is_wide_public(cidr: &CidrBlock) -> Option<bool> {
    let IpNet::V4(net) = cidr.net()? else { return None };
    let inside_special =
        NOT_GLOBAL.iter().filter_map(|s| s.parse::<Ipv4Net>().ok()).any(|special| special.contains(&net));
    Some((1..24).contains(&net.prefix_len()) && !inside_special)
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(groups) = groups_or_error(ctx, region, ec2, out) else {
            return;
        };
        for sg in groups {
            let r = sg_resource(ctx, region, sg);
            let mut wide = Vec::new();
            let mut unreadable = Vec::new();
            for (direction, rules) in [("inbound", &sg.ingress), ("outbound", &sg.egress)] {
                for cidr in rules.iter().flat_map(|rule| &rule.ipv4_ranges) {
                    match is_wide_public(cidr) {
                        Some(true) => wide.push(format!("{cidr} ({direction})")),
                        Some(false) => {}
                        None => unreadable.push(format!("{:?} ({direction})", cidr.as_str())),
                    }
                }
            }
            if !wide.is_empty() {
                out.fail(
                    r,
                    format_args!(
                        "Security group {} ({}) has rules for wide public ranges: {}.",
                        sg.name,
                        sg.id,
                        wide.join(", ")
                    ),
                );
            } else if !unreadable.is_empty() {
                out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: security group {} has IPv4 ranges argus cannot parse: {}",
                        sg.id,
                        unreadable.join(", ")
                    ),
                );
            } else {
                out.pass(
                    r,
                    format_args!(
                        "Security group {} ({}) has no rule for a public range wider than /24.",
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
    fn wide_public_ranges_fail_private_and_narrow_ones_pass() {
        assert_eq!(is_wide_public(&"52.0.0.0/8".into()), Some(true));
        assert_eq!(is_wide_public(&"0.0.0.0/1".into()), Some(true), "spans private and public space");
        assert_eq!(is_wide_public(&"10.0.0.0/8".into()), Some(false));
        assert_eq!(is_wide_public(&"172.20.0.0/16".into()), Some(false));
        assert_eq!(is_wide_public(&"52.1.2.0/24".into()), Some(false));
        assert_eq!(is_wide_public(&"0.0.0.0/0".into()), Some(false), "left to the internet-ingress checks");
        assert_eq!(is_wide_public(&"not-a-cidr".into()), None);
        let mut s = snapshot();
        let mut wide = sg("sg-wide", "wide");
        wide.egress.push(tcp(443, 443, &["52.0.0.0/10"], &[]));
        let mut narrow = sg("sg-narrow", "narrow");
        narrow.ingress.push(tcp(443, 443, &["52.1.2.3/32", "10.0.0.0/8"], &[]));
        let mut odd = sg("sg-odd", "odd");
        odd.ingress.push(tcp(443, 443, &["52.1.2.3/33"], &[]));
        groups(&mut s).extend([wide, narrow, odd]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-wide"), Status::Fail);
        assert_eq!(status_of(&f, "sg-narrow"), Status::Pass);
        assert_eq!(status_of(&f, "sg-odd"), Status::Error);
    }

    #[test]
    fn failed_listing_is_an_error() {
        let mut s = snapshot();
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
