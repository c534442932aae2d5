//! Running EC2 instances are younger than 180 days.
//! Metadata: `checks/ec2/ec2_instance_older_than_specific_days.toml`.

use super::common::{each_region, instance_resource, live_instances};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_instance_older_than_specific_days", run };

/// Prowler's default `max_ec2_instance_age_in_days`.
const MAX_AGE_DAYS: i64 = 180;

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            let state = instance.state.as_deref().unwrap_or("unknown");
            if !state.eq_ignore_ascii_case("running") {
                out.pass(r, format_args!("Instance {} is not running ({state}).", instance.id));
                continue;
            }
            let Some(launched) = instance.launch_time else {
                out.error_message(
                    r,
                    format_args!("could not be evaluated: EC2 reported no launch time for instance {}", instance.id),
                );
                continue;
            };
            let age = ctx.days_since(launched);
            if age > MAX_AGE_DAYS {
                out.fail(
                    r,
                    format_args!("Instance {} has been running for {age} days, more than {MAX_AGE_DAYS}.", instance.id),
                );
            } else {
                out.pass(r, format_args!("Instance {} was launched {age} days ago.", instance.id));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, Instance};
    use crate::testing::*;

    #[test]
    fn old_running_instances_fail() {
        let mut s = snapshot();
        instances(&mut s).extend([
            Instance { launch_time: Some(days_ago(400)), ..instance("i-old") },
            instance("i-new"),
            Instance { launch_time: Some(days_ago(400)), state: Some("stopped".into()), ..instance("i-parked") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-old"), Status::Fail);
        assert_eq!(status_of(&f, "i-new"), Status::Pass);
        assert_eq!(status_of(&f, "i-parked"), Status::Pass);
    }

    #[test]
    fn missing_launch_time_or_listing_is_an_error() {
        let mut s = snapshot();
        instances(&mut s).push(Instance { launch_time: None, ..instance("i-1") });
        assert_eq!(status_of(&run_check(CHECK, &s), "i-1"), Status::Error);
        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
