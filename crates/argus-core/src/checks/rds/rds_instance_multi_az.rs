//! DB instances are deployed across several Availability Zones. Metadata: `checks/rds/rds_instance_multi_az.toml`.
//!
//! For cluster members (Aurora) Multi-AZ is a property of the cluster: the cluster's flag is judged.

use super::{cluster_level_setting, each_instance, instance_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_multi_az", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, rds, i, out| {
        let r = instance_resource(ctx, i, region);
        let Some((multi_az, subject)) = cluster_level_setting(rds, i, &r, out, |i| i.multi_az, |c| c.multi_az) else {
            return;
        };
        if multi_az {
            out.pass(r, format_args!("{subject} is deployed in multiple Availability Zones."));
        } else {
            out.fail(r, format_args!("{subject} is deployed in a single Availability Zone."));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{DbCluster, DbInstance, Fetched};
    use crate::testing::*;

    #[test]
    fn instance_and_cluster_flags() {
        let mut s = snapshot();
        instances(&mut s).extend([
            instance("multi"),
            DbInstance { multi_az: false, ..instance("single") },
            member("aurora-1", "c-multi"),
            member("aurora-2", "c-single"),
        ]);
        clusters(&mut s).extend([cluster("c-multi"), DbCluster { multi_az: false, ..cluster("c-single") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "multi"), Status::Pass);
        assert_eq!(status_of(&f, "single"), Status::Fail);
        assert_eq!(status_of(&f, "aurora-1"), Status::Pass);
        assert_eq!(status_of(&f, "aurora-2"), Status::Fail);
    }

    #[test]
    fn unreadable_data_errors() {
        let mut s = snapshot();
        instances(&mut s).push(member("aurora-1", "c1"));
        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), "aurora-1"), Status::Error);
        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
