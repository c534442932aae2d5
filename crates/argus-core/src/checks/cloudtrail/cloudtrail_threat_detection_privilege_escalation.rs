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
    use crate::checks::cloudtrail::threat_detection::tests::looked_up;
    use crate::engine::Status;
    use crate::snapshot::{EventLookup, Fetched};
    use crate::testing::*;

    const ATTACKER: &str = "arn:aws:iam::123456789012:user/attacker";
    const BUSY: &str = "arn:aws:iam::123456789012:user/busy";

    #[test]
    fn an_identity_over_the_threshold_fails_and_one_at_it_passes() {
        let mut s = snapshot();
        looked_up(&mut s, REGION, &PRIVILEGE_ESCALATION, &[(BUSY, 10)]);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Pass)], "{f:?}");
        looked_up(&mut s, REGION, &PRIVILEGE_ESCALATION, &[(BUSY, 10), (ATTACKER, 11)]);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ATTACKER.to_string(), Status::Fail)], "{f:?}");
        assert_eq!(f[0].resource.arn.as_str(), ATTACKER);
        assert!(f[0].message.contains("11 of the"), "{}", f[0].message);
    }

    #[test]
    fn unread_or_incomplete_history_is_an_error_not_a_pass() {
        let mut s = snapshot();
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)], "not collected");
        assert!(f[0].message.contains("opt-in"), "{}", f[0].message);
        looked_up(&mut s, REGION, &PRIVILEGE_ESCALATION, &[(BUSY, 1)]);
        let lookups = region_mut(&mut s, REGION).cloudtrail.as_mut().unwrap().event_lookups.as_mut().unwrap();
        let first = PRIVILEGE_ESCALATION.actions[0];
        lookups.lookups.insert(first.into(), Fetched::Err(denied("cloudtrail", "LookupEvents")));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
        assert!(f[0].message.contains("LookupEvents"), "{}", f[0].message);
        let full = EventLookup { incomplete: Some("more than 50 events in the window".into()), ..Default::default() };
        let lookups = region_mut(&mut s, REGION).cloudtrail.as_mut().unwrap().event_lookups.as_mut().unwrap();
        lookups.lookups.insert(first.into(), Fetched::Ok(full));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
        assert!(f[0].message.contains("more than 50 events"), "{}", f[0].message);
    }

    #[test]
    fn an_identity_over_the_threshold_fails_even_when_other_lookups_are_incomplete() {
        let mut s = snapshot();
        looked_up(&mut s, REGION, &PRIVILEGE_ESCALATION, &[(ATTACKER, 11)]);
        let last = PRIVILEGE_ESCALATION.actions[PRIVILEGE_ESCALATION.actions.len() - 1];
        let lookups = region_mut(&mut s, REGION).cloudtrail.as_mut().unwrap().event_lookups.as_mut().unwrap();
        lookups.lookups.insert(last.into(), Fetched::Err(denied("cloudtrail", "LookupEvents")));
        let got = statuses(&run_check(CHECK, &s));
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.contains(&(ATTACKER.to_string(), Status::Fail)), "{got:?}");
        assert!(got.contains(&(ACCOUNT.to_string(), Status::Error)), "{got:?}");
    }
}
