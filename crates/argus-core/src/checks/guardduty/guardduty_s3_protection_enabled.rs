//! An enabled GuardDuty detector has S3 Protection on (feature `S3_DATA_EVENTS`). Metadata:
//! `checks/guardduty/guardduty_s3_protection_enabled.toml`.

use super::judge_feature;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "guardduty_s3_protection_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_feature(ctx, out, "S3_DATA_EVENTS", "S3 Protection");
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, GuardDutyDetectorDetails};
    use crate::testing::*;

    fn arn(id: &str) -> String {
        format!("arn:aws:guardduty:{REGION}:{ACCOUNT}:detector/{id}")
    }

    #[test]
    fn the_feature_on_passes_off_or_unreported_fails() {
        let mut s = snapshot();
        let mut off = detector("off", &[]);
        if let Fetched::Ok(GuardDutyDetectorDetails { features, .. }) = &mut off.details {
            features.insert("S3_DATA_EVENTS".into(), "DISABLED".into());
        }
        detectors(&mut s, REGION).extend([
            detector("on", &["S3_DATA_EVENTS"]),
            off,
            detector("absent", &[]),
            suspended("s"),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(
            statuses(&f),
            vec![(arn("absent"), Status::Fail), (arn("off"), Status::Fail), (arn("on"), Status::Pass)]
        );
    }

    #[test]
    fn unreadable_details_are_an_error() {
        let mut s = snapshot();
        let mut d = detector("d", &["S3_DATA_EVENTS"]);
        d.details = Fetched::Err(denied("guardduty", "GetDetector"));
        detectors(&mut s, REGION).push(d);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(arn("d"), Status::Error)]);
    }
}
