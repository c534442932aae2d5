//! A function attached to a VPC has subnets in at least two Availability Zones, so that one zone's
//! outage does not stop it. Functions outside a VPC are `awslambda_function_inside_vpc`'s to judge.
//! Metadata: `checks/awslambda/awslambda_function_vpc_multi_az.toml`.

use super::lambda_common::function_resource;
use crate::checks::ec2::vpc_common::{zone_map, zones_of};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "awslambda_function_vpc_multi_az", run };

/// FSBP Lambda.5's default.
const MIN_ZONES: usize = 2;

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    ctx.each_listed(
        out,
        |d| d.lambda.as_ref().map(|l| &l.functions),
        |region, data, f, out| {
            let Some(vpc) = f.vpc.as_ref().filter(|v| !v.subnet_ids.is_empty()) else {
                return;
            };
            let r = function_resource(ctx, f, region);
            // The zones come from the region's subnet listing (DescribeSubnets).
            let subnets = match data.ec2.as_ref().map(|ec2| &ec2.vpc.subnets) {
                Some(Fetched::Ok(subnets)) => subnets,
                Some(Fetched::Err(e)) => return out.error(r, e),
                None => {
                    return out.error_message(
                        r,
                        "could not be evaluated: the Availability Zones of its subnets come from EC2, which was not scanned",
                    )
                }
            };
            let (zones, unknown) = zones_of(&vpc.subnet_ids, &zone_map(subnets));
            if zones.len() >= MIN_ZONES {
                out.pass(r, format_args!("Function {} has subnets in {}.", f.name, zones.join(", ")));
            } else if !unknown.is_empty() {
                out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: the Availability Zone of subnet {} is not in the DescribeSubnets listing",
                        unknown.join(", ")
                    ),
                );
            } else {
                out.fail(
                    r,
                    format_args!(
                        "Function {} has subnets in one Availability Zone only ({}).",
                        f.name,
                        zones.first().copied().unwrap_or("none")
                    ),
                );
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::super::lambda_fixtures::*;
    use super::*;
    use crate::checks::ec2::fixtures::{subnet, subnets};
    use crate::checks::s3::fixtures::message_of;
    use crate::engine::Status;
    use crate::snapshot::{Function, FunctionVpcConfig, Subnet};
    use crate::testing::*;

    fn in_subnets(name: &str, ids: &[&str]) -> Function {
        let vpc = FunctionVpcConfig {
            vpc_id: Some("vpc-1".into()),
            subnet_ids: ids.iter().map(|s| s.to_string()).collect(),
            security_group_ids: vec![],
        };
        Function { vpc: Some(vpc), ..function(name) }
    }

    #[test]
    fn two_zones_pass_one_fails_an_unknown_subnet_errors_outside_a_vpc_is_not_judged() {
        let mut s = snapshot();
        subnets(&mut s).extend([
            subnet("subnet-a"),
            Subnet { availability_zone: Some("us-east-1b".into()), ..subnet("subnet-b") },
            subnet("subnet-c"),
        ]);
        functions(&mut s).extend([
            in_subnets("two-zones", &["subnet-a", "subnet-b"]),
            in_subnets("one-zone", &["subnet-a", "subnet-c"]),
            in_subnets("lost", &["subnet-a", "subnet-gone"]),
            Function { vpc: None, ..function("no-vpc") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "two-zones"), Status::Pass);
        assert_eq!(status_of(&f, "one-zone"), Status::Fail);
        assert!(message_of(&f, "one-zone").contains("us-east-1a"), "{f:#?}");
        assert_eq!(status_of(&f, "lost"), Status::Error);
        assert!(message_of(&f, "lost").contains("subnet-gone"), "{f:#?}");
        assert!(!f.iter().any(|x| x.resource.id == "no-vpc"));
    }

    #[test]
    fn unreadable_subnets_or_functions_are_errors() {
        let mut s = snapshot();
        functions(&mut s).push(in_subnets("fn", &["subnet-a"]));
        ec2(&mut s).vpc.subnets = crate::snapshot::Fetched::Err(denied("ec2", "DescribeSubnets"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "fn"), Status::Error);
        assert!(message_of(&f, "fn").contains("DescribeSubnets"), "{f:#?}");
        region_mut(&mut s, REGION).ec2 = None;
        assert_eq!(status_of(&run_check(CHECK, &s), "fn"), Status::Error);
        fail_listing(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
