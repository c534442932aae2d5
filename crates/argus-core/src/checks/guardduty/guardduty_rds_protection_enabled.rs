//! An enabled GuardDuty detector has RDS Protection on (feature `RDS_LOGIN_EVENTS`). Metadata:
//! `checks/guardduty/guardduty_rds_protection_enabled.toml`.

use super::judge_feature;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "guardduty_rds_protection_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_feature(ctx, out, "RDS_LOGIN_EVENTS", "RDS Protection");
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn the_feature_on_passes_off_or_unreported_fails() {
        assert_feature_on_passes_off_or_unreported_fails(CHECK, "RDS_LOGIN_EVENTS");
    }

    #[test]
    fn unreadable_details_are_an_error() {
        assert_unreadable_details_are_an_error(CHECK, "RDS_LOGIN_EVENTS");
    }
}
