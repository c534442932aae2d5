//! Counts over findings: by status, and failing findings by service and severity.

use crate::engine::{ArcStr, Finding, Severity, Status};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Summary {
    pub total: usize,
    pub pass: usize,
    pub fail: usize,
    pub error: usize,
    pub muted: usize,
    /// service → severity → (fail, pass, error) counts, muted findings excluded.
    pub by_service: BTreeMap<ArcStr, BTreeMap<Severity, StatusCounts>>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct StatusCounts {
    pub pass: usize,
    pub fail: usize,
    pub error: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Self {
        let mut s = Summary { total: findings.len(), ..Default::default() };
        for f in findings {
            if f.muted {
                s.muted += 1;
                continue;
            }
            let counts = s.by_service.entry(f.service().clone()).or_default().entry(f.severity()).or_default();
            match f.status {
                Status::Pass => {
                    s.pass += 1;
                    counts.pass += 1;
                }
                Status::Fail => {
                    s.fail += 1;
                    counts.fail += 1;
                }
                Status::Error => {
                    s.error += 1;
                    counts.error += 1;
                }
            }
        }
        s
    }

    /// Unmuted failing findings at or above `min`.
    pub fn failing_at_or_above(findings: &[Finding], min: Severity) -> usize {
        findings.iter().filter(|f| !f.muted && f.status == Status::Fail && f.severity() >= min).count()
    }
}
