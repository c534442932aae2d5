//! Every VPC with subnets keeps private subnets beside its public ones. Metadata:
//! `checks/ec2/vpc_subnet_separate_private_public.toml`.

use super::common::each_region;
use super::vpc_common::{listed, subnets_or_error, vpc_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::network::RegionNetwork;

pub const CHECK: Check = Check { id: "vpc_subnet_separate_private_public", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(vpcs) = listed(ctx, region, &ec2.vpcs, out) else {
            return;
        };
        let Some(subnets) = subnets_or_error(ctx, region, ec2, out) else {
            return;
        };
        let network = RegionNetwork::new(ec2);
        for vpc in vpcs {
            let r = vpc_resource(ctx, region, vpc);
            let mut public = Vec::new();
            let mut public_ids = Vec::new();
            let mut private = Vec::new();
            let mut unknown = Vec::new();
            for subnet in subnets.iter().filter(|s| s.vpc_id.as_deref() == Some(vpc.id.as_str())) {
                match network.public_subnet_route(&subnet.id, Some(&vpc.id)) {
                    Ok(Some(route)) => {
                        public.push(format!("{} ({route})", subnet.id));
                        public_ids.push(subnet.id.as_str());
                    }
                    Ok(None) => private.push(subnet.id.as_str()),
                    Err(e) => unknown.push(format!("{}: {e}", subnet.id)),
                }
            }
            if !unknown.is_empty() && private.is_empty() {
                out.error_message(r, format_args!("could not be evaluated: {}.", unknown.join("; ")));
            } else if !public.is_empty() && private.is_empty() {
                out.fail(
                    r,
                    format_args!(
                        "Every subnet of the VPC routes to an internet gateway, so no workload can be kept off the internet: {}.",
                        public.join("; ")
                    ),
                );
            } else if public.is_empty() && private.is_empty() {
                out.pass(r, "The VPC has no subnets.");
            } else if public.is_empty() {
                out.pass(r, format_args!("The VPC has only private subnets ({}).", private.join(", ")));
            } else {
                out.pass(
                    r,
                    format_args!(
                        "The VPC has public subnets ({}) and private subnets ({}).",
                        public_ids.join(", "),
                        private.join(", ")
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
    use crate::snapshot::{Fetched, Vpc};
    use crate::testing::*;

    fn vpcs(s: &mut crate::snapshot::Snapshot) -> &mut Vec<Vpc> {
        list(&mut ec2(s).vpcs)
    }

    #[test]
    fn only_public_subnets_fail() {
        let mut s = snapshot();
        vpcs(&mut s).push(vpc("vpc-1"));
        reachable_web_server(&mut s);
        // vpc-1 has subnet-public (explicit table with an IGW route) and subnet-private (main table).
        assert_eq!(status_of(&run_check(CHECK, &s), "vpc-1"), Status::Pass);
        // With an internet route in the main table too, every subnet is public.
        route_tables(&mut s)[1].routes.push(route("::/0", "igw-1"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vpc-1"), Status::Fail);
        assert!(f[0].message.contains("subnet-private (route ::/0 -> igw-1 in rtb-main"), "{}", f[0].message);
        // A VPC with no subnet, and one with private subnets only, pass.
        let mut s = snapshot();
        vpcs(&mut s).push(vpc("vpc-1"));
        assert_eq!(status_of(&run_check(CHECK, &s), "vpc-1"), Status::Pass);
        subnets(&mut s).push(subnet("subnet-a"));
        route_tables(&mut s).push(main_route_table("rtb-main", vec![route("0.0.0.0/0", "nat-1")]));
        assert_eq!(status_of(&run_check(CHECK, &s), "vpc-1"), Status::Pass);
    }

    #[test]
    fn unreadable_route_tables_are_an_error() {
        let mut s = snapshot();
        vpcs(&mut s).push(vpc("vpc-1"));
        subnets(&mut s).push(subnet("subnet-a"));
        ec2(&mut s).vpc.route_tables = Fetched::Err(denied("ec2", "DescribeRouteTables"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vpc-1"), Status::Error);
        assert!(f[0].message.contains("DescribeRouteTables"), "{}", f[0].message);
        // A failed subnet listing is one ERROR for the region.
        ec2(&mut s).vpc.subnets = Fetched::Err(denied("ec2", "DescribeSubnets"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
