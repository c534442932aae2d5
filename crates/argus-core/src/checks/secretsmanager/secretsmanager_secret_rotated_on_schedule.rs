//! Secrets with automatic rotation rotate on schedule (FSBP SecretsManager.2).
//! Metadata: `checks/secretsmanager/secretsmanager_secret_rotated_on_schedule.toml`.
//!
//! A rotation is due at the earlier of NextRotationDate and the last rotation plus the interval; one
//! day past that (a rotation window) without a rotation is a failed rotation.

use super::each_secret;
use crate::engine::{Check, CheckContext, Findings};
use chrono::Duration;

pub const CHECK: Check = Check { id: "secretsmanager_secret_rotated_on_schedule", run };

/// Days past its due date a rotation may still complete (AWS rotates within a window of the day).
const GRACE_DAYS: i64 = 1;

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_secret(ctx, out, |secret, r, out| {
        let name = &secret.name;
        if !secret.rotation_enabled {
            return out.pass(r, format_args!("Secret {name} has no automatic rotation, so no schedule to miss."));
        }
        let from_interval = match (secret.last_rotated, secret.rotation_interval_days) {
            (Some(last), Some(days)) if days > 0 => Some(last + Duration::days(days)),
            _ => None,
        };
        // A scheduled date the last rotation already passed is stale: that rotation happened.
        let next = secret.next_rotation.filter(|next| secret.last_rotated.is_none_or(|last| *next > last));
        let due = match (next, from_interval) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let Some(due) = due else {
            if secret.last_rotated.is_none() {
                return out.fail(
                    r,
                    format_args!(
                        "Secret {name} has automatic rotation on but has never rotated, and no rotation is scheduled."
                    ),
                );
            }
            return out.error_message(
                r,
                format_args!(
                    "could not be evaluated: Secrets Manager reported no NextRotationDate and no rotation interval for \
                     secret {name}"
                ),
            );
        };
        let overdue = ctx.days_since(due);
        let when = due.format("%Y-%m-%d");
        match (overdue > GRACE_DAYS, secret.last_rotated) {
            (true, None) => out.fail(
                r,
                format_args!(
                    "Secret {name} has never rotated: its first rotation was due on {when}, {overdue} days ago."
                ),
            ),
            (true, Some(_)) => out.fail(
                r,
                format_args!(
                    "Secret {name} did not rotate on schedule: a rotation was due on {when}, {overdue} days ago."
                ),
            ),
            (false, None) => {
                out.pass(r, format_args!("Secret {name} has not rotated yet; its first rotation is due on {when}."))
            }
            (false, Some(_)) => out.pass(r, format_args!("Secret {name} rotates on schedule (next due on {when}).")),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::secretsmanager::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, Secret};
    use crate::testing::*;

    #[test]
    fn a_missed_rotation_fails() {
        let mut s = snapshot();
        secrets(&mut s).extend([
            secret("on-time"),
            // Rotated 40 days ago on a 30-day schedule: the next date moved on, the rotation did not.
            Secret { last_rotated: Some(days_ago(40)), next_rotation: Some(days_ago(10)), ..secret("stuck") },
            // The interval alone shows the miss when no next date was kept.
            Secret { last_rotated: Some(days_ago(40)), next_rotation: None, ..secret("stuck-old-snapshot") },
            Secret { last_rotated: None, next_rotation: Some(days_ago(-25)), ..secret("new") },
            Secret { last_rotated: None, next_rotation: Some(days_ago(3)), ..secret("never-due-passed") },
            Secret { last_rotated: None, next_rotation: None, ..secret("never-unscheduled") },
            // Within the rotation window of its due day.
            Secret { last_rotated: Some(days_ago(30)), next_rotation: Some(days_ago(1)), ..secret("in-window") },
            Secret { rotation_enabled: false, rotation_interval_days: None, next_rotation: None, ..secret("manual") },
            // A scheduled date before the last rotation is stale; the interval gives the due date.
            Secret { last_rotated: Some(days_ago(5)), next_rotation: Some(days_ago(6)), ..secret("stale-date") },
        ]);
        let f = run_check(CHECK, &s);
        let status = |name: &str| status_of(&f, &secret_arn(name));
        assert_eq!(status("on-time"), Status::Pass);
        assert_eq!(status("stuck"), Status::Fail);
        assert_eq!(status("stuck-old-snapshot"), Status::Fail);
        assert_eq!(status("new"), Status::Pass);
        assert_eq!(status("never-due-passed"), Status::Fail);
        assert_eq!(status("never-unscheduled"), Status::Fail);
        assert_eq!(status("in-window"), Status::Pass);
        assert_eq!(status("manual"), Status::Pass);
        assert_eq!(status("stale-date"), Status::Pass);
        assert_eq!(
            finding_message(&f, &secret_arn("stuck")),
            "Secret stuck did not rotate on schedule: a rotation was due on 2026-05-22, 10 days ago."
        );
    }

    #[test]
    fn no_date_to_compare_or_no_listing_is_an_error() {
        let mut s = snapshot();
        secrets(&mut s).push(Secret { next_rotation: None, rotation_interval_days: None, ..secret("cron") });
        assert_eq!(status_of(&run_check(CHECK, &s), &secret_arn("cron")), Status::Error);
        region_mut(&mut s, REGION).secretsmanager.as_mut().unwrap().secrets =
            Fetched::Err(denied("secretsmanager", "ListSecrets"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
