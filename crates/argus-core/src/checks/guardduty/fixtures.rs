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
