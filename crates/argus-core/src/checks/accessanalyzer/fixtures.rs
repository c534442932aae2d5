//! IAM Access Analyzer fixture data.

use crate::snapshot::*;
use crate::testing::*;

/// An active analyzer of `kind` with `findings` active findings (read only for external access).
pub(crate) fn analyzer(region: &str, name: &str, kind: &str, findings: usize) -> AccessAnalyzer {
    let mut a = AccessAnalyzer {
        arn: format!("arn:aws:access-analyzer:{region}:{ACCOUNT}:analyzer/{name}"),
        name: name.into(),
        kind: kind.into(),
        status: "ACTIVE".into(),
        active_findings: None,
    };
    if a.is_external_access() {
        a.active_findings = Some(Fetched::Ok(FindingCount { count: findings, more: false }));
    }
    a
}

pub(crate) fn analyzers<'a>(s: &'a mut Snapshot, region: &str) -> &'a mut Vec<AccessAnalyzer> {
    list(&mut region_mut(s, region).accessanalyzer.as_mut().expect("fixture has Access Analyzer").analyzers)
}
