//! An enabled GuardDuty detector has Lambda Protection on (feature `LAMBDA_NETWORK_LOGS`). Metadata:
//! `checks/guardduty/guardduty_lambda_protection_enabled.toml`.

use super::judge_feature;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "guardduty_lambda_protection_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_feature(ctx, out, "LAMBDA_NETWORK_LOGS", "Lambda Protection");
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn the_feature_on_passes_off_or_unreported_fails() {
        assert_feature_on_passes_off_or_unreported_fails(CHECK, "LAMBDA_NETWORK_LOGS");
    }

    #[test]
    fn unreadable_details_are_an_error() {
        assert_unreadable_details_are_an_error(CHECK, "LAMBDA_NETWORK_LOGS");
    }
}
