//! A CloudWatch alarm notifying a subscribed SNS topic watches a metric filter on the trail's log
//! group that matches every event of AWS Organizations changes (CIS v5.0 4.15 / v7.0 5.15); see `metric_filter_alarm`.
//! Metadata: `checks/cloudwatch/cloudwatch_log_metric_filter_aws_organizations_changes.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::monitoring::Control;

pub const CHECK: Check = Check { id: "cloudwatch_log_metric_filter_aws_organizations_changes", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    super::metric_filter_alarm::judge(ctx, out, Control::OrganizationsChanges);
}

#[cfg(test)]
mod tests {
    #[test]
    fn pass_fail_and_error() {
        super::super::fixtures::assert_pass_fail_error(
            super::CHECK,
            r#"{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }"#,
        );
    }
}
