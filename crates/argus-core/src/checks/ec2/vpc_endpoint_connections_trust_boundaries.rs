//! VPC endpoint policies let no principal outside the account through. Metadata:
//! `checks/ec2/vpc_endpoint_connections_trust_boundaries.toml`.

use super::common::each_region;
use super::vpc_common::{endpoint_resource, listed};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::Exposure;

pub const CHECK: Check = Check { id: "vpc_endpoint_connections_trust_boundaries", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(endpoints) = listed(ctx, region, &ec2.vpc.endpoints, out) else {
            return;
        };
        for endpoint in endpoints {
            let r = endpoint_resource(ctx, region, endpoint);
            let Some(doc) = &endpoint.policy else {
                // Gateway Load Balancer endpoints and endpoints to endpoint services take no policy.
                out.pass(r, format_args!("The endpoint to {} has no endpoint policy to open.", endpoint.service_name));
                continue;
            };
            let policy = match doc.policy() {
                Ok(policy) => policy,
                Err(why) => {
                    out.error_message(
                        r,
                        format_args!("could not be evaluated: the endpoint policy is malformed: {why}"),
                    );
                    continue;
                }
            };
            match crate::policy::classify_resource_policy(policy, ctx.account_id()) {
                Exposure::Public { actions, .. } => out.fail(
                    r,
                    format_args!(
                        "The endpoint policy lets principals of any account use the endpoint to {} (actions: {}).",
                        endpoint.service_name,
                        actions.join(", ")
                    ),
                ),
                Exposure::CrossAccount { accounts } => out.fail(
                    r,
                    format_args!(
                        "The endpoint policy lets principals of other accounts use the endpoint: {}.",
                        accounts.join(", ")
                    ),
                ),
                Exposure::ServicePrincipal { .. } | Exposure::Private => out.pass(
                    r,
                    format_args!(
                        "The endpoint policy lets only principals of the account use the endpoint to {}.",
                        endpoint.service_name
                    ),
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
    use crate::snapshot::Fetched;
    use crate::testing::*;

    const FULL_ACCESS: &str = r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#;

    #[test]
    fn open_and_cross_account_policies_fail() {
        let mut s = snapshot();
        let own = format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{{"StringEquals":{{"aws:PrincipalAccount":"{ACCOUNT}"}}}}}}]}}"#
        );
        let other = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"*","Resource":"*"}]}"#;
        vpc_endpoints(&mut s).extend([
            vpc_endpoint("vpce-open", Some(FULL_ACCESS)),
            vpc_endpoint("vpce-own", Some(&own)),
            vpc_endpoint("vpce-other", Some(other)),
            vpc_endpoint("vpce-none", None),
            vpc_endpoint("vpce-broken", Some("{oops")),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vpce-open"), Status::Fail);
        assert_eq!(status_of(&f, "vpce-own"), Status::Pass);
        assert_eq!(status_of(&f, "vpce-other"), Status::Fail);
        assert_eq!(status_of(&f, "vpce-none"), Status::Pass);
        assert_eq!(status_of(&f, "vpce-broken"), Status::Error);
        let other = f.iter().find(|x| x.resource.id == "vpce-other").unwrap();
        assert!(other.message.contains("210987654321"), "{}", other.message);
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).vpc.endpoints = Fetched::Err(denied("ec2", "DescribeVpcEndpoints"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
