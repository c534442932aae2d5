//! Multi-AZ DB clusters apply minor engine upgrades automatically. Metadata:
//! `checks/rds/rds_cluster_minor_version_upgrade_enabled.toml`.
//!
//! Judged: Multi-AZ DB clusters, the clusters of the `mysql` and `postgres` engines, as FSBP RDS.35
//! does. Aurora clusters (whose upgrades also need every member's instance-level flag, judged by
//! `rds_instance_minor_version_upgrade_enabled`), DocumentDB and Neptune get no finding.

use super::{each_cluster, no_engine};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_cluster_minor_version_upgrade_enabled", run };

fn is_multi_az_db_cluster(engine: &str) -> bool {
    ["mysql", "postgres"].iter().any(|e| e.eq_ignore_ascii_case(engine))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_cluster(ctx, out, |c, r, out| {
        let engine = c.engine.trim();
        if engine.is_empty() {
            return out.error_message(r, no_engine("DB cluster", &c.id, "whether it is a Multi-AZ DB cluster"));
        }
        if !is_multi_az_db_cluster(engine) {
            return;
        }
        let version = c.engine_version.as_deref().map(|v| format!(" {v}")).unwrap_or_default();
        match c.auto_minor_version_upgrade {
            Some(true) => out.pass(
                r,
                format_args!("DB cluster {} ({engine}{version}) has auto minor version upgrade enabled.", c.id),
            ),
            Some(false) => out.fail(
                r,
                format_args!("DB cluster {} ({engine}{version}) has auto minor version upgrade disabled.", c.id),
            ),
            None => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: DescribeDBClusters returned no AutoMinorVersionUpgrade for DB cluster {}",
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

    fn multi_az(id: &str, auto: Option<bool>) -> DbCluster {
        DbCluster { engine: "postgres".into(), auto_minor_version_upgrade: auto, ..cluster(id) }
    }

    #[test]
    fn multi_az_db_clusters_are_judged() {
        let mut s = snapshot();
        clusters(&mut s).extend([
            multi_az("auto", Some(true)),
            DbCluster { engine: "mysql".into(), ..multi_az("manual", Some(false)) },
            multi_az("unknown", None),
            DbCluster { auto_minor_version_upgrade: Some(false), ..cluster("aurora") },
            DbCluster { engine: String::new(), ..cluster("no-engine") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "auto"), Status::Pass);
        assert_eq!(status_of(&f, "manual"), Status::Fail);
        assert_eq!(status_of(&f, "unknown"), Status::Error);
        assert!(f.iter().all(|x| x.resource.id != "aurora"), "Aurora clusters are not judged");
        assert_eq!(status_of(&f, "no-engine"), Status::Error);

        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
