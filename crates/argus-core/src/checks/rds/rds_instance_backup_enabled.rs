//! DB instances keep automated backups (retention period above zero). Metadata:
//! `checks/rds/rds_instance_backup_enabled.toml`.
//!
//! For cluster members (Aurora, DocumentDB, Neptune) retention is a cluster setting: the cluster's
//! value is used when the cluster is listed.

use super::{cluster_of, each_instance, instance_resource, not_listed, ClusterOf};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_backup_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, rds, i, out| {
        let r = instance_resource(ctx, i, region);
        let (days, source) = match cluster_of(rds, i) {
            ClusterOf::Unreadable(e) => return out.error(r, e),
            ClusterOf::Member(c) => match c.backup_retention_period {
                Some(days) => (days, format!(" (set on cluster {})", c.id)),
                None => (i.backup_retention_period, String::new()),
            },
            ClusterOf::NotListed(id) => return out.error_message(r, not_listed(id)),
            ClusterOf::Standalone => (i.backup_retention_period, String::new()),
        };
        if days > 0 {
            out.pass(r, format_args!("DB instance {} keeps automated backups for {days} days{source}.", i.id));
        } else {
            out.fail(
                r,
                format_args!("DB instance {} has automated backups disabled (retention period 0){source}.", i.id),
            );
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
    fn retention_decides_and_cluster_value_wins() {
        let mut s = snapshot();
        instances(&mut s).extend([
            instance("kept"),
            DbInstance { backup_retention_period: 0, ..instance("none") },
            member("aurora-1", "c-good"),
            member("aurora-2", "c-bad"),
        ]);
        clusters(&mut s)
            .extend([cluster("c-good"), DbCluster { backup_retention_period: Some(0), ..cluster("c-bad") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "kept"), Status::Pass);
        assert_eq!(status_of(&f, "none"), Status::Fail);
        assert_eq!(status_of(&f, "aurora-1"), Status::Pass);
        assert_eq!(status_of(&f, "aurora-2"), Status::Fail);
    }

    #[test]
    fn unreadable_cluster_or_listing_errors() {
        let mut s = snapshot();
        instances(&mut s).extend([instance("standalone"), member("aurora-1", "c1")]);
        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "standalone"), Status::Pass);
        assert_eq!(status_of(&f, "aurora-1"), Status::Error);

        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
