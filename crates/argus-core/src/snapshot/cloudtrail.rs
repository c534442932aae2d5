use super::Fetched;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CloudTrailRegion {
    /// Trails whose home region is this region (shadow copies of multi-region trails are not repeated).
    pub trails: Fetched<Vec<Trail>>,
    /// The region's event history searched for the opt-in threat-detection checks (LookupEvents):
    /// present only in the regions searched, and only when one of those checks was selected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_lookups: Option<EventLookups>,
}

/// LookupEvents, one lookup per event name, over the window before the collection.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct EventLookups {
    /// How far back the lookups reached, in minutes.
    pub window_minutes: u32,
    /// By event name (`ListUsers`, `AttachRolePolicy`, ...).
    pub lookups: BTreeMap<String, Fetched<EventLookup>>,
}

/// What one event name's lookup found: who made the call, as far as it read.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct EventLookup {
    /// The identities with an ARN that made the call (events without one are AWS services'), each once.
    pub callers: Vec<EventCaller>,
    /// How many events were read.
    pub events_read: u32,
    /// Set when events were left unread (the lookup stopped at a bound, or an event did not parse):
    /// what stopped it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incomplete: Option<String>,
}

/// The caller of an event (its `userIdentity`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct EventCaller {
    pub arn: String,
    /// `IAMUser`, `AssumedRole`, `Root`, `FederatedUser`, ...
    pub identity_type: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Trail {
    pub name: String,
    pub arn: String,
    pub home_region: String,
    pub is_multi_region: bool,
    pub is_organization_trail: bool,
    pub log_file_validation_enabled: bool,
    pub kms_key_id: Option<String>,
    pub s3_bucket_name: Option<String>,
    pub is_logging: Fetched<bool>,
    /// The CloudWatch Logs group the trail delivers to (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloudwatch_logs_log_group_arn: Option<String>,
    /// From the same GetTrailStatus call as `is_logging` (absent when no delivery was reported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_cloudwatch_logs_delivery: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_cloudwatch_logs_delivery_error: Option<String>,
    /// GetEventSelectors; `None` in snapshots of argus versions that did not read them.
    #[serde(default)]
    pub event_selectors: Option<Fetched<EventSelectors>>,
    /// GetInsightSelectors: the Insights types the trail records (`ApiCallRateInsight`,
    /// `ApiErrorRateInsight`); empty when Insights is off (InsightNotEnabledException). Not collected in
    /// snapshots of older argus versions.
    #[serde(default = "insights_not_collected")]
    pub insight_selectors: Fetched<Vec<String>>,
}

fn insights_not_collected() -> Fetched<Vec<String>> {
    Fetched::Err(super::user_data::not_collected("cloudtrail", "GetInsightSelectors"))
}

/// What a trail records: its classic selectors, or its advanced ones (a trail uses one kind).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct EventSelectors {
    #[serde(default)]
    pub classic: Vec<ClassicEventSelector>,
    #[serde(default)]
    pub advanced: Vec<AdvancedEventSelector>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClassicEventSelector {
    /// `All`, `ReadOnly` or `WriteOnly`.
    pub read_write_type: String,
    pub include_management_events: bool,
    #[serde(default)]
    pub data_resources: Vec<DataResource>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DataResource {
    /// e.g. `AWS::S3::Object`.
    pub resource_type: String,
    /// ARNs or ARN prefixes; `arn:aws:s3` alone means every bucket.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AdvancedEventSelector {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub field_selectors: Vec<AdvancedFieldSelector>,
}

/// One condition of an advanced selector: the event's `field` must satisfy every non-empty list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AdvancedFieldSelector {
    pub field: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub equals: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub starts_with: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ends_with: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_equals: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_starts_with: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_ends_with: Vec<String>,
}
