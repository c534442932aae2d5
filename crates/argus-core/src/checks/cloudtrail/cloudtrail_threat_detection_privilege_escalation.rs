//! No identity made a large share of the privilege escalation actions in the last day (CloudTrail event
//! history). Opt-in. Metadata: `checks/cloudtrail/cloudtrail_threat_detection_privilege_escalation.toml`; the judgement is shared
//! with the other threat-detection checks (`threat_detection.rs`).

use super::threat_detection::{judge, PRIVILEGE_ESCALATION};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "cloudtrail_threat_detection_privilege_escalation", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge(ctx, out, &PRIVILEGE_ESCALATION);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::cloudtrail::threat_detection::tests::assert_judges;

    #[test]
    fn over_the_threshold_fails_and_unread_or_incomplete_history_is_an_error() {
        assert_judges(CHECK, &PRIVILEGE_ESCALATION);
    }
}
