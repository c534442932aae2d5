//! DB clusters have deletion protection enabled. Metadata: `checks/rds/rds_cluster_deletion_protection.toml`.

use super::each_cluster;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_cluster_deletion_protection", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_cluster(ctx, out, |c, r, out| {
        if c.deletion_protection {
            out.pass(r, format_args!("DB cluster {} ({}) has deletion protection enabled.", c.id, c.engine));
        } else {
            out.fail(r, format_args!("DB cluster {} ({}) does not have deletion protection enabled.", c.id, c.engine));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::DbCluster;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn enabled_passes_disabled_fails_unlisted_errors() {
        let mut s = snapshot();
        clusters(&mut s).extend([cluster("on"), DbCluster { deletion_protection: false, ..cluster("off") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "on"), Status::Pass);
        assert_eq!(status_of(&f, "off"), Status::Fail);
        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
