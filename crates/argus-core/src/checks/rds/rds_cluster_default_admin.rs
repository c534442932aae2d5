//! DB clusters do not use a default master user name. Metadata:
//! `checks/rds/rds_cluster_default_admin.toml`.
//!
//! DocumentDB and Neptune clusters get no finding (FSBP RDS.24 leaves them out).

use super::{default_admin, each_cluster, no_engine};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_cluster_default_admin", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_cluster(ctx, out, |c, r, out| {
        let engine = c.engine.trim();
        if engine.is_empty() {
            return out.error_message(r, no_engine("DB cluster", &c.id, "whether it has a master user"));
        }
        if !default_admin::judged_engine(engine) {
            return;
        }
        default_admin::judge(out, r, &format!("DB cluster {} ({engine})", c.id), c.master_username.as_deref());
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{DbCluster, Fetched};
    use crate::testing::*;

    fn with_user(id: &str, user: Option<&str>) -> DbCluster {
        DbCluster { master_username: user.map(str::to_string), ..cluster(id) }
    }

    #[test]
    fn default_names_fail() {
        let mut s = snapshot();
        clusters(&mut s).extend([
            cluster("custom"),
            with_user("admin", Some("admin")),
            with_user("postgres", Some("Postgres")),
            with_user("unknown", None),
            DbCluster { engine: "neptune".into(), ..with_user("graph", None) },
            DbCluster { engine: String::new(), ..cluster("no-engine") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "custom"), Status::Pass);
        assert_eq!(status_of(&f, "admin"), Status::Fail);
        assert_eq!(status_of(&f, "postgres"), Status::Fail);
        assert_eq!(status_of(&f, "unknown"), Status::Error);
        assert!(f.iter().all(|x| x.resource.id != "graph"), "Neptune is not judged");
        assert_eq!(status_of(&f, "no-engine"), Status::Error);
        assert!(f.iter().all(|x| !x.message.contains("dbowner")), "a custom name stays out of reports");

        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
