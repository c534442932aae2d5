//! A CloudWatch alarm notifying a subscribed SNS topic watches a metric filter on the trail's log
//! group that matches every event of network gateway changes (CIS v5.0 4.12 / v7.0 5.12); see `metric_filter_alarm`.
//! Metadata: `checks/cloudwatch/cloudwatch_changes_to_network_gateways_alarm_configured.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::monitoring::Control;

pub const CHECK: Check = Check { id: "cloudwatch_changes_to_network_gateways_alarm_configured", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    super::metric_filter_alarm::judge(ctx, out, Control::NetworkGatewayChanges);
}

#[cfg(test)]
mod tests {
    #[test]
    fn pass_fail_and_error() {
        super::super::fixtures::assert_pass_fail_error(
            super::CHECK,
            r#"{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }"#,
        );
    }
}
