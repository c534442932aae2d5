//! CloudTrail, per region: trails whose home is this region, whether each is logging and delivering to
//! CloudWatch Logs (GetTrailStatus), and what it records (GetEventSelectors).

use super::{to_utc, Collector, Service};
use crate::snapshot::{
    AdvancedEventSelector, AdvancedFieldSelector, ClassicEventSelector, CloudTrailRegion, CollectionError,
    DataResource, EventSelectors, Trail,
};

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
    CloudTrailRegion { trails: trails.into() }
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
