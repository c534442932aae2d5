//! DB clusters copy their tags to their snapshots. Metadata:
//! `checks/rds/rds_cluster_copy_tags_to_snapshots.toml`.

use super::each_cluster;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_cluster_copy_tags_to_snapshots", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_cluster(ctx, out, |c, r, out| match c.copy_tags_to_snapshot {
        Some(true) => out.pass(r, format_args!("DB cluster {} ({}) copies its tags to snapshots.", c.id, c.engine)),
        Some(false) => {
            out.fail(r, format_args!("DB cluster {} ({}) does not copy its tags to snapshots.", c.id, c.engine))
        }
        None => out.error_message(
            r,
            format_args!(
                "could not be evaluated: DescribeDBClusters returned no CopyTagsToSnapshot for DB cluster {}",
                c.id
            ),
        ),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{DbCluster, Fetched};
    use crate::testing::*;

    #[test]
    fn the_flag_decides_and_missing_data_errors() {
        let mut s = snapshot();
        clusters(&mut s).extend([
            cluster("on"),
            DbCluster { copy_tags_to_snapshot: Some(false), ..cluster("off") },
            DbCluster { copy_tags_to_snapshot: None, ..cluster("unknown") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "on"), Status::Pass);
        assert_eq!(status_of(&f, "off"), Status::Fail);
        assert_eq!(status_of(&f, "unknown"), Status::Error);

        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
