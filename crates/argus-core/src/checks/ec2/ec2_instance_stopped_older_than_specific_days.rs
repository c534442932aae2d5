//! EC2 instances are not left stopped for more than `max_ec2_instance_stopped_days`.
//! Metadata: `checks/ec2/ec2_instance_stopped_older_than_specific_days.toml`.
//!
//! EC2 reports no stop time as such: the time is the one StateTransitionReason carries, e.g.
//! `User initiated (2024-01-01 10:00:00 GMT)`.

use super::common::{each_region, instance_resource, live_instances};
use crate::engine::{Check, CheckContext, Findings};
use chrono::{DateTime, NaiveDateTime, Utc};

pub const CHECK: Check = Check { id: "ec2_instance_stopped_older_than_specific_days", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let max = ctx.config.max_ec2_instance_stopped_days;
    each_region(ctx, out, |region, ec2, out| {
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            let id = &instance.id;
            let state = match instance.state.as_deref().map(str::trim) {
                Some(state) if !state.is_empty() => state,
                _ => {
                    out.error_message(
                        r,
                        format_args!("could not be evaluated: DescribeInstances returned no state for instance {id}"),
                    );
                    continue;
                }
            };
            if !state.eq_ignore_ascii_case("stopped") {
                out.pass(r, format_args!("Instance {id} is not stopped ({state})."));
                continue;
            }
            let Some(stopped) = instance.state_transition_reason.as_deref().and_then(transition_time) else {
                out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: the StateTransitionReason DescribeInstances returned for stopped \
                         instance {id} holds no stop time"
                    ),
                );
                continue;
            };
            let days = ctx.days_since(stopped);
            if days > max {
                out.fail(r, format_args!("Instance {id} has been stopped for {days} days, more than {max}."));
            } else {
                out.pass(r, format_args!("Instance {id} has been stopped for {days} days, at most {max}."));
            }
        }
    });
}

/// The time in a StateTransitionReason: the first parenthesised `YYYY-MM-DD HH:MM:SS GMT` (AWS) or
/// `… UTC` (moto).
fn transition_time(reason: &str) -> Option<DateTime<Utc>> {
    reason.split('(').skip(1).find_map(|after| {
        let inside = after.split(')').next()?.trim();
        let text = inside.strip_suffix("GMT").or_else(|| inside.strip_suffix("UTC"))?.trim_end();
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok().map(|t| t.and_utc())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::{Fetched, Instance};
    use crate::testing::*;

    fn stopped(id: &str, reason: Option<&str>) -> Instance {
        Instance { state: Some("stopped".into()), state_transition_reason: reason.map(String::from), ..instance(id) }
    }

    #[test]
    fn reads_the_time_aws_and_moto_write() {
        let t = |s: &str| transition_time(s).map(|t| t.to_rfc3339());
        assert_eq!(t("User initiated (2024-01-01 10:00:00 GMT)").as_deref(), Some("2024-01-01T10:00:00+00:00"));
        assert_eq!(t("User initiated (2026-12-06 20:57:15 UTC)").as_deref(), Some("2026-12-06T20:57:15+00:00"));
        assert_eq!(
            t("Server.ScheduledStop (maintenance) (2023-05-02 03:04:05 GMT)").as_deref(),
            Some("2023-05-02T03:04:05+00:00")
        );
        for unreadable in ["", "User initiated", "User initiated (2024-13-01 10:00:00 GMT)", "(2024-01-01 GMT)"] {
            assert_eq!(t(unreadable), None, "{unreadable}");
        }
    }

    #[test]
    fn long_stopped_instances_fail() {
        let mut s = snapshot();
        instances(&mut s).extend([
            instance("i-running"),
            stopped("i-parked", Some("User initiated (2026-01-01 00:00:00 GMT)")),
            stopped("i-paused", Some("User initiated (2026-05-20 12:00:00 GMT)")),
            stopped("i-edge", Some("User initiated (2026-05-02 00:00:00 GMT)")),
            Instance { state: Some("terminated".into()), ..stopped("i-gone", None) },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 4, "terminated instances are not judged");
        assert_eq!(status_of(&f, "i-running"), Status::Pass);
        assert_eq!(status_of(&f, "i-parked"), Status::Fail);
        assert_eq!(finding_message(&f, "i-parked"), "Instance i-parked has been stopped for 151 days, more than 30.");
        assert_eq!(status_of(&f, "i-paused"), Status::Pass);
        assert_eq!(status_of(&f, "i-edge"), Status::Pass, "30 days is not more than 30");

        let strict = Config { max_ec2_instance_stopped_days: 7, ..Config::default() };
        assert_eq!(status_of(&run_with(CHECK, &s, &strict), "i-paused"), Status::Fail);
    }

    #[test]
    fn an_unreadable_stop_time_or_state_is_an_error() {
        let mut s = snapshot();
        instances(&mut s).extend([
            stopped("i-old-snapshot", None),
            stopped("i-no-time", Some("User initiated")),
            stopped("i-empty", Some("")),
            Instance { state: None, ..instance("i-stateless") },
            // A running instance needs no stop time.
            Instance { state_transition_reason: None, ..instance("i-running") },
        ]);
        let f = run_check(CHECK, &s);
        for id in ["i-old-snapshot", "i-no-time", "i-empty", "i-stateless"] {
            assert_eq!(status_of(&f, id), Status::Error, "{id}");
        }
        assert!(finding_message(&f, "i-no-time").contains("StateTransitionReason"));
        assert_eq!(status_of(&f, "i-running"), Status::Pass);

        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
