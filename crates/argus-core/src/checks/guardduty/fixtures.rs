//! GuardDuty fixture data.

use crate::snapshot::*;
use crate::testing::*;
use std::collections::BTreeMap;

/// An enabled detector with the given features on, and no high-severity findings.
pub(crate) fn detector(id: &str, features: &[&str]) -> GuardDutyDetector {
    GuardDutyDetector {
        id: id.into(),
        details: Fetched::Ok(GuardDutyDetectorDetails {
            status: "ENABLED".into(),
            features: features.iter().map(|f| (f.to_string(), "ENABLED".to_string())).collect::<BTreeMap<_, _>>(),
        }),
        high_severity_findings: Some(Fetched::Ok(FindingCount { count: 0, more: false })),
    }
}

/// A suspended detector (findings are not read for it).
pub(crate) fn suspended(id: &str) -> GuardDutyDetector {
    GuardDutyDetector {
        id: id.into(),
        details: Fetched::Ok(GuardDutyDetectorDetails { status: "DISABLED".into(), features: BTreeMap::new() }),
        high_severity_findings: None,
    }
}

pub(crate) fn detectors<'a>(s: &'a mut Snapshot, region: &str) -> &'a mut Vec<GuardDutyDetector> {
    list(&mut region_mut(s, region).guardduty.as_mut().expect("fixture has GuardDuty").detectors)
}

fn detector_arn(id: &str) -> String {
    format!("arn:aws:guardduty:{REGION}:{ACCOUNT}:detector/{id}")
}

/// The protection-plan checks (one GuardDuty feature each): on passes; off, unreported or only on a
/// suspended detector fails.
pub(crate) fn assert_feature_on_passes_off_or_unreported_fails(check: crate::engine::Check, feature: &str) {
    use crate::engine::Status;
    let mut s = snapshot();
    let mut off = detector("off", &[]);
    if let Fetched::Ok(GuardDutyDetectorDetails { features, .. }) = &mut off.details {
        features.insert(feature.into(), "DISABLED".into());
    }
    detectors(&mut s, REGION).extend([detector("on", &[feature]), off, detector("absent", &[]), suspended("s")]);
    let f = run_check(check, &s);
    assert_eq!(
        statuses(&f),
        vec![
            (detector_arn("absent"), Status::Fail),
            (detector_arn("off"), Status::Fail),
            (detector_arn("on"), Status::Pass)
        ]
    );
}

/// The protection-plan checks: a detector whose details could not be read is an ERROR.
pub(crate) fn assert_unreadable_details_are_an_error(check: crate::engine::Check, feature: &str) {
    use crate::engine::Status;
    let mut s = snapshot();
    let mut d = detector("d", &[feature]);
    d.details = Fetched::Err(denied("guardduty", "GetDetector"));
    detectors(&mut s, REGION).push(d);
    assert_eq!(statuses(&run_check(check, &s)), vec![(detector_arn("d"), Status::Error)]);
}
