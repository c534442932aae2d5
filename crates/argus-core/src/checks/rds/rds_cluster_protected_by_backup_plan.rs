//! DB clusters are assigned to an AWS Backup plan. Metadata:
//! `checks/rds/rds_cluster_protected_by_backup_plan.toml`; the assignment logic is in
//! `checks/backup/coverage.rs`.

use super::each_cluster;
use crate::checks::backup::coverage;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_cluster_protected_by_backup_plan", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_cluster(ctx, out, |c, r, out| {
        let region = r.region.clone();
        coverage::judge(ctx, out, r, &region, &format!("DB cluster {}", c.id), &c.arn, &c.tags);
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
        clusters(&mut s).extend([cluster("kept"), cluster("other")]);
        plans(&mut s).push(plan_selecting("daily", &["arn:aws:rds:*:*:cluster:kept"]));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "kept"), Status::Pass);
        assert_eq!(status_of(&f, "other"), Status::Fail);
        backup(&mut s).plans = Fetched::Err(denied("backup", "ListBackupPlans"));
        assert_eq!(status_of(&run_check(CHECK, &s), "kept"), Status::Error);
        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
