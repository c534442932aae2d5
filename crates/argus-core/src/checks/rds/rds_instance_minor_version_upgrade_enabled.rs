//! DB instances apply minor engine upgrades automatically. Metadata:
//! `checks/rds/rds_instance_minor_version_upgrade_enabled.toml`.

use super::{each_instance, instance_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_minor_version_upgrade_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, _, i, out| {
        let r = instance_resource(ctx, i, region);
        let version = i.engine_version.as_deref().map(|v| format!(" {v}")).unwrap_or_default();
        if i.auto_minor_version_upgrade {
            out.pass(
                r,
                format_args!("DB instance {} ({}{version}) has auto minor version upgrade enabled.", i.id, i.engine),
            );
        } else {
            out.fail(
                r,
                format_args!("DB instance {} ({}{version}) has auto minor version upgrade disabled.", i.id, i.engine),
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
    fn flag_decides_and_listing_failure_errors() {
        let mut s = snapshot();
        instances(&mut s)
            .extend([instance("auto"), DbInstance { auto_minor_version_upgrade: false, ..instance("manual") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "auto"), Status::Pass);
        assert_eq!(status_of(&f, "manual"), Status::Fail);

        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
