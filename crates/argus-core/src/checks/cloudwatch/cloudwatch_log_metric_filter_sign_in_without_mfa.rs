//! A CloudWatch alarm notifying a subscribed SNS topic watches a metric filter on the trail's log
//! group that matches every event of console sign-in without MFA (CIS v5.0 4.2 / v7.0 5.2); see `metric_filter_alarm`.
//! Metadata: `checks/cloudwatch/cloudwatch_log_metric_filter_sign_in_without_mfa.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::monitoring::Control;

pub const CHECK: Check = Check { id: "cloudwatch_log_metric_filter_sign_in_without_mfa", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    super::metric_filter_alarm::judge(ctx, out, Control::SignInWithoutMfa);
}

#[cfg(test)]
mod tests {
    #[test]
    fn pass_fail_and_error() {
        super::super::fixtures::assert_pass_fail_error(
            super::CHECK,
            r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#,
        );
    }
}
