//! DB instances are assigned to an AWS Backup plan (FSBP RDS.26). Metadata:
//! `checks/rds/rds_instance_protected_by_backup_plan.toml`; the assignment logic is in
//! `checks/backup/coverage.rs`.

use super::{cluster_of, each_instance, instance_resource, not_listed, ClusterOf};
use crate::checks::backup::coverage;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_protected_by_backup_plan", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, rds, i, out| {
        let r = instance_resource(ctx, i, region);
        // AWS Backup backs up a cluster's members with the cluster (Aurora, Multi-AZ DB clusters).
        match cluster_of(rds, i) {
            ClusterOf::Standalone => {
                coverage::judge(ctx, out, r, region, &format!("DB instance {}", i.id), &i.arn, &i.tags)
            }
            ClusterOf::Member(c) => coverage::judge(
                ctx,
                out,
                r,
                region,
                &format!("DB instance {}'s cluster {}", i.id, c.id),
                &c.arn,
                &c.tags,
            ),
            ClusterOf::Unreadable(e) => out.error(r, e),
            ClusterOf::NotListed(id) => out.error_message(r, not_listed(id)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::backup::fixtures::{backup, plan_selecting, plans};
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn assigned_passes_unassigned_fails_unreadable_errors() {
        let mut s = snapshot();
        instances(&mut s).extend([instance("db1"), instance("db2"), member("aurora-1", "aurora")]);
        clusters(&mut s).push(cluster("aurora"));
        plans(&mut s).push(plan_selecting("daily", &["arn:aws:rds:*:*:db:db1", "arn:aws:rds:*:*:cluster:*"]));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "db1"), Status::Pass);
        assert_eq!(status_of(&f, "db2"), Status::Fail);
        assert_eq!(status_of(&f, "aurora-1"), Status::Pass, "a member is backed up with its cluster");
        assert!(finding_message(&f, "aurora-1").contains("DB instance aurora-1's cluster aurora"));
        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), "aurora-1"), Status::Error);
        backup(&mut s).plans = Fetched::Err(denied("backup", "ListBackupPlans"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "db1"), Status::Error);
        assert!(finding_message(&f, "db1").contains("ListBackupPlans"));
        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
