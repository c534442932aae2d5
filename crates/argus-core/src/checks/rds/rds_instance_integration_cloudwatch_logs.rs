//! DB instances publish their engine's logs to CloudWatch Logs. Metadata:
//! `checks/rds/rds_instance_integration_cloudwatch_logs.toml`.
//!
//! The log types are FSBP RDS.9's per engine (`log_exports::for_instance`); engines it does not name
//! must publish at least one. Cluster members publish what their cluster exports (Aurora and
//! Multi-AZ DB clusters manage exports at the cluster level): the cluster's list is judged. RDS
//! Custom instances, which cannot export logs, get no finding.

use super::log_exports::{self, for_instance};
use super::{cluster_level_setting, each_instance, instance_engine, instance_resource, unknown_engine};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_integration_cloudwatch_logs", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, rds, i, out| {
        let engine = instance_engine(rds, i);
        if engine.is_empty() {
            return unknown_engine(rds, i, instance_resource(ctx, i, region), out, "which logs it must publish");
        }
        let Some(required) = for_instance(engine) else { return };
        let r = instance_resource(ctx, i, region);
        let Some((exported, subject)) = cluster_level_setting(
            rds,
            i,
            &r,
            out,
            |i| i.enabled_cloudwatch_logs_exports.as_deref(),
            |c| c.enabled_cloudwatch_logs_exports.as_deref(),
        ) else {
            return;
        };
        log_exports::judge(out, r, &subject, engine, required, exported);
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
    fn each_log_type_of_the_engine_is_required() {
        let mut s = snapshot();
        instances(&mut s).extend([
            instance("pg-all"),
            DbInstance { enabled_cloudwatch_logs_exports: exporting(&["postgresql"]), ..instance("pg-part") },
            DbInstance {
                engine: "mysql".into(),
                enabled_cloudwatch_logs_exports: exporting(&["audit", "error", "general", "slowquery"]),
                ..instance("my-all")
            },
            DbInstance {
                engine: "mysql".into(),
                enabled_cloudwatch_logs_exports: exporting(&[]),
                ..instance("my-none")
            },
            DbInstance {
                engine: "db2-se".into(),
                enabled_cloudwatch_logs_exports: exporting(&["diag.log"]),
                ..instance("db2")
            },
            DbInstance {
                engine: "db2-se".into(),
                enabled_cloudwatch_logs_exports: exporting(&[]),
                ..instance("db2-none")
            },
            DbInstance { engine: "custom-oracle-ee".into(), ..instance("custom") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "pg-all"), Status::Pass);
        assert_eq!(status_of(&f, "pg-part"), Status::Fail);
        let m = &f.iter().find(|x| x.resource.id == "pg-part").unwrap().message;
        assert!(m.contains("does not publish its upgrade logs") && m.contains("published: postgresql"), "{m}");
        assert_eq!(status_of(&f, "my-all"), Status::Pass);
        assert_eq!(status_of(&f, "my-none"), Status::Fail);
        assert_eq!(status_of(&f, "db2"), Status::Pass);
        assert_eq!(status_of(&f, "db2-none"), Status::Fail);
        assert!(f.iter().all(|x| x.resource.id != "custom"), "RDS Custom cannot export logs");
    }

    #[test]
    fn members_are_judged_by_their_cluster() {
        let mut s = snapshot();
        let mut own_list_only = member("aurora-2", "c-none");
        own_list_only.enabled_cloudwatch_logs_exports = exporting(&["postgresql"]);
        instances(&mut s).extend([member("aurora-1", "c-logs"), own_list_only]);
        clusters(&mut s).extend([
            cluster("c-logs"),
            DbCluster { enabled_cloudwatch_logs_exports: exporting(&[]), ..cluster("c-none") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "aurora-1"), Status::Pass);
        assert_eq!(status_of(&f, "aurora-2"), Status::Fail);
    }

    #[test]
    fn missing_data_errors() {
        let mut s = snapshot();
        let mut member_without_engine = member("aurora-1", "c1");
        member_without_engine.engine = String::new();
        instances(&mut s).extend([
            DbInstance { engine: String::new(), ..instance("no-engine") },
            DbInstance { enabled_cloudwatch_logs_exports: None, ..instance("old-snapshot") },
            member_without_engine,
        ]);
        clusters(&mut s).push(cluster("c1"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "no-engine"), Status::Error);
        assert_eq!(status_of(&f, "old-snapshot"), Status::Error);
        assert_eq!(status_of(&f, "aurora-1"), Status::Pass, "the cluster names the engine");

        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), "aurora-1"), Status::Error);
        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
