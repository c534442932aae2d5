//! GuardDuty has an enabled detector in every audited region. Metadata:
//! `checks/guardduty/guardduty_is_enabled.toml`.
//!
//! One finding per region (the detector is named in the message): the question is whether the region
//! is watched, and a region without a detector has no other resource to name.

use super::{each_region, unknown_status};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "guardduty_is_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, gd, out| {
        let r = ctx.region_resource(region);
        let detectors = match &gd.detectors {
            Fetched::Ok(d) => d,
            Fetched::Err(e) => return out.error(r, e),
        };
        if let Some(d) = detectors.iter().find(|d| d.details.ok().is_some_and(|x| x.is_enabled())) {
            return out.pass(r, format_args!("GuardDuty detector {} is enabled in {region}.", d.id));
        }
        // Nothing enabled among what was read: an unread or unknown detector could be the enabled one.
        for d in detectors {
            match &d.details {
                Fetched::Err(e) => return out.error(r, e),
                Fetched::Ok(details) if !details.is_suspended() => {
                    return out.error_message(r, unknown_status(d, details))
                }
                Fetched::Ok(_) => {}
            }
        }
        match detectors.first() {
            None => out.fail(r, format_args!("GuardDuty is not enabled in {region}: no detector.")),
            Some(d) => out.fail(r, format_args!("GuardDuty detector {} in {region} is suspended.", d.id)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    const EU: &str = "eu-west-1";

    #[test]
    fn an_enabled_detector_passes_and_a_region_without_one_fails() {
        let mut s = snapshot();
        detectors(&mut s, REGION).push(detector("d1", &[]));
        detectors(&mut s, EU);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert!(f.iter().any(|x| x.message.contains("GuardDuty detector d1 is enabled in us-east-1.")));
        assert_eq!(status_of(&f, EU), Status::Fail);
        assert!(f.iter().any(|x| x.message.contains("GuardDuty is not enabled in eu-west-1: no detector.")));
    }

    #[test]
    fn a_suspended_detector_fails() {
        let mut s = snapshot();
        detectors(&mut s, REGION).push(suspended("d1"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Fail)]);
        assert_eq!(f[0].message.to_string(), "GuardDuty detector d1 in us-east-1 is suspended.");
    }

    #[test]
    fn unreadable_data_is_an_error() {
        let mut s = snapshot();
        region_mut(&mut s, REGION).guardduty.as_mut().unwrap().detectors =
            Fetched::Err(denied("guardduty", "ListDetectors"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);

        let mut s = snapshot();
        let mut d = detector("d1", &[]);
        d.details = Fetched::Err(denied("guardduty", "GetDetector"));
        detectors(&mut s, REGION).push(d);
        let f = run_check(CHECK, &s);
        assert_eq!(f[0].status, Status::Error);
        assert!(f[0].message.contains("GetDetector"), "{}", f[0].message);

        // A status GuardDuty does not define says nothing about whether it is on.
        let mut s = snapshot();
        let mut d = detector("d1", &[]);
        if let Fetched::Ok(details) = &mut d.details {
            details.status = String::new();
        }
        detectors(&mut s, REGION).push(d);
        assert_eq!(run_check(CHECK, &s)[0].status, Status::Error);
    }
}
