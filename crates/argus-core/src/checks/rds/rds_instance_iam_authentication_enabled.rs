//! DB instances whose engine supports it have IAM database authentication enabled. Metadata:
//! `checks/rds/rds_instance_iam_authentication_enabled.toml`.
//!
//! Only MySQL, MariaDB, PostgreSQL and Aurora MySQL / PostgreSQL (including the legacy `aurora`
//! engine name of Aurora MySQL 5.6) support IAM authentication; instances of other engines (Oracle,
//! SQL Server, Db2, DocumentDB, Neptune, RDS Custom…) are skipped: no finding. For cluster members
//! the setting belongs to the cluster and the cluster's flag is judged. An instance whose engine is
//! not reported (by it or its cluster) is an ERROR.

use super::{cluster_level_setting, cluster_of, each_instance, instance_resource, ClusterOf};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_iam_authentication_enabled", run };

/// Engines that support IAM database authentication.
const SUPPORTED_ENGINES: &[&str] = &["mysql", "mariadb", "postgres", "aurora", "aurora-mysql", "aurora-postgresql"];

pub(crate) fn supports_iam_auth(engine: &str) -> bool {
    SUPPORTED_ENGINES.iter().any(|e| e.eq_ignore_ascii_case(engine.trim()))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, rds, i, out| {
        // A member's engine is its cluster's, when the instance's own reply left it out.
        let engine = match (i.engine.trim(), cluster_of(rds, i)) {
            ("", ClusterOf::Member(c)) => c.engine.trim(),
            (engine, _) => engine,
        };
        if engine.is_empty() {
            let r = instance_resource(ctx, i, region);
            return out.error_message(
                r,
                format_args!(
                    "could not be evaluated: DescribeDBInstances returned no Engine for DB instance {}, so whether it supports IAM authentication is unknown",
                    i.id
                ),
            );
        }
        if !supports_iam_auth(engine) {
            return;
        }
        let r = instance_resource(ctx, i, region);
        let Some((enabled, subject)) = cluster_level_setting(
            rds,
            i,
            &r,
            out,
            |i| i.iam_database_authentication_enabled,
            |c| c.iam_database_authentication_enabled,
        ) else {
            return;
        };
        if enabled {
            out.pass(r, format_args!("{subject} ({engine}) has IAM database authentication enabled."));
        } else {
            out.fail(r, format_args!("{subject} ({engine}) does not have IAM database authentication enabled."));
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
    fn supported_engines_are_judged_others_skipped() {
        let mut s = snapshot();
        instances(&mut s).extend([
            instance("pg-iam"),
            DbInstance { iam_database_authentication_enabled: false, engine: "mysql".into(), ..instance("mysql-pw") },
            DbInstance { iam_database_authentication_enabled: false, engine: "oracle-ee".into(), ..instance("ora") },
            member("aurora-1", "c-iam"),
            member("aurora-2", "c-pw"),
        ]);
        clusters(&mut s)
            .extend([cluster("c-iam"), DbCluster { iam_database_authentication_enabled: false, ..cluster("c-pw") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "pg-iam"), Status::Pass);
        assert_eq!(status_of(&f, "mysql-pw"), Status::Fail);
        assert!(f.iter().all(|x| x.resource.id != "ora"), "oracle is not judged");
        assert_eq!(status_of(&f, "aurora-1"), Status::Pass);
        assert_eq!(status_of(&f, "aurora-2"), Status::Fail);
    }

    #[test]
    fn an_instance_without_an_engine_errors_unless_its_cluster_names_one() {
        let mut s = snapshot();
        let mut member_without = member("aurora-1", "c1");
        member_without.engine = String::new();
        instances(&mut s).extend([DbInstance { engine: String::new(), ..instance("db1") }, member_without]);
        clusters(&mut s).push(cluster("c1"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "db1"), Status::Error);
        let m = &f.iter().find(|x| x.resource.id == "db1").unwrap().message;
        assert!(m.contains("no Engine"), "{m}");
        assert_eq!(status_of(&f, "aurora-1"), Status::Pass);
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
