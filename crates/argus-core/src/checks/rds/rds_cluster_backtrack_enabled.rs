//! Aurora MySQL clusters have backtracking enabled. Metadata:
//! `checks/rds/rds_cluster_backtrack_enabled.toml`.
//!
//! Only Aurora MySQL supports backtracking (`aurora-mysql`, and `aurora`, the engine name of Aurora
//! MySQL 1); other clusters get no finding. A cluster whose engine is not reported is an ERROR.

use super::{each_cluster, no_engine};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_cluster_backtrack_enabled", run };

fn is_aurora_mysql(engine: &str) -> bool {
    ["aurora-mysql", "aurora"].iter().any(|e| e.eq_ignore_ascii_case(engine))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_cluster(ctx, out, |c, r, out| {
        let engine = c.engine.trim();
        if engine.is_empty() {
            return out.error_message(r, no_engine("DB cluster", &c.id, "whether it supports backtracking"));
        }
        if !is_aurora_mysql(engine) {
            return;
        }
        match c.backtrack_window {
            Some(seconds) if seconds > 0 => out.pass(
                r,
                format_args!("DB cluster {} ({engine}) has backtracking enabled (a {seconds}-second window).", c.id),
            ),
            Some(_) => out.fail(r, format_args!("DB cluster {} ({engine}) does not have backtracking enabled.", c.id)),
            None => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: DescribeDBClusters returned no BacktrackWindow for DB cluster {}",
                    c.id
                ),
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{DbCluster, Fetched};
    use crate::testing::*;

    fn aurora_mysql(id: &str, backtrack_window: Option<i64>) -> DbCluster {
        DbCluster { engine: "aurora-mysql".into(), backtrack_window, ..cluster(id) }
    }

    #[test]
    fn aurora_mysql_clusters_are_judged_by_their_window() {
        let mut s = snapshot();
        clusters(&mut s).extend([
            aurora_mysql("on", Some(86_400)),
            aurora_mysql("off", Some(0)),
            aurora_mysql("unknown", None),
            DbCluster { engine: "aurora".into(), ..aurora_mysql("legacy", Some(3_600)) },
            cluster("postgres"),
            DbCluster { engine: String::new(), ..cluster("no-engine") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "on"), Status::Pass);
        assert_eq!(status_of(&f, "off"), Status::Fail);
        assert_eq!(status_of(&f, "unknown"), Status::Error);
        assert_eq!(status_of(&f, "legacy"), Status::Pass);
        assert!(f.iter().all(|x| x.resource.id != "postgres"), "Aurora PostgreSQL cannot backtrack");
        assert_eq!(status_of(&f, "no-engine"), Status::Error);

        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
