//! CloudWatch, per region: every CloudWatch Logs metric filter (one paginated DescribeMetricFilters for
//! all log groups, not one call per group) and the metric alarms (DescribeAlarms).

use super::{Collector, Service};
use crate::snapshot::{CloudWatchRegion, CollectionError, MetricAlarm, MetricFilter, MetricName};

pub(super) async fn collect(c: &Collector, region: &str) -> CloudWatchRegion {
    let (logs, cloudwatch) = (c.ctx.logs(region), c.ctx.cloudwatch(region));
    let logs_api = c.api("CloudWatch Logs", Service::CloudWatch, Some(region));
    let alarms_api = c.api("CloudWatch", Service::CloudWatch, Some(region));
    let (filters, alarms) = futures::join!(
        // 50 is the largest page DescribeMetricFilters accepts.
        logs_api.call("DescribeMetricFilters", None, || logs
            .describe_metric_filters()
            .limit(50)
            .into_paginator()
            .items()
            .send()
            .try_collect()),
        alarms_api.call("DescribeAlarms", None, || cloudwatch
            .describe_alarms()
            .max_records(100)
            .into_paginator()
            .send()
            .try_collect()),
    );
    let filters: Result<Vec<_>, CollectionError> = filters;
    let metric_filters = filters.map(|list| {
        list.iter()
            .map(|f| MetricFilter {
                name: f.filter_name().unwrap_or_default().to_string(),
                log_group_name: f.log_group_name().unwrap_or_default().to_string(),
                pattern: f.filter_pattern().unwrap_or_default().to_string(),
                metrics: f
                    .metric_transformations()
                    .iter()
                    .map(|t| MetricName {
                        namespace: t.metric_namespace().to_string(),
                        name: t.metric_name().to_string(),
                    })
                    .collect(),
            })
            .collect()
    });
    let alarms: Result<Vec<_>, CollectionError> = alarms;
    let alarms = alarms.map(|pages| {
        pages
            .iter()
            .flat_map(|p| p.metric_alarms())
            .map(|a| MetricAlarm {
                name: a.alarm_name().unwrap_or_default().to_string(),
                arn: a.alarm_arn().unwrap_or_default().to_string(),
                metric: match (a.namespace(), a.metric_name()) {
                    (Some(ns), Some(name)) => Some(MetricName { namespace: ns.to_string(), name: name.to_string() }),
                    _ => None,
                },
                actions_enabled: a.actions_enabled().unwrap_or(true),
                alarm_actions: a.alarm_actions().to_vec(),
            })
            .collect()
    });
    CloudWatchRegion { metric_filters: metric_filters.into(), alarms: alarms.into() }
}
