//! Every VPC spreads its subnets over more than one Availability Zone. Metadata:
//! `checks/ec2/vpc_subnet_different_az.toml`.

use super::common::each_region;
use super::vpc_common::{listed, subnets_or_error, vpc_resource};
use crate::engine::{Check, CheckContext, Findings};
use std::collections::BTreeSet;

pub const CHECK: Check = Check { id: "vpc_subnet_different_az", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(vpcs) = listed(ctx, region, &ec2.vpcs, out) else {
            return;
        };
        let Some(subnets) = subnets_or_error(ctx, region, ec2, out) else {
            return;
        };
        for vpc in vpcs {
            let r = vpc_resource(ctx, region, vpc);
            let mine: Vec<_> = subnets.iter().filter(|s| s.vpc_id.as_deref() == Some(vpc.id.as_str())).collect();
            let zones: BTreeSet<&str> =
                mine.iter().filter_map(|s| s.availability_zone.as_deref()).filter(|z| !z.trim().is_empty()).collect();
            let unknown: Vec<&str> = mine
                .iter()
                .filter(|s| s.availability_zone.as_deref().is_none_or(|z| z.trim().is_empty()))
                .map(|s| s.id.as_str())
                .collect();
            let zones: Vec<&str> = zones.into_iter().collect();
            if zones.len() > 1 {
                out.pass(
                    r,
                    format_args!("The VPC has subnets in {} Availability Zones: {}.", zones.len(), zones.join(", ")),
                );
            } else if !unknown.is_empty() {
                out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: EC2 reported no Availability Zone for {}.",
                        unknown.join(", ")
                    ),
                );
            } else if let [zone] = zones.as_slice() {
                out.fail(r, format_args!("Every subnet of the VPC is in {zone}."));
            } else {
                out.fail(r, "The VPC has no subnets.");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, Subnet};
    use crate::testing::*;

    #[test]
    fn one_zone_fails_two_pass() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).vpcs).extend([vpc("vpc-1"), vpc("vpc-2"), vpc("vpc-3")]);
        let in_vpc = |id: &str, vpc: &str, az: &str| Subnet {
            vpc_id: Some(vpc.into()),
            availability_zone: Some(az.into()),
            ..subnet(id)
        };
        subnets(&mut s).extend([
            in_vpc("subnet-a", "vpc-1", "us-east-1a"),
            in_vpc("subnet-b", "vpc-1", "us-east-1b"),
            in_vpc("subnet-c", "vpc-2", "us-east-1a"),
            in_vpc("subnet-d", "vpc-2", "us-east-1a"),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vpc-1"), Status::Pass);
        assert_eq!(status_of(&f, "vpc-2"), Status::Fail);
        assert_eq!(status_of(&f, "vpc-3"), Status::Fail);
    }

    #[test]
    fn unreadable_data_is_an_error() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).vpcs).push(vpc("vpc-1"));
        subnets(&mut s).push(Subnet { availability_zone: None, ..subnet("subnet-a") });
        assert_eq!(status_of(&run_check(CHECK, &s), "vpc-1"), Status::Error);
        ec2(&mut s).vpc.subnets = Fetched::Err(denied("ec2", "DescribeSubnets"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
