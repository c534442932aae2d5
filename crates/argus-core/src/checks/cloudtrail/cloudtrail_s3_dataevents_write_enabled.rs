//! Every audited region is covered by a logging trail that records S3 object-level write data events
//! (PutObject, DeleteObject, ...) for every bucket, through classic or advanced event selectors. Metadata:
//! `checks/cloudtrail/cloudtrail_s3_dataevents_write_enabled.toml`.

use super::selectors::{judge_regions, s3_object_events, selectors_of, S3Objects, TrailVerdict};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "cloudtrail_s3_dataevents_write_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_regions(ctx, out, "S3 object-level write events of every bucket", false, |t| {
        let selectors = match selectors_of(t) {
            Ok(s) => s,
            Err(v) => return v,
        };
        match s3_object_events(selectors, true) {
            S3Objects::AllBuckets { exclusions } if exclusions.is_empty() => {
                TrailVerdict::Records("records S3 object-level write events of every bucket".into())
            }
            S3Objects::AllBuckets { exclusions } => TrailVerdict::Records(format!(
                "records S3 object-level write events of every bucket, except where {}",
                exclusions.join(", ")
            )),
            S3Objects::Limited(only) => TrailVerdict::DoesNot(format!(
                "trail {} records S3 object-level write events only for {}",
                t.name,
                only.join(", ")
            )),
            S3Objects::None => {
                TrailVerdict::DoesNot(format!("trail {} records no S3 object-level write events", t.name))
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

    fn s3_selectors(read_only: Option<&str>, arn_prefix: Option<&str>) -> Option<Fetched<EventSelectors>> {
        let mut fields = vec![
            AdvancedFieldSelector { field: "eventCategory".into(), equals: vec!["Data".into()], ..Default::default() },
            AdvancedFieldSelector {
                field: "resources.type".into(),
                equals: vec!["AWS::S3::Object".into()],
                ..Default::default()
            },
        ];
        if let Some(v) = read_only {
            fields.push(AdvancedFieldSelector {
                field: "readOnly".into(),
                equals: vec![v.into()],
                ..Default::default()
            });
        }
        if let Some(p) = arn_prefix {
            fields.push(AdvancedFieldSelector {
                field: "resources.ARN".into(),
                starts_with: vec![p.into()],
                ..Default::default()
            });
        }
        Some(Fetched::Ok(EventSelectors {
            classic: vec![],
            advanced: vec![AdvancedEventSelector { name: None, field_selectors: fields }],
        }))
    }

    fn with(selectors: Option<Fetched<EventSelectors>>) -> Snapshot {
        let mut s = snapshot();
        trails(&mut s, REGION).push(Trail {
            is_multi_region: true,
            event_selectors: selectors,
            ..trail(REGION, "org")
        });
        s
    }

    #[test]
    fn pass_fail_and_error() {
        assert_eq!(status_of(&run_check(CHECK, &with(s3_selectors(None, None))), REGION), Status::Pass);
        assert_eq!(status_of(&run_check(CHECK, &with(s3_selectors(Some("false"), None))), REGION), Status::Pass);
        let f = run_check(CHECK, &with(s3_selectors(Some("true"), None)));
        assert_eq!(status_of(&f, REGION), Status::Fail);
        assert!(f[0].message.contains("trail org records no S3 object-level write events"), "{}", f[0].message);
        let f = run_check(CHECK, &with(s3_selectors(None, Some("arn:aws:s3:::one/"))));
        assert_eq!(status_of(&f, REGION), Status::Fail);
        assert!(f[0].message.contains("only for resources.ARN starts with arn:aws:s3:::one/"), "{}", f[0].message);
        // The fixture trail records management events only.
        let f = run_check(CHECK, &with_trail_to("logs"));
        assert_eq!(status_of(&f, REGION), Status::Fail);
        let f = run_check(CHECK, &with(Some(Fetched::Err(denied("cloudtrail", "GetEventSelectors")))));
        assert_eq!(status_of(&f, REGION), Status::Error);
        let f = run_check(CHECK, &with(None));
        assert!(f[0].message.contains("were not collected"), "{}", f[0].message);
    }
}
