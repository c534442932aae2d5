//! Systems Manager, per region: Parameter Store metadata (never a value), the instances the SSM agent
//! reports from, and their patch compliance.

use super::Fetched;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SsmRegion {
    /// DescribeParameters: names, types and keys, no values.
    pub parameters: Fetched<Vec<Parameter>>,
    /// DescribeInstanceInformation: the managed nodes (EC2 instances and hybrid machines).
    pub managed_instances: Fetched<Vec<ManagedInstance>>,
    /// ListResourceComplianceSummaries with `ComplianceType = Patch`.
    pub patch_compliance: Fetched<Vec<PatchCompliance>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub arn: Option<String>,
    /// `String`, `StringList` or `SecureString`.
    pub parameter_type: String,
    /// The KMS key of a SecureString as SSM reports it: `alias/aws/ssm` for the AWS managed key,
    /// otherwise the key id, ARN or alias the parameter was created with.
    pub key_id: Option<String>,
    pub tier: Option<String>,
    pub last_modified: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ManagedInstance {
    /// `i-…` for EC2 instances, `mi-…` for hybrid nodes.
    pub id: String,
    /// `Online`, `ConnectionLost` or `Inactive`.
    pub ping_status: Option<String>,
    pub platform_type: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PatchCompliance {
    /// The managed node's id.
    pub id: String,
    pub resource_type: Option<String>,
    /// `COMPLIANT` or `NON_COMPLIANT`.
    pub status: String,
    /// The highest severity among the missing patches (`CRITICAL`, `HIGH`, …).
    pub overall_severity: Option<String>,
    pub non_compliant_count: Option<i32>,
}
