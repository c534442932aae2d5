//! Every VPC reaches the EC2 API through an interface endpoint. Metadata:
//! `checks/ec2/vpc_endpoint_for_ec2_enabled.toml`.

use super::common::each_region;
use super::vpc_common::{listed, vpc_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "vpc_endpoint_for_ec2_enabled", run };

/// `com.amazonaws.<region>.ec2` (not `…ec2messages`).
fn is_ec2_service(name: &str) -> bool {
    name.trim().rsplit('.').next() == Some("ec2")
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(vpcs) = listed(ctx, region, &ec2.vpcs, out) else {
            return;
        };
        let Some(endpoints) = listed(ctx, region, &ec2.vpc.endpoints, out) else {
            return;
        };
        for vpc in vpcs {
            let r = vpc_resource(ctx, region, vpc);
            match endpoints
                .iter()
                .find(|e| e.vpc_id.as_deref() == Some(vpc.id.as_str()) && is_ec2_service(&e.service_name))
            {
                Some(e) => {
                    out.pass(r, format_args!("The VPC reaches the EC2 API through {} ({}).", e.id, e.service_name))
                }
                None => out.fail(
                    r,
                    "The VPC has no endpoint for the EC2 API: its calls to EC2 leave through the internet path.",
                ),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, VpcEndpoint};
    use crate::testing::*;

    #[test]
    fn a_vpc_without_an_ec2_endpoint_fails() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).vpcs).extend([vpc("vpc-1"), vpc("vpc-2")]);
        vpc_endpoints(&mut s).extend([
            VpcEndpoint { service_name: "com.amazonaws.us-east-1.ec2".into(), ..vpc_endpoint("vpce-ec2", None) },
            VpcEndpoint {
                vpc_id: Some("vpc-2".into()),
                service_name: "com.amazonaws.us-east-1.ec2messages".into(),
                ..vpc_endpoint("vpce-msg", None)
            },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vpc-1"), Status::Pass);
        assert_eq!(status_of(&f, "vpc-2"), Status::Fail);
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).vpcs).push(vpc("vpc-1"));
        ec2(&mut s).vpc.endpoints = Fetched::Err(denied("ec2", "DescribeVpcEndpoints"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
