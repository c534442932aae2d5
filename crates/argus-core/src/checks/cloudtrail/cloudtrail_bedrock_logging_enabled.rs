//! Every audited region is covered by a logging trail that records Amazon Bedrock API calls
//! (management events or Bedrock data events). Metadata: `checks/cloudtrail/cloudtrail_bedrock_logging_enabled.toml`.

use super::selectors::{bedrock_events, judge_regions, selectors_of, TrailVerdict};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "cloudtrail_bedrock_logging_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_regions(ctx, out, "Amazon Bedrock API calls", false, |t| {
        let selectors = match selectors_of(t) {
            Ok(s) => s,
            Err(v) => return v,
        };
        match bedrock_events(selectors) {
            Some(how) => TrailVerdict::Records(how),
            None => TrailVerdict::DoesNot(format!(
                "trail {} records neither management write events nor Amazon Bedrock data events",
                t.name
            )),
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

    fn with(selectors: Option<Fetched<EventSelectors>>) -> Snapshot {
        let mut s = snapshot();
        trails(&mut s, REGION).push(Trail { event_selectors: selectors, ..trail(REGION, "local") });
        s
    }

    fn advanced(category: &str, field: &str, value: &str) -> Option<Fetched<EventSelectors>> {
        Some(Fetched::Ok(EventSelectors {
            classic: vec![],
            advanced: vec![AdvancedEventSelector {
                name: Some("bedrock".into()),
                field_selectors: vec![
                    AdvancedFieldSelector {
                        field: "eventCategory".into(),
                        equals: vec![category.into()],
                        ..Default::default()
                    },
                    AdvancedFieldSelector { field: field.into(), equals: vec![value.into()], ..Default::default() },
                ],
            }],
        }))
    }

    #[test]
    fn management_or_bedrock_data_events_pass_others_fail_unreadable_errors() {
        // The fixture trail records every management event.
        let f = run_check(CHECK, &snapshot_with_default_trail());
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert_eq!(
            status_of(&run_check(CHECK, &with(advanced("Data", "resources.type", "AWS::Bedrock::Model"))), REGION),
            Status::Pass
        );
        let f = run_check(CHECK, &with(advanced("Data", "resources.type", "AWS::S3::Object")));
        assert_eq!(status_of(&f, REGION), Status::Fail);
        assert!(f[0].message.contains("trail local records neither"), "{}", f[0].message);
        let f = run_check(CHECK, &with(advanced("Management", "eventSource", "kms.amazonaws.com")));
        assert_eq!(status_of(&f, REGION), Status::Fail);
        let f = run_check(CHECK, &with(Some(Fetched::Err(denied("cloudtrail", "GetEventSelectors")))));
        assert_eq!(status_of(&f, REGION), Status::Error);
        assert!(f[0].message.contains("GetEventSelectors"), "{}", f[0].message);
    }

    fn snapshot_with_default_trail() -> Snapshot {
        let mut s = snapshot();
        trails(&mut s, REGION).push(trail(REGION, "local"));
        s
    }
}
