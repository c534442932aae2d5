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

    #[test]
    fn the_feature_on_passes_off_or_unreported_fails() {
        assert_feature_on_passes_off_or_unreported_fails(CHECK, "S3_DATA_EVENTS");
    }

    #[test]
    fn unreadable_details_are_an_error() {
        assert_unreadable_details_are_an_error(CHECK, "S3_DATA_EVENTS");
    }
}
