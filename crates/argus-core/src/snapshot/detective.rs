//! The detective services, per region: GuardDuty, Security Hub, AWS Config, IAM Access Analyzer, Macie and
//! Inspector. Each is mostly "is it on here", so each region holds the service's switches, not resources.
//! A service that was never enabled is data (an empty list, `None`), never an error; a call that failed is
//! `Fetched::Err`.

use super::Fetched;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many findings a listing saw: the first page only, which is enough to judge "any at all".
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct FindingCount {
    pub count: usize,
    /// More pages exist (the count is a lower bound).
    pub more: bool,
}

impl std::fmt::Display for FindingCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.count, if self.more { "+" } else { "" })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GuardDutyRegion {
    /// ListDetectors; empty: GuardDuty was never enabled in the region (or its detector was deleted).
    pub detectors: Fetched<Vec<GuardDutyDetector>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GuardDutyDetector {
    pub id: String,
    /// GetDetector.
    pub details: Fetched<GuardDutyDetectorDetails>,
    /// Unarchived findings of high or critical severity (>= 7), ListFindings; `None` when not asked
    /// (the detector is not enabled, or GetDetector failed).
    pub high_severity_findings: Option<Fetched<FindingCount>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GuardDutyDetectorDetails {
    /// `ENABLED` or `DISABLED` (suspended).
    pub status: String,
    /// Protection plans by feature name (`S3_DATA_EVENTS`, `RDS_LOGIN_EVENTS`, ...) to `ENABLED` or
    /// `DISABLED` (GetDetector's `Features`).
    pub features: BTreeMap<String, String>,
}

impl GuardDutyDetectorDetails {
    pub fn is_enabled(&self) -> bool {
        self.status == "ENABLED"
    }

    pub fn is_suspended(&self) -> bool {
        self.status == "DISABLED"
    }

    /// The feature's status, `None` when the detector does not report it.
    pub fn feature(&self, name: &str) -> Option<&str> {
        self.features.get(name).map(String::as_str)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecurityHubRegion {
    /// DescribeHub; `None`: the account is not subscribed to Security Hub in the region.
    pub hub: Fetched<Option<SecurityHubHub>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SecurityHubHub {
    pub arn: String,
    /// GetEnabledStandards.
    pub standards: Fetched<Vec<SecurityHubStandard>>,
    /// Products sending findings in (ListEnabledProductsForImport, Security Hub's own left out); read only
    /// when no standard is enabled, `None` otherwise.
    pub integrations: Option<Fetched<Vec<String>>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SecurityHubStandard {
    /// The subscription's standard ARN (`arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0`).
    pub arn: String,
    /// `READY`, `PENDING`, `INCOMPLETE`, `DELETING` or `FAILED`.
    pub status: String,
}

impl SecurityHubStandard {
    /// The standard's name and version from its ARN (`cis-aws-foundations-benchmark/v/1.2.0`).
    pub fn name(&self) -> &str {
        self.arn.split_once('/').map_or(&self.arn, |(_, rest)| rest)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConfigRegion {
    /// DescribeConfigurationRecorders; empty: no recorder in the region.
    pub recorders: Fetched<Vec<ConfigRecorder>>,
    /// DescribeConfigurationRecorderStatus, every recorder of the region.
    pub recorder_statuses: Fetched<Vec<ConfigRecorderStatus>>,
    /// DescribeDeliveryChannels: the channels' names.
    pub delivery_channels: Fetched<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ConfigRecorder {
    pub name: String,
    pub role_arn: Option<String>,
    /// `recordingGroup.allSupported`: every supported resource type.
    pub all_supported: bool,
    /// `recordingGroup.includeGlobalResourceTypes` (IAM users, roles, groups, policies).
    pub include_global_resource_types: bool,
    /// `recordingGroup.recordingStrategy.useOnly`, when set.
    pub recording_strategy: Option<String>,
    /// Set on a service-linked recorder, which another AWS service created to record only what it needs.
    #[serde(default)]
    pub service_principal: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ConfigRecorderStatus {
    pub name: String,
    pub recording: bool,
    /// `Pending`, `Success` or `Failure`.
    pub last_status: Option<String>,
    pub last_error_code: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessAnalyzerRegion {
    /// ListAnalyzers (every type); empty: no analyzer in the region.
    pub analyzers: Fetched<Vec<AccessAnalyzer>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AccessAnalyzer {
    pub arn: String,
    pub name: String,
    /// `ACCOUNT` or `ORGANIZATION` (external access), `ACCOUNT_UNUSED_ACCESS`, ...
    pub kind: String,
    /// `ACTIVE`, `CREATING`, `DISABLED` or `FAILED`.
    pub status: String,
    /// Active findings (ListFindingsV2, status ACTIVE); `None` when not asked (the analyzer is not an
    /// active external-access analyzer).
    pub active_findings: Option<Fetched<FindingCount>>,
}

impl AccessAnalyzer {
    /// An analyzer of external access: of the account or of the whole organization.
    pub fn is_external_access(&self) -> bool {
        matches!(self.kind.as_str(), "ACCOUNT" | "ORGANIZATION")
    }

    pub fn is_active(&self) -> bool {
        self.status == "ACTIVE"
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MacieRegion {
    /// GetMacieSession's status (`ENABLED` or `PAUSED`); `None`: Macie is not enabled in the region (AWS
    /// answers AccessDeniedException "Macie is not enabled").
    pub status: Fetched<Option<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Inspector2Region {
    /// BatchGetAccountStatus for the audited account.
    pub account: Fetched<Inspector2Status>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Inspector2Status {
    /// The account's state: `ENABLED`, `DISABLED`, `ENABLING`, `SUSPENDED`, ...
    pub status: String,
    /// Scan type (`EC2`, `ECR`, `LAMBDA`, `LAMBDA_CODE`) to its state; a type AWS did not report is absent.
    pub scans: BTreeMap<String, String>,
}

impl Inspector2Status {
    /// The scan types Inspector covers, in the order findings name them.
    pub const SCAN_TYPES: [&'static str; 4] = ["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"];

    pub fn scan(&self, kind: &str) -> Option<&str> {
        self.scans.get(kind).map(String::as_str)
    }
}
