//! An enabled GuardDuty detector has EKS Audit Log Monitoring on (feature `EKS_AUDIT_LOGS`). Metadata:
//! `checks/guardduty/guardduty_eks_audit_log_enabled.toml`.

use super::judge_feature;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "guardduty_eks_audit_log_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_feature(ctx, out, "EKS_AUDIT_LOGS", "EKS Audit Log Monitoring");
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn the_feature_on_passes_off_or_unreported_fails() {
        assert_feature_on_passes_off_or_unreported_fails(CHECK, "EKS_AUDIT_LOGS");
    }

    #[test]
    fn unreadable_details_are_an_error() {
        assert_unreadable_details_are_an_error(CHECK, "EKS_AUDIT_LOGS");
    }
}
