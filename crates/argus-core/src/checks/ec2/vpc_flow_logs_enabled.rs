//! Every VPC has an active flow log attached to the VPC itself. Metadata: `checks/ec2/vpc_flow_logs_enabled.toml`.

use super::common::{each_region, ec2_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "vpc_flow_logs_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let vpcs = match &ec2.vpcs {
            Fetched::Ok(v) => v,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for vpc in vpcs {
            let r = ec2_resource(ctx, region, "vpc", &vpc.id, &vpc.tags);
            let logs = match &ec2.flow_logs {
                Fetched::Ok(l) => l,
                Fetched::Err(e) => {
                    out.error(r, e);
                    continue;
                }
            };
            let for_vpc: Vec<_> = logs.iter().filter(|l| l.resource_id.as_deref() == Some(vpc.id.as_str())).collect();
            let active = for_vpc.iter().find(|l| l.status.as_deref().is_none_or(|s| s.eq_ignore_ascii_case("active")));
            match (active, for_vpc.first()) {
                (Some(log), _) => out.pass(
                    r,
                    format_args!(
                        "The VPC has flow log {} capturing {} traffic.",
                        log.id,
                        log.traffic_type.as_deref().unwrap_or("unknown")
                    ),
                ),
                (None, Some(log)) => out.fail(
                    r,
                    format_args!(
                        "The VPC's flow log {} is not active (status {}).",
                        log.id,
                        log.status.as_deref().unwrap_or("unknown")
                    ),
                ),
                (None, None) => out.fail(r, "The VPC has no flow log."),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn vpc_without_flow_log_fails() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).vpcs).extend([
            vpc("vpc-logged"),
            vpc("vpc-dark"),
            vpc("vpc-subnet-only"),
            vpc("vpc-stale"),
        ]);
        let mut stale = flow_log("fl-3", "vpc-stale");
        stale.status = Some("INACTIVE".into());
        list(&mut ec2(&mut s).flow_logs).extend([flow_log("fl-1", "vpc-logged"), flow_log("fl-2", "subnet-9"), stale]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vpc-logged"), Status::Pass);
        assert_eq!(status_of(&f, "vpc-dark"), Status::Fail);
        assert_eq!(status_of(&f, "vpc-subnet-only"), Status::Fail);
        assert_eq!(status_of(&f, "vpc-stale"), Status::Fail);
        let logged = f.iter().find(|x| x.resource.id == "vpc-logged").unwrap();
        assert!(logged.message.contains("fl-1"), "{}", logged.message);
        assert_eq!(logged.resource.arn, format!("arn:aws:ec2:{REGION}:{ACCOUNT}:vpc/vpc-logged"));
    }

    #[test]
    fn failed_flow_log_listing_is_an_error_per_vpc() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).vpcs).extend([vpc("vpc-a"), vpc("vpc-b")]);
        ec2(&mut s).flow_logs = Fetched::Err(denied("ec2", "DescribeFlowLogs"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![("vpc-a".to_string(), Status::Error), ("vpc-b".to_string(), Status::Error)]);
    }

    #[test]
    fn failed_vpc_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).vpcs = Fetched::Err(denied("ec2", "DescribeVpcs"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
