use super::Fetched;
use serde::{Deserialize, Serialize};

/// CloudWatch Logs metric filters and CloudWatch alarms of one region.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CloudWatchRegion {
    /// Every metric filter of the region (DescribeMetricFilters, all log groups at once).
    pub metric_filters: Fetched<Vec<MetricFilter>>,
    /// Metric alarms (DescribeAlarms).
    pub alarms: Fetched<Vec<MetricAlarm>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MetricFilter {
    pub name: String,
    pub log_group_name: String,
    /// The filter pattern as the user wrote it (untrusted text).
    pub pattern: String,
    /// The metrics the filter publishes to.
    pub metrics: Vec<MetricName>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub struct MetricName {
    pub namespace: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MetricAlarm {
    pub name: String,
    pub arn: String,
    /// The metric a single-metric alarm watches; `None` for metric-math alarms.
    pub metric: Option<MetricName>,
    pub actions_enabled: bool,
    /// ARNs notified when the alarm fires (SNS topics, Auto Scaling policies, ...).
    pub alarm_actions: Vec<String>,
}
