//! No subnet gives instances a public IPv4 address by default. Metadata:
//! `checks/ec2/vpc_subnet_no_public_ip_by_default.toml`.

use super::common::each_region;
use super::vpc_common::{subnet_resource, subnets_or_error};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "vpc_subnet_no_public_ip_by_default", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(subnets) = subnets_or_error(ctx, region, ec2, out) else {
            return;
        };
        for subnet in subnets {
            let r = subnet_resource(ctx, region, subnet);
            if subnet.map_public_ip_on_launch {
                out.fail(
                    r,
                    "The subnet assigns a public IPv4 address to every instance launched in it (MapPublicIpOnLaunch).",
                );
            } else {
                out.pass(r, "The subnet does not assign public IPv4 addresses at launch.");
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
    fn auto_assigning_subnets_fail() {
        let mut s = snapshot();
        subnets(&mut s)
            .extend([subnet("subnet-private"), Subnet { map_public_ip_on_launch: true, ..subnet("subnet-public") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "subnet-private"), Status::Pass);
        assert_eq!(status_of(&f, "subnet-public"), Status::Fail);
        let public = f.iter().find(|x| x.resource.id == "subnet-public").unwrap();
        assert_eq!(public.resource.arn, format!("arn:aws:ec2:{REGION}:{ACCOUNT}:subnet/subnet-public"));
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).vpc.subnets = Fetched::Err(denied("ec2", "DescribeSubnets"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
        assert!(f[0].message.contains("DescribeSubnets"), "{}", f[0].message);
    }
}
