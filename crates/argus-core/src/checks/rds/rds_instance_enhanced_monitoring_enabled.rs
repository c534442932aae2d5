//! DB instances have Enhanced Monitoring enabled. Metadata:
//! `checks/rds/rds_instance_enhanced_monitoring_enabled.toml`.
//!
//! Enhanced Monitoring is set per instance, Aurora members included: each instance's own
//! MonitoringInterval is judged (0 = off).

use super::{each_instance, instance_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_enhanced_monitoring_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, _, i, out| {
        let r = instance_resource(ctx, i, region);
        match i.monitoring_interval {
            Some(seconds) if seconds > 0 => out.pass(
                r,
                format_args!("DB instance {} has Enhanced Monitoring enabled (every {seconds} seconds).", i.id),
            ),
            Some(_) => out.fail(r, format_args!("DB instance {} does not have Enhanced Monitoring enabled.", i.id)),
            None => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: DescribeDBInstances returned no MonitoringInterval for DB instance {}",
                    i.id
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
    use crate::snapshot::{DbInstance, Fetched};
    use crate::testing::*;

    #[test]
    fn the_interval_decides() {
        let mut s = snapshot();
        instances(&mut s).extend([
            instance("monitored"),
            DbInstance { monitoring_interval: Some(0), ..instance("off") },
            DbInstance { monitoring_interval: None, ..instance("unknown") },
            DbInstance { monitoring_interval: Some(0), ..member("aurora-1", "c1") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "monitored"), Status::Pass);
        assert_eq!(status_of(&f, "off"), Status::Fail);
        assert_eq!(status_of(&f, "unknown"), Status::Error);
        assert_eq!(status_of(&f, "aurora-1"), Status::Fail, "a member's own setting, whatever its cluster");

        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
