//! A CloudWatch alarm notifying a subscribed SNS topic watches a metric filter on the trail's log
//! group that matches every event of security group changes (CIS v5.0 4.10 / v7.0 5.10); see `metric_filter_alarm`.
//! Metadata: `checks/cloudwatch/cloudwatch_log_metric_filter_security_group_changes.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::monitoring::Control;

pub const CHECK: Check = Check { id: "cloudwatch_log_metric_filter_security_group_changes", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    super::metric_filter_alarm::judge(ctx, out, Control::SecurityGroupChanges);
}

#[cfg(test)]
mod tests {
    #[test]
    fn pass_fail_and_error() {
        super::super::fixtures::assert_pass_fail_error(
            super::CHECK,
            r#"{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }"#,
        );
    }
}
