//! DB instances and clusters refuse unencrypted client connections. Metadata:
//! `checks/rds/rds_instance_transport_encrypted.toml`.
//!
//! The parameter group decides: `rds.force_ssl` = 1 (PostgreSQL, SQL Server) or
//! `require_secure_transport` = 1/ON (MySQL, MariaDB, Aurora MySQL). Standalone instances are judged
//! by their DB parameter group, clusters (Aurora, Multi-AZ DB clusters) by their DB cluster
//! parameter group; cluster members are judged through their cluster. Oracle and Db2 enforce TLS
//! through option groups, which argus does not read: they get no finding.

use super::{cluster_resource, instance_resource};
use crate::engine::{Check, CheckContext, Findings, Resource};
use crate::snapshot::{tls_enforcing_parameter, Fetched, TlsParameters};
use std::collections::BTreeMap;
use std::sync::Arc;

pub const CHECK: Check = Check { id: "rds_instance_transport_encrypted", run };

const NO_ENGINE: &str = "could not be evaluated: the RDS reply names no engine, so the TLS parameter is unknown";

/// `true`, `false`, or the reason it cannot be told; with the words for the message.
fn forces_tls(
    call: &str,
    groups: &BTreeMap<String, Fetched<TlsParameters>>,
    group: &str,
    parameter: &str,
    unset_means_on: bool,
    r: &Arc<Resource>,
    out: &mut Findings,
) -> Option<(bool, String)> {
    let params = match groups.get(group) {
        Some(Fetched::Ok(p)) => p,
        Some(Fetched::Err(e)) => {
            out.error(r.clone(), e);
            return None;
        }
        None => {
            out.error_message(r.clone(), format_args!("could not be evaluated: parameter group {group} was not read"));
            return None;
        }
    };
    if params.listed == 0 {
        out.error_message(
            r.clone(),
            format_args!(
                "could not be evaluated: {call} listed no parameters for parameter group {group} (AWS lists every parameter of a group)"
            ),
        );
        return None;
    }
    match params.parameters.get(parameter) {
        None => {
            Some((false, format!("parameter group {group} has no {parameter}: this engine version cannot force TLS")))
        }
        Some(Some(value)) => {
            let on = matches!(value.to_ascii_lowercase().as_str(), "1" | "on" | "true");
            Some((on, format!("{parameter} = {value} in parameter group {group}")))
        }
        Some(None) => {
            let default = if unset_means_on { "on" } else { "off" };
            Some((
                unset_means_on,
                format!("{parameter} is unset in parameter group {group} (engine default: {default})"),
            ))
        }
    }
}

/// Whether the engine forces TLS when its parameter is unset: RDS for PostgreSQL 15 and later do.
fn forced_by_default(engine: &str, engine_version: Option<&str>) -> bool {
    let major = engine_version.and_then(|v| v.split('.').next()?.parse::<u32>().ok());
    engine == "postgres" && major.is_some_and(|m| m >= 15)
}

fn verdict(out: &mut Findings, r: Arc<Resource>, subject: &str, on: bool, why: &str) {
    if on {
        out.pass(r, format_args!("{subject} refuses unencrypted connections: {why}."));
    } else {
        out.fail(r, format_args!("{subject} accepts unencrypted connections: {why}."));
    }
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(rds) = &data.rds else { continue };
        match &rds.instances {
            Fetched::Err(e) => out.error(ctx.region_resource(region), e),
            Fetched::Ok(instances) => {
                for i in instances.iter().filter(|i| i.cluster_id.is_none()) {
                    if i.engine.is_empty() {
                        out.error_message(instance_resource(ctx, i, region), NO_ENGINE);
                        continue;
                    }
                    let Some(parameter) = tls_enforcing_parameter(&i.engine) else { continue };
                    let r = instance_resource(ctx, i, region);
                    if i.parameter_groups.is_empty() {
                        out.error_message(
                            r,
                            "could not be evaluated: DescribeDBInstances returned no DB parameter group",
                        );
                        continue;
                    }
                    let mut reasons = Vec::new();
                    let mut all_on = true;
                    for group in &i.parameter_groups {
                        let groups = &rds.parameter_groups;
                        let Some((on, why)) = forces_tls(
                            "DescribeDBParameters",
                            groups,
                            group,
                            parameter,
                            forced_by_default(&i.engine, i.engine_version.as_deref()),
                            &r,
                            out,
                        ) else {
                            reasons.clear();
                            break;
                        };
                        all_on &= on;
                        reasons.push(why);
                    }
                    if !reasons.is_empty() {
                        verdict(out, r, &format!("DB instance {}", i.id), all_on, &reasons.join("; "));
                    }
                }
            }
        }
        match &rds.clusters {
            Fetched::Err(e) => out.error(ctx.region_resource(region), e),
            Fetched::Ok(clusters) => {
                for c in clusters {
                    if c.engine.is_empty() {
                        out.error_message(cluster_resource(ctx, c, region), NO_ENGINE);
                        continue;
                    }
                    let Some(parameter) = tls_enforcing_parameter(&c.engine) else { continue };
                    let r = cluster_resource(ctx, c, region);
                    let Some(group) = c.parameter_group.as_deref() else {
                        out.error_message(
                            r,
                            "could not be evaluated: DescribeDBClusters returned no DB cluster parameter group",
                        );
                        continue;
                    };
                    let groups = &rds.cluster_parameter_groups;
                    if let Some((on, why)) = forces_tls(
                        "DescribeDBClusterParameters",
                        groups,
                        group,
                        parameter,
                        forced_by_default(&c.engine, c.engine_version.as_deref()),
                        &r,
                        out,
                    ) {
                        verdict(out, r, &format!("DB cluster {}", c.id), on, &why);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{DbCluster, DbInstance};
    use crate::testing::*;

    fn group(param: &str, value: Option<&str>) -> Fetched<TlsParameters> {
        Fetched::Ok(TlsParameters {
            parameters: BTreeMap::from([(param.to_string(), value.map(str::to_string))]),
            listed: 300,
        })
    }

    #[test]
    fn parameter_values_and_engine_defaults_decide() {
        let mut s = snapshot();
        let on_pg = DbInstance { parameter_groups: vec!["pg-on".into()], ..instance("pg-on") };
        let off_pg = DbInstance { parameter_groups: vec!["pg-off".into()], ..instance("pg-off") };
        let default_pg16 = DbInstance { parameter_groups: vec!["default.postgres16".into()], ..instance("pg16") };
        let default_pg14 = DbInstance {
            engine_version: Some("14.9".into()),
            parameter_groups: vec!["default.postgres14".into()],
            ..instance("pg14")
        };
        let mysql_on =
            DbInstance { engine: "mysql".into(), parameter_groups: vec!["my-on".into()], ..instance("my-on") };
        let old_mysql =
            DbInstance { engine: "mysql".into(), parameter_groups: vec!["my-56".into()], ..instance("my-56") };
        let unread = DbInstance { parameter_groups: vec!["default.postgres15".into()], ..instance("unread") };
        let oracle = DbInstance { engine: "oracle-ee".into(), ..instance("ora") };
        let empty = DbInstance { parameter_groups: vec!["empty".into()], ..instance("empty") };
        instances(&mut s).extend([
            on_pg,
            off_pg,
            default_pg16,
            default_pg14,
            mysql_on,
            old_mysql,
            unread,
            oracle,
            empty,
        ]);
        instances(&mut s).push(member("aurora-1", "c-on"));
        clusters(&mut s).extend([
            DbCluster { parameter_group: Some("cpg-on".into()), ..cluster("c-on") },
            DbCluster { engine: "aurora-mysql".into(), parameter_group: Some("cpg-off".into()), ..cluster("c-off") },
        ]);
        let r = rds(&mut s);
        r.parameter_groups.extend([
            ("pg-on".to_string(), group("rds.force_ssl", Some("1"))),
            ("pg-off".to_string(), group("rds.force_ssl", Some("0"))),
            ("default.postgres16".to_string(), group("rds.force_ssl", None)),
            ("default.postgres14".to_string(), group("rds.force_ssl", None)),
            ("my-on".to_string(), group("require_secure_transport", Some("ON"))),
            ("my-56".to_string(), Fetched::Ok(TlsParameters { parameters: BTreeMap::new(), listed: 250 })),
            ("empty".to_string(), Fetched::Ok(TlsParameters::default())),
            ("default.postgres15".to_string(), Fetched::Err(denied("rds", "DescribeDBParameters"))),
        ]);
        r.cluster_parameter_groups.extend([
            ("cpg-on".to_string(), group("rds.force_ssl", Some("1"))),
            ("cpg-off".to_string(), group("require_secure_transport", Some("OFF"))),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "pg-on"), Status::Pass);
        assert_eq!(status_of(&f, "pg-off"), Status::Fail);
        assert!(finding_message(&f, "pg-off").contains("rds.force_ssl = 0 in parameter group pg-off"));
        assert_eq!(status_of(&f, "pg16"), Status::Pass);
        assert_eq!(status_of(&f, "pg14"), Status::Fail);
        assert_eq!(status_of(&f, "my-on"), Status::Pass);
        assert_eq!(status_of(&f, "my-56"), Status::Fail);
        assert_eq!(status_of(&f, "unread"), Status::Error);
        assert_eq!(status_of(&f, "empty"), Status::Error);
        assert!(finding_message(&f, "empty").contains("DescribeDBParameters listed no parameters"));
        assert!(!f.iter().any(|x| x.resource.id == "ora" || x.resource.id == "aurora-1"));
        assert_eq!(status_of(&f, "c-on"), Status::Pass);
        assert_eq!(status_of(&f, "c-off"), Status::Fail);
    }

    #[test]
    fn unread_group_or_listing_errors() {
        let mut s = snapshot();
        instances(&mut s).push(instance("db"));
        assert_eq!(status_of(&run_check(CHECK, &s), "db"), Status::Error, "group pg-tls was never read");
        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
