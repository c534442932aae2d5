//! DB instances copy their tags to their snapshots. Metadata:
//! `checks/rds/rds_instance_copy_tags_to_snapshots.toml`.
//!
//! A cluster member's snapshots are its cluster's, whose setting applies (Aurora ignores the
//! instance-level flag): the cluster's flag is judged.

use super::{cluster_level_setting, each_instance, instance_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_copy_tags_to_snapshots", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, rds, i, out| {
        let r = instance_resource(ctx, i, region);
        let Some((copies, subject)) =
            cluster_level_setting(rds, i, &r, out, |i| i.copy_tags_to_snapshot, |c| c.copy_tags_to_snapshot)
        else {
            return;
        };
        match copies {
            Some(true) => out.pass(r, format_args!("{subject} copies its tags to snapshots.")),
            Some(false) => out.fail(r, format_args!("{subject} does not copy its tags to snapshots.")),
            None => out.error_message(
                r,
                format_args!("could not be evaluated: RDS returned no CopyTagsToSnapshot for {subject}"),
            ),
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
        let mut member_flag_on = member("aurora-2", "c-off");
        member_flag_on.copy_tags_to_snapshot = Some(true);
        instances(&mut s).extend([
            instance("on"),
            DbInstance { copy_tags_to_snapshot: Some(false), ..instance("off") },
            DbInstance { copy_tags_to_snapshot: None, ..instance("unknown") },
            member("aurora-1", "c-on"),
            member_flag_on,
        ]);
        clusters(&mut s)
            .extend([cluster("c-on"), DbCluster { copy_tags_to_snapshot: Some(false), ..cluster("c-off") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "on"), Status::Pass);
        assert_eq!(status_of(&f, "off"), Status::Fail);
        assert_eq!(status_of(&f, "unknown"), Status::Error);
        assert_eq!(status_of(&f, "aurora-1"), Status::Pass);
        assert_eq!(status_of(&f, "aurora-2"), Status::Fail, "the cluster's flag, not the member's");
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
