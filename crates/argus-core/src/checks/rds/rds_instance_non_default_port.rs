//! DB instances do not listen on their engine's default port.
//! Metadata: `checks/rds/rds_instance_non_default_port.toml`.

use super::{each_instance, instance_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_non_default_port", run };

/// Default ports and the engine names (substrings of `Engine`) that use them, as Prowler lists them.
const DEFAULT_PORTS: &[(i32, &[&str])] = &[
    (3306, &["mysql", "mariadb"]),
    (5432, &["postgres"]),
    (1521, &["oracle"]),
    (1433, &["sqlserver"]),
    (50000, &["db2"]),
];

fn is_default_port(engine: &str, port: i32) -> bool {
    let engine = engine.to_ascii_lowercase();
    DEFAULT_PORTS.iter().any(|(p, engines)| *p == port && engines.iter().any(|e| engine.contains(e)))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, _, i, out| {
        let r = instance_resource(ctx, i, region);
        let Some(port) = i.endpoint_port else {
            let status = i.status.as_deref().unwrap_or("unknown");
            out.error_message(
                r,
                format_args!(
                    "could not be evaluated: RDS reported no endpoint port for DB instance {} (status {status})",
                    i.id
                ),
            );
            return;
        };
        if is_default_port(&i.engine, port) {
            out.fail(r, format_args!("DB instance {} ({}) listens on the default port {port}.", i.id, i.engine));
        } else {
            out.pass(
                r,
                format_args!("DB instance {} ({}) listens on port {port}, not its engine's default.", i.id, i.engine),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{DbInstance, Fetched};
    use crate::testing::*;

    #[test]
    fn the_engine_default_port_fails() {
        let mut s = snapshot();
        instances(&mut s).extend([
            DbInstance { engine: "mysql".into(), endpoint_port: Some(3306), ..instance("my") },
            DbInstance { engine: "aurora-postgresql".into(), endpoint_port: Some(5432), ..instance("pg") },
            DbInstance { engine: "postgres".into(), endpoint_port: Some(6543), ..instance("moved") },
            DbInstance { engine: "oracle-ee".into(), endpoint_port: Some(3306), ..instance("odd") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "my"), Status::Fail);
        assert_eq!(status_of(&f, "pg"), Status::Fail);
        assert_eq!(status_of(&f, "moved"), Status::Pass);
        assert_eq!(status_of(&f, "odd"), Status::Pass, "3306 is not Oracle's default");
    }

    #[test]
    fn no_port_or_no_listing_is_an_error() {
        let mut s = snapshot();
        instances(&mut s).push(DbInstance { endpoint_port: None, ..instance("new") });
        assert_eq!(status_of(&run_check(CHECK, &s), "new"), Status::Error);
        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
