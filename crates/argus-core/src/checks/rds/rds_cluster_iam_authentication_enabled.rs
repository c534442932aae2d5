//! DB clusters use IAM database authentication. Metadata: `checks/rds/rds_cluster_iam_authentication_enabled.toml`.

use super::each_cluster;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_cluster_iam_authentication_enabled", run };

/// Engines whose clusters support IAM database authentication (as Prowler lists them).
fn supports_iam_auth(engine: &str) -> bool {
    ["postgres", "mysql", "mariadb", "aurora"].iter().any(|e| engine.contains(e))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_cluster(ctx, out, |c, r, out| {
        if !supports_iam_auth(&c.engine) {
            out.pass(
                r,
                format_args!("DB cluster {} ({}) uses an engine without IAM database authentication.", c.id, c.engine),
            );
        } else if c.iam_database_authentication_enabled {
            out.pass(r, format_args!("DB cluster {} ({}) has IAM database authentication enabled.", c.id, c.engine));
        } else {
            out.fail(
                r,
                format_args!("DB cluster {} ({}) does not have IAM database authentication enabled.", c.id, c.engine),
            );
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
        clusters(&mut s)
            .extend([cluster("on"), DbCluster { iam_database_authentication_enabled: false, ..cluster("off") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "on"), Status::Pass);
        assert_eq!(status_of(&f, "off"), Status::Fail);
        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }

    #[test]
    fn engines_without_the_feature_pass() {
        let mut s = snapshot();
        clusters(&mut s).push(DbCluster {
            engine: "docdb".into(),
            iam_database_authentication_enabled: false,
            ..cluster("docs")
        });
        assert_eq!(status_of(&run_check(CHECK, &s), "docs"), Status::Pass);
    }
}
