//! CloudTrail, per region: trails whose home is this region, whether each is logging and delivering to
//! CloudWatch Logs (GetTrailStatus), and what it records (GetEventSelectors). When an opt-in
//! threat-detection check is selected, also the event history of the regions its trails are homed in
//! (LookupEvents, bounded: see `argus_core::checks::cloudtrail::threat_detection`).

use super::{to_utc, Collector, Service};
use crate::snapshot::{
    AdvancedEventSelector, AdvancedFieldSelector, ClassicEventSelector, CloudTrailRegion, CollectionError,
    DataResource, EventCaller, EventLookup, EventLookups, EventSelectors, Fetched, RegionSnapshot, Trail,
};
use argus_core::checks::cloudtrail::threat_detection::{
    MAX_PAGES_PER_ACTION, PAGE_SIZE, TIME_BUDGET_SECONDS, WINDOW_MINUTES,
};
use aws_sdk_cloudtrail::types::{LookupAttribute, LookupAttributeKey};
use std::collections::{BTreeMap, BTreeSet};

pub(super) async fn collect(c: &Collector, region: &str) -> CloudTrailRegion {
    let client = c.ctx.cloudtrail(region);
    let api = c.api("CloudTrail", Service::CloudTrail, Some(region));
    let listed: Result<_, CollectionError> =
        api.call("DescribeTrails", None, || client.describe_trails().include_shadow_trails(false).send()).await;
    let trails = match listed {
        Ok(out) => Ok(c
            // Some endpoints list a multi-region trail in every region despite IncludeShadowTrails=false.
            .fan_out(out.trail_list().iter().filter(|t| t.home_region().is_none_or(|h| h == region)).cloned(), |t| {
                let (api, client) = (&api, &client);
                async move {
                    let arn = t.trail_arn().unwrap_or_default().to_string();
                    let (status, selectors, insights) = futures::join!(
                        api.call("GetTrailStatus", Some(&arn), || client.get_trail_status().name(&arn).send()),
                        api.call("GetEventSelectors", Some(&arn), || client
                            .get_event_selectors()
                            .trail_name(&arn)
                            .send()),
                        // AWS answers InsightNotEnabledException for a trail without Insights.
                        api.call_or_absent("GetInsightSelectors", Some(&arn), &["InsightNotEnabledException"], || {
                            client.get_insight_selectors().trail_name(&arn).send()
                        }),
                    );
                    let is_logging = status.as_ref().map(|s| s.is_logging().unwrap_or(false)).map_err(Clone::clone);
                    let status = status.ok();
                    let delivery = status.as_ref().and_then(|s| to_utc(s.latest_cloud_watch_logs_delivery_time()));
                    let delivery_error = status
                        .as_ref()
                        .and_then(|s| s.latest_cloud_watch_logs_delivery_error())
                        .filter(|e| !e.is_empty())
                        .map(str::to_string);
                    Trail {
                        name: t.name().unwrap_or_default().to_string(),
                        home_region: t.home_region().unwrap_or(region).to_string(),
                        is_multi_region: t.is_multi_region_trail().unwrap_or(false),
                        is_organization_trail: t.is_organization_trail().unwrap_or(false),
                        log_file_validation_enabled: t.log_file_validation_enabled().unwrap_or(false),
                        kms_key_id: t.kms_key_id().map(str::to_string),
                        s3_bucket_name: t.s3_bucket_name().map(str::to_string),
                        is_logging: is_logging.into(),
                        cloudwatch_logs_log_group_arn: t
                            .cloud_watch_logs_log_group_arn()
                            .filter(|a| !a.is_empty())
                            .map(str::to_string),
                        latest_cloudwatch_logs_delivery: delivery,
                        latest_cloudwatch_logs_delivery_error: delivery_error,
                        event_selectors: Some(selectors.map(event_selectors).into()),
                        insight_selectors: insights
                            .map(|o| {
                                o.map(|o| {
                                    o.insight_selectors()
                                        .iter()
                                        .filter_map(|i| i.insight_type().map(|t| t.as_str().to_string()))
                                        .collect()
                                })
                                .unwrap_or_default()
                            })
                            .into(),
                        arn,
                    }
                }
            })
            .await),
        Err(e) => Err(e),
    };
    CloudTrailRegion { trails: trails.into(), event_lookups: None }
}

fn event_selectors(out: aws_sdk_cloudtrail::operation::get_event_selectors::GetEventSelectorsOutput) -> EventSelectors {
    EventSelectors {
        classic: out
            .event_selectors()
            .iter()
            .map(|e| ClassicEventSelector {
                // AWS's defaults when a selector omits them.
                read_write_type: e.read_write_type().map_or("All", |t| t.as_str()).to_string(),
                include_management_events: e.include_management_events().unwrap_or(true),
                data_resources: e
                    .data_resources()
                    .iter()
                    .map(|d| DataResource {
                        resource_type: d.r#type().unwrap_or_default().to_string(),
                        values: d.values().to_vec(),
                    })
                    .collect(),
            })
            .collect(),
        advanced: out
            .advanced_event_selectors()
            .iter()
            .map(|a| AdvancedEventSelector {
                name: a.name().map(str::to_string),
                field_selectors: a
                    .field_selectors()
                    .iter()
                    .map(|f| AdvancedFieldSelector {
                        field: f.field().to_string(),
                        equals: f.equals().to_vec(),
                        starts_with: f.starts_with().to_vec(),
                        ends_with: f.ends_with().to_vec(),
                        not_equals: f.not_equals().to_vec(),
                        not_starts_with: f.not_starts_with().to_vec(),
                        not_ends_with: f.not_ends_with().to_vec(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The regions whose event history the threat-detection checks search (LookupEvents reads the history
/// of the region it is called in), as Prowler chooses them: the home region of a multi-region trail,
/// else the home region of every trail; without any trail listed (Prowler then searches nothing),
/// us-east-1, where global services such as IAM record their events, when audited, else the first
/// audited region.
pub(super) fn lookup_regions(regional: &[(String, RegionSnapshot)], audited: &[String]) -> Vec<String> {
    let trails: Vec<&Trail> =
        regional.iter().filter_map(|(_, r)| r.cloudtrail.as_ref().and_then(|ct| ct.trails.ok())).flatten().collect();
    if let Some(t) = trails.iter().find(|t| t.is_multi_region && !t.home_region.is_empty()) {
        return vec![t.home_region.clone()];
    }
    let homes: BTreeSet<String> =
        trails.iter().filter(|t| !t.home_region.is_empty()).map(|t| t.home_region.clone()).collect();
    if !homes.is_empty() {
        return homes.into_iter().collect();
    }
    audited.iter().find(|r| r.as_str() == "us-east-1").or(audited.first()).cloned().into_iter().collect()
}

/// One lookup per event name in `actions` (filtered on EventName, over the last `WINDOW_MINUTES`),
/// one after the other (LookupEvents allows two calls a second per account and region), reading at
/// most `MAX_PAGES_PER_ACTION` pages each, within `TIME_BUDGET_SECONDS` for the region. Only the
/// callers of each event are kept.
pub(super) async fn lookup_events(c: &Collector, region: &str, actions: &[&str]) -> EventLookups {
    let client = c.ctx.cloudtrail(region);
    let api = c.api("CloudTrail", Service::CloudTrail, Some(region));
    let end = chrono::Utc::now();
    let start = end - chrono::Duration::minutes(i64::from(WINDOW_MINUTES));
    let (start, end) = (
        aws_smithy_types::DateTime::from_secs(start.timestamp()),
        aws_smithy_types::DateTime::from_secs(end.timestamp()),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(TIME_BUDGET_SECONDS);
    let mut lookups = BTreeMap::new();
    for action in actions {
        let lookup = if std::time::Instant::now() >= deadline {
            Fetched::Ok(EventLookup {
                incomplete: Some(format!("not looked up: the region's {TIME_BUDGET_SECONDS}-second budget ran out")),
                ..Default::default()
            })
        } else {
            lookup(&api, &client, action, (start, end), deadline).await.into()
        };
        lookups.insert(action.to_string(), lookup);
    }
    EventLookups { window_minutes: WINDOW_MINUTES, lookups }
}

async fn lookup(
    api: &super::Api<'_>,
    client: &aws_sdk_cloudtrail::Client,
    action: &str,
    (start, end): (aws_smithy_types::DateTime, aws_smithy_types::DateTime),
    deadline: std::time::Instant,
) -> Result<EventLookup, CollectionError> {
    let attribute = LookupAttribute::builder()
        .attribute_key(LookupAttributeKey::EventName)
        .attribute_value(action)
        .build()
        .map_err(|e| {
            api.error("LookupEvents", Some(action), crate::snapshot::ErrorKind::Other, "BuildError", e.to_string())
        })?;
    let mut callers = BTreeSet::new();
    let (mut events_read, mut unreadable, mut pages) = (0u32, 0u32, 0u32);
    let mut token: Option<String> = None;
    let incomplete = loop {
        let page = api
            .call("LookupEvents", Some(action), || {
                client
                    .lookup_events()
                    .lookup_attributes(attribute.clone())
                    .start_time(start)
                    .end_time(end)
                    .max_results(PAGE_SIZE)
                    .set_next_token(token.clone())
                    .send()
            })
            .await?;
        pages += 1;
        for event in page.events() {
            events_read += 1;
            match event.cloud_trail_event().map(caller) {
                Some(Ok(Some(c))) => {
                    callers.insert(c);
                }
                // Events without an ARN are AWS services' own calls.
                Some(Ok(None)) => {}
                Some(Err(())) | None => unreadable += 1,
            }
        }
        token = page.next_token().filter(|t| !t.is_empty()).map(str::to_string);
        match &token {
            None => break None,
            Some(_) if pages >= MAX_PAGES_PER_ACTION => {
                break Some(format!(
                    "more than {events_read} events in the window; argus reads {MAX_PAGES_PER_ACTION} page(s) of {PAGE_SIZE}"
                ))
            }
            Some(_) if std::time::Instant::now() >= deadline => {
                break Some(format!("stopped after {events_read} events: the region's {TIME_BUDGET_SECONDS}-second budget ran out"))
            }
            Some(_) => {}
        }
    };
    let incomplete = match (incomplete, unreadable) {
        (why, 0) => why,
        (None, n) => Some(format!("{n} event(s) without a readable CloudTrailEvent")),
        (Some(why), n) => Some(format!("{why}; {n} event(s) without a readable CloudTrailEvent")),
    };
    Ok(EventLookup { callers: callers.into_iter().collect(), events_read, incomplete })
}

/// The caller of an event from its CloudTrailEvent JSON: `None` for an event without a caller ARN
/// (an AWS service's own call); `Err` when the JSON does not parse.
fn caller(json: &str) -> Result<Option<EventCaller>, ()> {
    #[derive(serde::Deserialize)]
    struct Event {
        #[serde(rename = "userIdentity")]
        user_identity: Option<Identity>,
    }
    #[derive(serde::Deserialize)]
    struct Identity {
        arn: Option<String>,
        #[serde(rename = "type")]
        kind: Option<String>,
    }
    let event: Event = serde_json::from_str(json).map_err(|_| ())?;
    Ok(event.user_identity.and_then(|i| {
        let arn = i.arn.filter(|a| !a.is_empty())?;
        Some(EventCaller { arn, identity_type: i.kind.unwrap_or_default() })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_events_caller_is_its_identity_arn_and_type() {
        let user = r#"{"eventName":"ListUsers","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"}}"#;
        assert_eq!(
            caller(user),
            Ok(Some(EventCaller { arn: "arn:aws:iam::1:user/a".into(), identity_type: "IAMUser".into() }))
        );
        let service = r#"{"userIdentity":{"type":"AWSService","invokedBy":"ec2.amazonaws.com"}}"#;
        assert_eq!(caller(service), Ok(None));
        assert_eq!(caller("{not json"), Err(()));
    }

    fn region_with(trails: Vec<Trail>) -> RegionSnapshot {
        RegionSnapshot {
            cloudtrail: Some(CloudTrailRegion { trails: Fetched::Ok(trails), event_lookups: None }),
            ..Default::default()
        }
    }

    fn trail(home: &str, multi: bool) -> Trail {
        Trail {
            name: format!("t-{home}"),
            arn: format!("arn:aws:cloudtrail:{home}:1:trail/t"),
            home_region: home.into(),
            is_multi_region: multi,
            is_organization_trail: false,
            log_file_validation_enabled: true,
            kms_key_id: None,
            s3_bucket_name: None,
            is_logging: Fetched::Ok(true),
            cloudwatch_logs_log_group_arn: None,
            latest_cloudwatch_logs_delivery: None,
            latest_cloudwatch_logs_delivery_error: None,
            event_selectors: None,
            insight_selectors: Fetched::Ok(vec![]),
        }
    }

    #[test]
    fn the_history_searched_is_a_multi_region_trails_home_else_every_trails_else_one_region() {
        let audited: Vec<String> = ["eu-west-1", "us-east-1", "us-west-2"].map(String::from).to_vec();
        let regional = vec![
            ("eu-west-1".to_string(), region_with(vec![trail("eu-west-1", false)])),
            ("us-west-2".to_string(), region_with(vec![trail("us-west-2", true)])),
        ];
        assert_eq!(lookup_regions(&regional, &audited), vec!["us-west-2"]);
        let regional = vec![
            ("eu-west-1".to_string(), region_with(vec![trail("eu-west-1", false)])),
            ("us-west-2".to_string(), region_with(vec![trail("us-west-2", false)])),
        ];
        assert_eq!(lookup_regions(&regional, &audited), vec!["eu-west-1", "us-west-2"]);
        assert_eq!(lookup_regions(&[], &audited), vec!["us-east-1"]);
        assert_eq!(lookup_regions(&[], &audited[2..]), vec!["us-west-2"]);
        assert!(lookup_regions(&[], &[]).is_empty());
    }
}
