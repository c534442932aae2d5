//! Trails deliver their events to CloudWatch Logs, and did so within the last day. Metadata:
//! `checks/cloudtrail/cloudtrail_cloudwatch_logging_enabled.toml`.
//!
//! A trail configured with a log group whose status reports no delivery time and no delivery error
//! is an ERROR, not a PASS: AWS omits the time until a first delivery, and emulators (moto) never
//! report it, so the configuration alone does not show that events arrive.

use super::each_trail;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "cloudtrail_cloudwatch_logging_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_trail(ctx, out, |t, r, out| {
        let Some(group) = t.cloudwatch_logs_log_group_arn.as_deref() else {
            return out.fail(r, format_args!("Trail {} does not deliver to CloudWatch Logs.", t.name));
        };
        match &t.is_logging {
            Fetched::Err(e) => return out.error(r, e),
            Fetched::Ok(false) => {
                return out
                    .fail(r, format_args!("Trail {} is configured to deliver to {group} but is not logging.", t.name))
            }
            Fetched::Ok(true) => {}
        }
        let error = t.latest_cloudwatch_logs_delivery_error.as_deref();
        match (t.latest_cloudwatch_logs_delivery, error) {
            (Some(at), _) if ctx.days_since(at) < 1 => out.pass(
                r,
                format_args!("Trail {} delivers to {group} (last delivery {}).", t.name, at.format("%Y-%m-%d %H:%M UTC")),
            ),
            (Some(at), _) => out.fail(
                r,
                format_args!(
                    "Trail {} delivers to {group}, but its last delivery was {} day(s) ago ({}){}.",
                    t.name,
                    ctx.days_since(at),
                    at.format("%Y-%m-%d %H:%M UTC"),
                    error.map(|e| format!("; delivery error: {e}")).unwrap_or_default()
                ),
            ),
            (None, Some(e)) => out.fail(
                r,
                format_args!("Trail {} is configured to deliver to {group}, but delivery fails: {e}.", t.name),
            ),
            (None, None) => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: trail {} is configured to deliver to {group}, but CloudTrail reported no delivery time (no delivery yet, or an endpoint such as an emulator that does not report it)",
                    t.name
                ),
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Trail;
    use crate::testing::*;

    const GROUP: &str = "arn:aws:logs:us-east-1:123456789012:log-group:trail:*";

    fn with(t: Trail) -> Vec<crate::engine::Finding> {
        let mut s = snapshot();
        trails(&mut s, REGION).push(t);
        run_check(CHECK, &s)
    }

    fn delivering(hours_ago: i64) -> Trail {
        Trail {
            cloudwatch_logs_log_group_arn: Some(GROUP.into()),
            latest_cloudwatch_logs_delivery: Some(now() - chrono::Duration::hours(hours_ago)),
            ..trail(REGION, "main")
        }
    }

    #[test]
    fn pass_fail_and_error() {
        let id = trail_arn(REGION, "main");
        assert_eq!(status_of(&with(delivering(2)), &id), Status::Pass);
        let f = with(delivering(72));
        assert_eq!(status_of(&f, &id), Status::Fail);
        assert!(f[0].message.contains("3 day(s) ago"), "{}", f[0].message);
        let f = with(trail(REGION, "main"));
        assert_eq!(f[0].message, "Trail main does not deliver to CloudWatch Logs.");
        let f = with(Trail { is_logging: Fetched::Ok(false), ..delivering(1) });
        assert_eq!(status_of(&f, &id), Status::Fail);
        let f = with(Trail {
            latest_cloudwatch_logs_delivery: None,
            latest_cloudwatch_logs_delivery_error: Some("AccessDenied".into()),
            ..delivering(1)
        });
        assert_eq!(status_of(&f, &id), Status::Fail);
        let f = with(Trail { latest_cloudwatch_logs_delivery: None, ..delivering(1) });
        assert_eq!(status_of(&f, &id), Status::Error);
        assert!(f[0].message.contains("reported no delivery time"), "{}", f[0].message);
        let f = with(Trail { is_logging: Fetched::Err(denied("cloudtrail", "GetTrailStatus")), ..delivering(1) });
        assert_eq!(status_of(&f, &id), Status::Error);
    }
}
