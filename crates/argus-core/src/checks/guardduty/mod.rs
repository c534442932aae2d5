//! GuardDuty checks: per region, the detector's status, protection plans and findings.

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, GuardDutyDetector, GuardDutyDetectorDetails, GuardDutyRegion, Tags};
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_guardduty.rs"));

/// A detector as a finding's resource (id = its ARN, which GuardDuty does not return but AWS defines).
pub(crate) fn detector_resource(ctx: &CheckContext<'_>, d: &GuardDutyDetector, region: &str) -> Arc<Resource> {
    let arn = format!("arn:{}:guardduty:{region}:{}:detector/{}", ctx.partition(), ctx.account_id(), d.id);
    Arc::new(Resource::identified_by_arn(&arn, &d.id, ctx.region_name(region), &Tags::new()))
}

/// Calls `judge` with the GuardDuty data of every region where it was collected.
pub(crate) fn each_region<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    judge: impl FnMut(&'a str, &'a GuardDutyRegion, &mut Findings),
) {
    ctx.each_collected(out, |d| d.guardduty.as_ref(), judge);
}

/// Calls `judge` for every enabled detector with its details; a failed listing is an ERROR for the region
/// and a detector whose details could not be read an ERROR for the detector. Suspended detectors and
/// regions without one are `guardduty_is_enabled`'s to report.
pub(crate) fn each_enabled_detector(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&GuardDutyDetector, &GuardDutyDetectorDetails, Arc<Resource>, &mut Findings),
) {
    each_region(ctx, out, |region, gd, out| match &gd.detectors {
        Fetched::Ok(detectors) => {
            for d in detectors {
                let r = detector_resource(ctx, d, region);
                match &d.details {
                    Fetched::Ok(details) if details.is_enabled() => judge(d, details, r, out),
                    Fetched::Ok(details) if details.is_suspended() => {}
                    Fetched::Ok(details) => out.error_message(r, unknown_status(d, details)),
                    Fetched::Err(e) => out.error(r, e),
                }
            }
        }
        Fetched::Err(e) => out.error(ctx.region_resource(region), e),
    });
}

/// The message for a detector whose status is neither `ENABLED` nor `DISABLED`: GuardDuty knows no other,
/// so argus cannot tell whether it is on.
pub(crate) fn unknown_status(d: &GuardDutyDetector, details: &GuardDutyDetectorDetails) -> String {
    format!("could not be evaluated: GetDetector reported status {:?} for detector {}", details.status, d.id)
}

/// A protection-plan check: PASS when the enabled detector reports `feature` as `ENABLED`.
pub(crate) fn judge_feature(ctx: &CheckContext<'_>, out: &mut Findings, feature: &str, plan: &str) {
    each_enabled_detector(ctx, out, |d, details, r, out| {
        match details.feature(feature) {
        Some("ENABLED") => out.pass(r, format_args!("GuardDuty detector {} has {plan} enabled.", d.id)),
        Some(status) => {
            out.fail(r, format_args!("GuardDuty detector {} has {plan} off (feature {feature} is {status}).", d.id))
        }
        None => out.fail(
            r,
            format_args!(
                "GuardDuty detector {} does not report {plan} (feature {feature}): it is not enabled, or not offered in this region.",
                d.id
            ),
        ),
    }
    });
}
