//! Comparing two scans: which failures are new, which were resolved, which persist.
//!
//! A finding's identity across scans is [`Finding::key`] (check, account, region, resource id). A
//! *failure* is a FAIL finding that is not muted. When several findings share a key, the key counts
//! as failing if any of them fails.
//!
//! argus is honest about what it cannot know: a failure that is missing from the new scan is only
//! "resolved because the resource is gone" when the new scan did look there. If the new scan did not
//! cover the account, service or region, if collection failed for that service, if the check now
//! reports ERROR, or if the resource is still there but the check gave no verdict on it (a check
//! filter, a renamed check), the failure is listed as *unverified* instead.

mod render;
#[cfg(test)]
mod tests;

use crate::engine::{collector_service, ArcStr, Finding, Status};
use crate::report::FindingsFile;
use crate::service::Service;
use crate::snapshot::CollectionError;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

pub use render::DiffCounts;

/// The result of [`diff`].
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScanDiff {
    pub old: ScanInfo,
    pub new: ScanInfo,
    /// Failing now, and not failing (or absent) before. These make the CLI exit with code 3.
    pub new_failures: Vec<NewFailure>,
    /// Failing before, and now passing, muted, or about a resource that no longer exists.
    pub resolved_failures: Vec<ResolvedFailure>,
    /// Failing in both scans (the finding as the new scan reports it).
    pub persisting_failures: Vec<Finding>,
    /// Failing before, and the new scan cannot say whether it still fails.
    pub unverified_failures: Vec<UnverifiedFailure>,
    /// ERROR findings (not muted) of the new scan whose key had no ERROR before.
    pub new_errors: Vec<Finding>,
}

/// Which scan a side of the diff is.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScanInfo {
    pub account_id: String,
    pub collected_at: DateTime<Utc>,
    pub argus_version: String,
    /// False when some API calls failed during that scan.
    pub complete: bool,
}

impl ScanInfo {
    fn of(file: &FindingsFile) -> Self {
        ScanInfo {
            account_id: file.account_id.clone(),
            collected_at: file.collected_at,
            argus_version: file.argus_version.clone(),
            complete: file.is_complete(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NewFailure {
    #[serde(flatten)]
    pub finding: Finding,
    /// What the old scan said about the same key.
    pub previously: Previously,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Previously {
    /// The old scan had no finding with this key (new resource, new check, or not scanned then).
    Absent,
    Passed,
    Error,
    Muted,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ResolvedFailure {
    /// The failure as the old scan reported it.
    #[serde(flatten)]
    pub finding: Finding,
    pub reason: ResolvedReason,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ResolvedReason {
    /// The check now passes for this resource.
    Passed,
    /// The new scan looked where the resource was and did not find it.
    ResourceGone,
    /// Still failing, but muted by the mutelist now.
    Muted,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnverifiedFailure {
    /// The failure as the old scan reported it.
    #[serde(flatten)]
    pub finding: Finding,
    pub reason: UnverifiedReason,
    /// Human-readable explanation (untrusted text: it can quote error messages and names).
    pub detail: String,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum UnverifiedReason {
    /// The check reports ERROR for this resource now.
    NowError,
    /// The new scan did not cover the account, service or region.
    NotScanned,
    /// Collecting that service failed in the new scan, so the resource may just be unseen.
    CollectionFailed,
    /// The resource is still in the new scan, but this check gave no verdict on it.
    NotEvaluated,
}

impl ScanDiff {
    /// True when the new scan has failures the old one did not (the CLI exits with code 3).
    pub fn has_new_failures(&self) -> bool {
        !self.new_failures.is_empty()
    }

    /// True when both scans are of the same account.
    pub fn same_account(&self) -> bool {
        self.old.account_id == self.new.account_id
    }
}

type Key = (ArcStr, ArcStr, ArcStr, ArcStr);

/// What one scan says about one key.
#[derive(Default)]
struct KeyState<'a> {
    failing: Vec<&'a Finding>,
    errors: Vec<&'a Finding>,
    muted: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Failing,
    Errored,
    Muted,
    Passed,
}

impl KeyState<'_> {
    fn verdict(&self) -> Verdict {
        if !self.failing.is_empty() {
            Verdict::Failing
        } else if !self.errors.is_empty() {
            Verdict::Errored
        } else if self.muted {
            Verdict::Muted
        } else {
            Verdict::Passed
        }
    }
}

fn index(findings: &[Finding]) -> BTreeMap<Key, KeyState<'_>> {
    let mut out: BTreeMap<Key, KeyState<'_>> = BTreeMap::new();
    for f in findings {
        let state = out.entry(f.key()).or_default();
        match (f.status, f.muted) {
            (Status::Fail | Status::Error, true) => state.muted = true,
            (Status::Fail, false) => state.failing.push(f),
            (Status::Error, false) => state.errors.push(f),
            (Status::Pass, _) => {}
        }
    }
    out
}

/// Compares an older scan with a newer one.
pub fn diff(old: &FindingsFile, new: &FindingsFile) -> ScanDiff {
    let old_index = index(&old.findings);
    let new_index = index(&new.findings);
    let mut d = ScanDiff {
        old: ScanInfo::of(old),
        new: ScanInfo::of(new),
        new_failures: Vec::new(),
        resolved_failures: Vec::new(),
        persisting_failures: Vec::new(),
        unverified_failures: Vec::new(),
        new_errors: Vec::new(),
    };

    for (key, state) in &new_index {
        let before = old_index.get(key);
        let previously = match before.map(KeyState::verdict) {
            Some(Verdict::Failing) => None,
            Some(Verdict::Errored) => Some(Previously::Error),
            Some(Verdict::Muted) => Some(Previously::Muted),
            Some(Verdict::Passed) => Some(Previously::Passed),
            None => Some(Previously::Absent),
        };
        match previously {
            None => d.persisting_failures.extend(state.failing.iter().map(|f| (*f).clone())),
            Some(previously) => {
                d.new_failures.extend(state.failing.iter().map(|f| NewFailure { finding: (*f).clone(), previously }))
            }
        }
        if before.is_none_or(|b| b.errors.is_empty()) {
            d.new_errors.extend(state.errors.iter().map(|f| (*f).clone()));
        }
    }

    for (key, state) in &old_index {
        for failure in &state.failing {
            let finding = (*failure).clone();
            match new_index.get(key).map(|s| (s.verdict(), s)) {
                Some((Verdict::Failing, _)) => {}
                Some((Verdict::Passed, _)) => {
                    d.resolved_failures.push(ResolvedFailure { finding, reason: ResolvedReason::Passed })
                }
                Some((Verdict::Muted, _)) => {
                    d.resolved_failures.push(ResolvedFailure { finding, reason: ResolvedReason::Muted })
                }
                Some((Verdict::Errored, s)) => {
                    let message = s.errors.first().map(|e| e.message.as_str()).unwrap_or_default();
                    d.unverified_failures.push(UnverifiedFailure {
                        finding,
                        reason: UnverifiedReason::NowError,
                        detail: format!("the check now reports ERROR: {message}"),
                    });
                }
                None => match why_unseen(new, failure) {
                    Some((reason, detail)) => d.unverified_failures.push(UnverifiedFailure { finding, reason, detail }),
                    None => d.resolved_failures.push(ResolvedFailure { finding, reason: ResolvedReason::ResourceGone }),
                },
            }
        }
    }

    d.new_failures.sort_by(|a, b| order(&a.finding, &b.finding));
    d.resolved_failures.sort_by(|a, b| order(&a.finding, &b.finding));
    d.persisting_failures.sort_by(order);
    d.unverified_failures.sort_by(|a, b| order(&a.finding, &b.finding));
    d.new_errors.sort_by(order);
    d
}

/// Most severe first, then by check and resource, so output is stable.
fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    b.severity().cmp(&a.severity()).then_with(|| a.key().cmp(&b.key())).then_with(|| a.message.cmp(&b.message))
}

/// Why a finding missing from the new scan cannot be called resolved, if there is a reason.
fn why_unseen(new: &FindingsFile, old: &Finding) -> Option<(UnverifiedReason, String)> {
    let account_scanned =
        new.account_id == old.account_id().as_str() || new.findings.iter().any(|f| f.account_id() == old.account_id());
    if !account_scanned {
        return Some((UnverifiedReason::NotScanned, format!("account {} was not in the new scan", old.account_id())));
    }
    let service = collector_service(old.service());
    if !new.services.is_empty() && !new.services.iter().any(|s| s == service) {
        return Some((UnverifiedReason::NotScanned, format!("service {service} was not in the new scan")));
    }
    let region_scanned = old.resource.region == "global"
        // Listed once for the whole account: seen whatever regions the scan covered (an S3 bucket in
        // eu-west-1 appears in a us-east-1-only scan).
        || Service::of_check_family(service).is_some_and(Service::is_global)
        || new.regions.iter().any(|r| old.resource.region == *r)
        || new.findings.iter().any(|f| f.service() == old.service() && f.resource.region == old.resource.region);
    if !region_scanned {
        return Some((UnverifiedReason::NotScanned, format!("region {} was not in the new scan", old.resource.region)));
    }
    if let Some(error) = new.collection_errors.iter().find(|e| collection_may_hide(e, service, old)) {
        return Some((UnverifiedReason::CollectionFailed, format!("collection failed in the new scan: {error}")));
    }
    let resource_still_there = new.findings.iter().any(|f| {
        f.account_id() == old.account_id()
            && f.resource.region == old.resource.region
            && f.resource.id == old.resource.id
    });
    if resource_still_there {
        return Some((
            UnverifiedReason::NotEvaluated,
            "the resource is still in the new scan, but this check gave no verdict on it".to_string(),
        ));
    }
    None
}

/// Whether a failed call of the new scan could explain why a resource of `old` is missing.
fn collection_may_hide(e: &CollectionError, service: &str, old: &Finding) -> bool {
    let same_region = e.region.as_deref().is_none_or(|r| r == old.resource.region);
    let same_resource =
        e.resource.as_deref().is_none_or(|r| r == old.resource.id || r == old.resource.arn || r == old.resource.name);
    e.service == service && same_region && same_resource
}
