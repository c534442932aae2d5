//! DB clusters publish their engine's logs to CloudWatch Logs. Metadata:
//! `checks/rds/rds_cluster_integration_cloudwatch_logs.toml`.
//!
//! Aurora MySQL must publish its audit log (FSBP RDS.34), Aurora PostgreSQL and PostgreSQL Multi-AZ
//! DB clusters their PostgreSQL log (RDS.37), MySQL Multi-AZ DB clusters at least one log
//! (`log_exports::for_cluster`). DocumentDB and Neptune clusters get no finding.

use super::log_exports::{self, for_cluster};
use super::{each_cluster, no_engine};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_cluster_integration_cloudwatch_logs", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_cluster(ctx, out, |c, r, out| {
        let engine = c.engine.trim();
        if engine.is_empty() {
            return out.error_message(r, no_engine("DB cluster", &c.id, "which logs it must publish"));
        }
        let Some(required) = for_cluster(engine) else { return };
        let subject = format!("DB cluster {}", c.id);
        log_exports::judge(out, r, &subject, engine, required, c.enabled_cloudwatch_logs_exports.as_deref());
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
    fn the_engine_decides_the_required_log() {
        let mut s = snapshot();
        let aurora_mysql = |id: &str, types: &[&str]| DbCluster {
            engine: "aurora-mysql".into(),
            enabled_cloudwatch_logs_exports: exporting(types),
            ..cluster(id)
        };
        clusters(&mut s).extend([
            cluster("pg"),
            DbCluster { enabled_cloudwatch_logs_exports: exporting(&["instance"]), ..cluster("pg-other") },
            aurora_mysql("my-audit", &["audit"]),
            aurora_mysql("my-slow", &["error", "slowquery"]),
            DbCluster {
                engine: "mysql".into(),
                enabled_cloudwatch_logs_exports: exporting(&["error"]),
                ..cluster("maz")
            },
            DbCluster {
                engine: "mysql".into(),
                enabled_cloudwatch_logs_exports: exporting(&[]),
                ..cluster("maz-none")
            },
            DbCluster { engine: "docdb".into(), enabled_cloudwatch_logs_exports: exporting(&[]), ..cluster("docs") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "pg"), Status::Pass);
        assert_eq!(status_of(&f, "pg-other"), Status::Fail);
        assert_eq!(status_of(&f, "my-audit"), Status::Pass);
        assert_eq!(status_of(&f, "my-slow"), Status::Fail);
        let m = &f.iter().find(|x| x.resource.id == "my-slow").unwrap().message;
        assert!(m.contains("does not publish its audit logs"), "{m}");
        assert_eq!(status_of(&f, "maz"), Status::Pass);
        assert_eq!(status_of(&f, "maz-none"), Status::Fail);
        assert!(f.iter().all(|x| x.resource.id != "docs"), "DocumentDB is not judged");
    }

    #[test]
    fn missing_data_errors() {
        let mut s = snapshot();
        clusters(&mut s).extend([
            DbCluster { engine: String::new(), ..cluster("no-engine") },
            DbCluster { enabled_cloudwatch_logs_exports: None, ..cluster("old-snapshot") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "no-engine"), Status::Error);
        assert_eq!(status_of(&f, "old-snapshot"), Status::Error);
        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
