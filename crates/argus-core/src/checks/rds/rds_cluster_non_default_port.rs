//! DB clusters do not listen on their engine's default port.
//! Metadata: `checks/rds/rds_cluster_non_default_port.toml`.

use super::{each_cluster, no_engine};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_cluster_non_default_port", run };

/// Default ports and the engine names (substrings of `Engine`) that use them: Prowler's list
/// (`mysql` also matches `aurora-mysql`, `postgres` `aurora-postgresql`), plus the legacy Aurora
/// MySQL 5.6 engine `aurora`, Neptune and DocumentDB, whose clusters DescribeDBClusters lists too.
const DEFAULT_PORTS: &[(i32, &[&str])] = &[
    (3306, &["mysql", "mariadb"]),
    (5432, &["postgres"]),
    (1521, &["oracle"]),
    (1433, &["sqlserver"]),
    (50000, &["db2"]),
    (8182, &["neptune"]),
    (27017, &["docdb"]),
];

fn is_default_port(engine: &str, port: i32) -> bool {
    let engine = engine.to_ascii_lowercase();
    (engine == "aurora" && port == 3306)
        || DEFAULT_PORTS.iter().any(|(p, engines)| *p == port && engines.iter().any(|e| engine.contains(e)))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_cluster(ctx, out, |c, r, out| {
        let engine = c.engine.trim();
        if engine.is_empty() {
            return out.error_message(r, no_engine("DB cluster", &c.id, "its default port"));
        }
        let Some(port) = c.port else {
            let status = c.status.as_deref().unwrap_or("unknown");
            return out.error_message(
                r,
                format_args!("could not be evaluated: RDS reported no Port for DB cluster {} (status {status})", c.id),
            );
        };
        if is_default_port(engine, port) {
            out.fail(r, format_args!("DB cluster {} ({engine}) listens on the default port {port}.", c.id));
        } else {
            out.pass(
                r,
                format_args!("DB cluster {} ({engine}) listens on port {port}, not its engine's default.", c.id),
            );
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

    fn on(id: &str, engine: &str, port: Option<i32>) -> DbCluster {
        DbCluster { engine: engine.into(), port, ..cluster(id) }
    }

    #[test]
    fn the_engine_default_port_fails() {
        let mut s = snapshot();
        clusters(&mut s).extend([
            on("my", "aurora-mysql", Some(3306)),
            on("legacy", "aurora", Some(3306)),
            on("pg", "aurora-postgresql", Some(5432)),
            on("maz", "postgres", Some(5432)),
            on("graph", "neptune", Some(8182)),
            on("moved", "aurora-postgresql", Some(6543)),
            on("odd", "aurora-postgresql", Some(3306)),
        ]);
        let f = run_check(CHECK, &s);
        for id in ["my", "legacy", "pg", "maz", "graph"] {
            assert_eq!(status_of(&f, id), Status::Fail, "{id}");
        }
        assert_eq!(status_of(&f, "moved"), Status::Pass);
        assert_eq!(status_of(&f, "odd"), Status::Pass, "3306 is not PostgreSQL's default");
        let msg = &f.iter().find(|x| x.resource.id == "my").unwrap().message;
        assert!(msg.contains("default port 3306"), "{msg}");
    }

    #[test]
    fn no_port_no_engine_or_no_listing_is_an_error() {
        let mut s = snapshot();
        clusters(&mut s).extend([on("new", "aurora-mysql", None), on("anon", " ", Some(3306))]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "new"), Status::Error);
        assert_eq!(status_of(&f, "anon"), Status::Error);
        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }

    #[test]
    fn a_cluster_saved_before_argus_kept_the_port_is_an_error() {
        let mut json = serde_json::to_value(cluster("old")).unwrap();
        let fields = json.as_object_mut().unwrap();
        fields.remove("port");
        fields.remove("engine_lifecycle_support");
        let old: DbCluster = serde_json::from_value(json).unwrap();
        assert_eq!((old.port, old.engine_lifecycle_support.as_deref()), (None, None));
        let mut s = snapshot();
        clusters(&mut s).push(old);
        assert_eq!(status_of(&run_check(CHECK, &s), "old"), Status::Error);
    }
}
