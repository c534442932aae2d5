//! DB instances have deletion protection. Metadata: `checks/rds/rds_instance_deletion_protection.toml`.
//!
//! For cluster members deletion protection is a cluster setting: the cluster's flag is judged.

use super::{cluster_level_setting, each_instance, instance_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_deletion_protection", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, rds, i, out| {
        let r = instance_resource(ctx, i, region);
        let Some((protected, subject)) =
            cluster_level_setting(rds, i, &r, out, |i| i.deletion_protection, |c| c.deletion_protection)
        else {
            return;
        };
        if protected {
            out.pass(r, format_args!("{subject} has deletion protection enabled."));
        } else {
            out.fail(r, format_args!("{subject} does not have deletion protection enabled."));
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
            instance("protected"),
            DbInstance { deletion_protection: false, ..instance("bare") },
            member("aurora-1", "c-good"),
            member("aurora-2", "c-bad"),
        ]);
        clusters(&mut s).extend([cluster("c-good"), DbCluster { deletion_protection: false, ..cluster("c-bad") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "protected"), Status::Pass);
        assert_eq!(status_of(&f, "bare"), Status::Fail);
        assert_eq!(status_of(&f, "aurora-1"), Status::Pass);
        assert_eq!(status_of(&f, "aurora-2"), Status::Fail);
    }

    #[test]
    fn unreadable_data_errors() {
        let mut s = snapshot();
        instances(&mut s).push(member("orphan", "c-missing"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "orphan"), Status::Error);
        assert!(f[0].message.contains("cluster c-missing is not in the DescribeDBClusters listing"));
        instances(&mut s).push(member("aurora-1", "c1"));
        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), "aurora-1"), Status::Error);
        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
