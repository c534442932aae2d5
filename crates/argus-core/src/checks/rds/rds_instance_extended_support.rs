//! DB instances are not enrolled in RDS Extended Support. Metadata:
//! `checks/rds/rds_instance_extended_support.toml`.
//!
//! A cluster member's lifecycle is its cluster's (Aurora sets it on the cluster only): the
//! cluster's setting is judged.

use super::{cluster_level_setting, each_instance, instance_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_extended_support", run };

/// The EngineLifecycleSupport value of an enrolled instance or cluster.
const ENROLLED: &str = "open-source-rds-extended-support";

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, rds, i, out| {
        let r = instance_resource(ctx, i, region);
        let Some((lifecycle, subject)) = cluster_level_setting(
            rds,
            i,
            &r,
            out,
            |i| i.engine_lifecycle_support.as_deref(),
            |c| c.engine_lifecycle_support.as_deref(),
        ) else {
            return;
        };
        let version = i.engine_version.as_deref().unwrap_or("version unknown");
        match lifecycle.map(str::trim) {
            Some(l) if l.eq_ignore_ascii_case(ENROLLED) => out.fail(
                r,
                format_args!(
                    "{subject} is enrolled in RDS Extended Support (EngineLifecycleSupport={l}; the instance runs {} {version}).",
                    i.engine
                ),
            ),
            Some("") => out.pass(
                r,
                format_args!(
                    "{subject} is not enrolled in RDS Extended Support (RDS reports no lifecycle support; the instance runs {} {version}).",
                    i.engine
                ),
            ),
            Some(l) => out.pass(
                r,
                format_args!(
                    "{subject} is not enrolled in RDS Extended Support (EngineLifecycleSupport={l}; the instance runs {} {version}).",
                    i.engine
                ),
            ),
            None => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: the snapshot holds no EngineLifecycleSupport for {subject} (taken before argus collected it)"
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
    use crate::snapshot::{DbCluster, DbInstance, Fetched};
    use crate::testing::*;

    fn lifecycle(value: Option<&str>) -> Option<String> {
        value.map(str::to_string)
    }

    #[test]
    fn enrolled_instances_and_clusters_fail() {
        let mut s = snapshot();
        let mut member_enrolled_itself = member("aurora-2", "c-off");
        member_enrolled_itself.engine_lifecycle_support = lifecycle(Some(ENROLLED));
        instances(&mut s).extend([
            instance("disabled"),
            DbInstance { engine_lifecycle_support: lifecycle(Some(ENROLLED)), ..instance("enrolled") },
            DbInstance { engine_lifecycle_support: lifecycle(Some("")), ..instance("sqlserver") },
            member("aurora-1", "c-enrolled"),
            member_enrolled_itself,
        ]);
        clusters(&mut s).extend([
            DbCluster { engine_lifecycle_support: lifecycle(Some(ENROLLED)), ..cluster("c-enrolled") },
            cluster("c-off"),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "disabled"), Status::Pass);
        assert_eq!(status_of(&f, "enrolled"), Status::Fail);
        assert_eq!(status_of(&f, "sqlserver"), Status::Pass, "no lifecycle support reported: not enrolled");
        assert_eq!(status_of(&f, "aurora-1"), Status::Fail, "the cluster is enrolled");
        assert_eq!(status_of(&f, "aurora-2"), Status::Pass, "the cluster's setting, not the member's");
        let msg = &f.iter().find(|x| x.resource.id == "aurora-1").unwrap().message;
        assert!(msg.contains("cluster c-enrolled"), "{msg}");
    }

    #[test]
    fn unreadable_data_errors() {
        let mut s = snapshot();
        instances(&mut s).push(DbInstance { engine_lifecycle_support: None, ..instance("old") });
        assert_eq!(status_of(&run_check(CHECK, &s), "old"), Status::Error);
        instances(&mut s).push(member("aurora-1", "c1"));
        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), "aurora-1"), Status::Error);
        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }

    #[test]
    fn an_instance_saved_before_argus_kept_the_lifecycle_is_an_error() {
        let mut json = serde_json::to_value(instance("old")).unwrap();
        json.as_object_mut().unwrap().remove("engine_lifecycle_support");
        let old: DbInstance = serde_json::from_value(json).unwrap();
        let mut s = snapshot();
        instances(&mut s).push(old);
        assert_eq!(status_of(&run_check(CHECK, &s), "old"), Status::Error);
    }
}
