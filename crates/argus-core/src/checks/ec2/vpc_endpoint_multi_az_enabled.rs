//! Every interface VPC endpoint has network interfaces in more than one Availability Zone. Metadata:
//! `checks/ec2/vpc_endpoint_multi_az_enabled.toml`.

use super::common::each_region;
use super::vpc_common::{endpoint_resource, listed, zone_map, zones_of};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::VpcEndpoint;

pub const CHECK: Check = Check { id: "vpc_endpoint_multi_az_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(endpoints) = listed(ctx, region, &ec2.vpc.endpoints, out) else {
            return;
        };
        // An endpoint whose type EC2 left out is judged like an interface endpoint: it may be one.
        let judged = |e: &&VpcEndpoint| match e.endpoint_type.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => t.eq_ignore_ascii_case("interface"),
            None => true,
        };
        if !endpoints.iter().any(|e| judged(&e)) {
            return;
        }
        let Some(subnets) = listed(ctx, region, &ec2.vpc.subnets, out) else {
            return;
        };
        let zone_of = zone_map(subnets);
        for endpoint in endpoints.iter().filter(judged) {
            let r = endpoint_resource(ctx, region, endpoint);
            if endpoint.endpoint_type.as_deref().is_none_or(|t| t.trim().is_empty()) && endpoint.subnet_ids.is_empty() {
                out.error_message(
                    r,
                    "could not be evaluated: EC2 reported neither the endpoint's type nor its subnets.",
                );
                continue;
            }
            let (zones, unknown) = zones_of(&endpoint.subnet_ids, &zone_of);
            if zones.len() > 1 {
                out.pass(r, format_args!("The endpoint has interfaces in {}.", zones.join(", ")));
            } else if !unknown.is_empty() {
                out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: the Availability Zone of subnet {} is not in the DescribeSubnets listing.",
                        unknown.join(", ")
                    ),
                );
            } else {
                out.fail(
                    r,
                    format_args!(
                        "The endpoint has interfaces in one Availability Zone only ({}).",
                        zones.first().copied().unwrap_or("no subnet")
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
    use crate::snapshot::{Fetched, Subnet, VpcEndpoint};
    use crate::testing::*;

    fn interface(id: &str, subnets: &[&str]) -> VpcEndpoint {
        VpcEndpoint {
            endpoint_type: Some("Interface".into()),
            subnet_ids: subnets.iter().map(|s| s.to_string()).collect(),
            ..vpc_endpoint(id, None)
        }
    }

    #[test]
    fn one_zone_fails_two_pass_gateways_are_skipped() {
        let mut s = snapshot();
        subnets(&mut s).extend([
            subnet("subnet-a"),
            Subnet { availability_zone: Some("us-east-1b".into()), ..subnet("subnet-b") },
            subnet("subnet-c"),
        ]);
        vpc_endpoints(&mut s).extend([
            interface("vpce-two", &["subnet-a", "subnet-b"]),
            interface("vpce-one", &["subnet-a", "subnet-c"]),
            interface("vpce-lost", &["subnet-gone"]),
            vpc_endpoint("vpce-gateway", None),
            VpcEndpoint { endpoint_type: None, ..interface("vpce-untyped", &["subnet-a", "subnet-b"]) },
            VpcEndpoint { endpoint_type: Some(String::new()), ..vpc_endpoint("vpce-bare", None) },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vpce-two"), Status::Pass);
        assert_eq!(status_of(&f, "vpce-one"), Status::Fail);
        assert_eq!(status_of(&f, "vpce-lost"), Status::Error);
        assert!(!f.iter().any(|x| x.resource.id == "vpce-gateway"));
        // A type EC2 left out: judged by its subnets, or an error when it has none either.
        assert_eq!(status_of(&f, "vpce-untyped"), Status::Pass);
        assert_eq!(status_of(&f, "vpce-bare"), Status::Error);
    }

    #[test]
    fn failed_listings_are_region_errors() {
        let mut s = snapshot();
        vpc_endpoints(&mut s).push(interface("vpce-1", &["subnet-a"]));
        ec2(&mut s).vpc.subnets = Fetched::Err(denied("ec2", "DescribeSubnets"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
