//! DB instances do not use a default master user name. Metadata:
//! `checks/rds/rds_instance_default_admin.toml`.
//!
//! A cluster member's master user is its cluster's: the cluster's name is judged. DocumentDB and
//! Neptune instances get no finding (FSBP RDS.25 leaves them out); an instance whose engine is not
//! reported (by it or its cluster) is an ERROR.

use super::{cluster_level_setting, default_admin, each_instance, instance_engine, instance_resource, unknown_engine};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_default_admin", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, rds, i, out| {
        let engine = instance_engine(rds, i);
        if engine.is_empty() {
            return unknown_engine(rds, i, instance_resource(ctx, i, region), out, "whether it has a master user");
        }
        if !default_admin::judged_engine(engine) {
            return;
        }
        let r = instance_resource(ctx, i, region);
        let Some((user, subject)) =
            cluster_level_setting(rds, i, &r, out, |i| i.master_username.as_deref(), |c| c.master_username.as_deref())
        else {
            return;
        };
        default_admin::judge(out, r, &format!("{subject} ({engine})"), user);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{DbCluster, DbInstance, Fetched};
    use crate::testing::*;

    fn with_user(id: &str, user: Option<&str>) -> DbInstance {
        DbInstance { master_username: user.map(str::to_string), ..instance(id) }
    }

    #[test]
    fn default_names_fail() {
        let mut s = snapshot();
        instances(&mut s).extend([
            instance("custom"),
            DbInstance { engine: "mysql".into(), ..with_user("admin", Some("admin")) },
            with_user("postgres", Some("postgres")),
            with_user("unknown", None),
            DbInstance { engine: "docdb".into(), ..with_user("docs", Some("admin")) },
            member("aurora-1", "c-custom"),
            member("aurora-2", "c-admin"),
        ]);
        clusters(&mut s)
            .extend([cluster("c-custom"), DbCluster { master_username: Some("admin".into()), ..cluster("c-admin") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "custom"), Status::Pass);
        assert_eq!(status_of(&f, "admin"), Status::Fail);
        assert_eq!(status_of(&f, "postgres"), Status::Fail);
        assert_eq!(status_of(&f, "unknown"), Status::Error);
        assert!(f.iter().all(|x| x.resource.id != "docs"), "DocumentDB is not judged");
        assert_eq!(status_of(&f, "aurora-1"), Status::Pass);
        assert_eq!(status_of(&f, "aurora-2"), Status::Fail);
    }

    #[test]
    fn missing_data_errors() {
        let mut s = snapshot();
        instances(&mut s)
            .extend([DbInstance { engine: String::new(), ..instance("no-engine") }, member("aurora-1", "c1")]);
        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "no-engine"), Status::Error);
        assert_eq!(status_of(&f, "aurora-1"), Status::Error);
        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
