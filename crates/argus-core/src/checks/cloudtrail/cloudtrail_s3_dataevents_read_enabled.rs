//! Every audited region is covered by a logging trail that records S3 object-level read data events
//! (GetObject, ...) for every bucket, through classic or advanced event selectors. Metadata:
//! `checks/cloudtrail/cloudtrail_s3_dataevents_read_enabled.toml`.

use super::selectors::{judge_regions, s3_object_events, selectors_of, S3Objects, TrailVerdict};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "cloudtrail_s3_dataevents_read_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_regions(ctx, out, "S3 object-level read events of every bucket", false, |t| {
        let selectors = match selectors_of(t) {
            Ok(s) => s,
            Err(v) => return v,
        };
        match s3_object_events(selectors, false) {
            S3Objects::AllBuckets { exclusions } if exclusions.is_empty() => {
                TrailVerdict::Records("records S3 object-level read events of every bucket".into())
            }
            S3Objects::AllBuckets { exclusions } => TrailVerdict::Records(format!(
                "records S3 object-level read events of every bucket, except where {}",
                exclusions.join(", ")
            )),
            S3Objects::Limited(only) => TrailVerdict::DoesNot(format!(
                "trail {} records S3 object-level read events only for {}",
                t.name,
                only.join(", ")
            )),
            S3Objects::None => {
                TrailVerdict::DoesNot(format!("trail {} records no S3 object-level read events", t.name))
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::*;
    use crate::testing::*;

    fn classic(rw: &str) -> Option<Fetched<EventSelectors>> {
        Some(Fetched::Ok(EventSelectors {
            classic: vec![ClassicEventSelector {
                read_write_type: rw.into(),
                include_management_events: true,
                data_resources: vec![DataResource {
                    resource_type: "AWS::S3::Object".into(),
                    values: vec!["arn:aws:s3".into()],
                }],
            }],
            advanced: vec![],
        }))
    }

    fn with(selectors: Option<Fetched<EventSelectors>>, logging: bool) -> Snapshot {
        let mut s = snapshot();
        trails(&mut s, REGION).push(Trail {
            event_selectors: selectors,
            is_logging: Fetched::Ok(logging),
            ..trail(REGION, "local")
        });
        s
    }

    #[test]
    fn pass_fail_and_error() {
        let f = run_check(CHECK, &with(classic("ReadOnly"), true));
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert!(f[0].message.starts_with("Logging trail local (home region us-east-1) records"), "{}", f[0].message);
        assert_eq!(status_of(&run_check(CHECK, &with(classic("WriteOnly"), true)), REGION), Status::Fail);
        let f = run_check(CHECK, &with(classic("All"), false));
        assert_eq!(status_of(&f, REGION), Status::Fail);
        assert!(f[0].message.contains("trail local is not logging"), "{}", f[0].message);
        let mut s = with(classic("All"), true);
        region_mut(&mut s, REGION).cloudtrail.as_mut().unwrap().trails =
            Fetched::Err(denied("cloudtrail", "DescribeTrails"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
