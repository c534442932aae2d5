//! DB instances run an engine version RDS still offers. Metadata:
//! `checks/rds/rds_instance_deprecated_engine_version.toml`.
//!
//! RDS lists only available versions (DescribeDBEngineVersions without IncludeAll); a version an
//! instance runs that the region's listing does not hold is deprecated. DocumentDB instances, which
//! the RDS API also lists, are left to DocumentDB's own checks, as Prowler does.

use super::{each_instance, instance_resource, no_engine};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "rds_instance_deprecated_engine_version", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, rds, i, out| {
        let engine = i.engine.trim();
        if engine.eq_ignore_ascii_case("docdb") {
            return;
        }
        let r = instance_resource(ctx, i, region);
        if engine.is_empty() {
            out.error_message(r, no_engine("DB instance", &i.id, "whether its version is deprecated"));
            return;
        }
        let Some(version) = i.engine_version.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
            out.error_message(
                r,
                format_args!(
                    "could not be evaluated: RDS returned no EngineVersion for DB instance {} ({engine})",
                    i.id
                ),
            );
            return;
        };
        let available = match &rds.available_engine_versions {
            Fetched::Ok(list) => list,
            Fetched::Err(e) => {
                out.error(r, e);
                return;
            }
        };
        if available.iter().any(|v| v.engine == engine && v.version == version) {
            out.pass(r, format_args!("DB instance {} runs {engine} {version}, a version RDS still offers.", i.id));
        } else {
            out.fail(
                r,
                format_args!(
                    "DB instance {} runs {engine} {version}, which RDS no longer lists as available in {region}: the version is deprecated.",
                    i.id
                ),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{DbInstance, Fetched, RdsEngineVersion};
    use crate::testing::*;

    fn offered(engine: &str, version: &str) -> RdsEngineVersion {
        RdsEngineVersion { engine: engine.into(), version: version.into() }
    }

    #[test]
    fn a_version_missing_from_the_available_listing_fails() {
        let mut s = snapshot();
        instances(&mut s).extend([
            instance("current"),
            DbInstance { engine_version: Some("9.6.24".into()), ..instance("old") },
            // The version is offered, but for another engine.
            DbInstance { engine: "mysql".into(), ..instance("other-engine") },
            DbInstance { engine: "docdb".into(), engine_version: Some("3.6.0".into()), ..instance("documents") },
        ]);
        rds(&mut s).available_engine_versions = Fetched::Ok(vec![offered("postgres", "16.3")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "current"), Status::Pass);
        assert_eq!(status_of(&f, "old"), Status::Fail);
        assert_eq!(status_of(&f, "other-engine"), Status::Fail);
        assert!(!f.iter().any(|x| x.resource.id == "documents"), "DocumentDB is not judged");
        let msg = &f.iter().find(|x| x.resource.id == "old").unwrap().message;
        assert!(msg.contains("postgres 9.6.24"), "{msg}");
    }

    #[test]
    fn unreadable_versions_or_missing_fields_error() {
        let mut s = snapshot();
        instances(&mut s).extend([
            DbInstance { engine_version: None, ..instance("no-version") },
            DbInstance { engine: String::new(), ..instance("no-engine") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "no-version"), Status::Error);
        assert_eq!(status_of(&f, "no-engine"), Status::Error);
        instances(&mut s).push(instance("db1"));
        rds(&mut s).available_engine_versions = Fetched::Err(denied("rds", "DescribeDBEngineVersions"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "db1"), Status::Error);
        assert!(f.iter().find(|x| x.resource.id == "db1").unwrap().message.contains("DescribeDBEngineVersions"));
        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
