//! A CloudWatch alarm notifying a subscribed SNS topic watches a metric filter on the trail's log
//! group that matches every event of use of the root user (CIS v5.0 4.3 / v7.0 5.3); see `metric_filter_alarm`.
//! Metadata: `checks/cloudwatch/cloudwatch_log_metric_filter_root_usage.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::monitoring::Control;

pub const CHECK: Check = Check { id: "cloudwatch_log_metric_filter_root_usage", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    super::metric_filter_alarm::judge(ctx, out, Control::RootUsage);
}

#[cfg(test)]
mod tests {
    #[test]
    fn pass_fail_and_error() {
        super::super::fixtures::assert_pass_fail_error(
            super::CHECK,
            r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#,
        );
    }
}
