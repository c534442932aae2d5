//! Every audited region is covered by a logging multi-region trail that records read and write
//! management events (classic or advanced event selectors). Metadata:
//! `checks/cloudtrail/cloudtrail_multi_region_enabled_logging_management_events.toml`.

use super::selectors::{judge_regions, management_events, selectors_of, TrailVerdict};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "cloudtrail_multi_region_enabled_logging_management_events", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_regions(ctx, out, "read and write management events", true, |t| {
        let selectors = match selectors_of(t) {
            Ok(s) => s,
            Err(v) => return v,
        };
        let recorded = management_events(selectors);
        match (recorded.read, recorded.write) {
            (true, true) => TrailVerdict::Records("records read and write management events".into()),
            (true, false) => TrailVerdict::DoesNot(format!("trail {} records only read management events", t.name)),
            (false, true) => TrailVerdict::DoesNot(format!("trail {} records only write management events", t.name)),
            (false, false) => TrailVerdict::DoesNot(format!("trail {} records no management events", t.name)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::{ClassicEventSelector, EventSelectors, Fetched, Trail};
    use crate::testing::*;

    fn write_only() -> Option<Fetched<EventSelectors>> {
        Some(Fetched::Ok(EventSelectors {
            classic: vec![ClassicEventSelector {
                read_write_type: "WriteOnly".into(),
                include_management_events: true,
                data_resources: vec![],
            }],
            advanced: vec![],
        }))
    }

    #[test]
    fn pass_fail_and_error() {
        let mut s = snapshot();
        trails(&mut s, REGION).push(Trail { is_multi_region: true, ..trail(REGION, "org") });
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert!(f[0].message.contains("org (home region us-east-1) records read and write"), "{}", f[0].message);

        trails(&mut s, REGION)[0].event_selectors = write_only();
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Fail);
        assert!(f[0].message.contains("trail org records only write management events"), "{}", f[0].message);

        // A single-region trail does not satisfy the control.
        let mut s = snapshot();
        trails(&mut s, REGION).push(trail(REGION, "local"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Fail);

        let mut s = snapshot();
        trails(&mut s, REGION).push(Trail {
            is_multi_region: true,
            event_selectors: Some(Fetched::Err(denied("cloudtrail", "GetEventSelectors"))),
            ..trail(REGION, "org")
        });
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Error);
        assert!(f[0].message.contains("cloudtrail:GetEventSelectors"), "{}", f[0].message);
    }
}
