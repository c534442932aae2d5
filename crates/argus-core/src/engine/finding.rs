//! Findings: one verdict about one resource from one check.

use crate::snapshot::Tags;
pub use arcstr::ArcStr;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Informational,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] =
        [Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Informational];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Informational => "informational",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|v| {
                v.as_str().eq_ignore_ascii_case(s.trim())
                    || (s.eq_ignore_ascii_case("info") && *v == Severity::Informational)
            })
            .ok_or_else(|| format!("unknown severity '{s}' (critical, high, medium, low, informational)"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Status {
    Pass,
    Fail,
    /// The check could not get its data; the message names the API and the error.
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::Error => "ERROR",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The resource a finding is about. All strings are untrusted (they come from the account).
///
/// The strings are reference-counted: a resource judged by twenty checks is built once (see
/// `CheckContext::resource`) and its twenty findings share it, instead of each copying its ARN, name
/// and tags (a million-resource account has millions of findings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Resource {
    pub id: ArcStr,
    pub arn: ArcStr,
    pub name: ArcStr,
    /// A region name, or `global` for account-wide resources.
    pub region: ArcStr,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

impl Resource {
    /// A resource whose id is its ARN (trails, secrets, managed policies).
    pub fn identified_by_arn(arn: &str, name: &str, region: &str, tags: &Tags) -> Resource {
        let arn = ArcStr::from(arn);
        Resource { id: arn.clone(), arn, name: name.into(), region: region.into(), tags: tags.clone() }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub check_id: ArcStr,
    pub status: Status,
    pub severity: Severity,
    pub service: ArcStr,
    pub account_id: ArcStr,
    pub region: ArcStr,
    pub resource_id: ArcStr,
    pub resource_arn: ArcStr,
    pub resource_name: ArcStr,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub resource_tags: Tags,
    pub message: String,
    /// Set by a mutelist: the finding keeps its status but does not count towards the exit code.
    #[serde(default)]
    pub muted: bool,
}

impl Finding {
    /// Identity of a finding across scans (for diffs): check, account, region and resource.
    pub fn key(&self) -> (ArcStr, ArcStr, ArcStr, ArcStr) {
        (self.check_id.clone(), self.account_id.clone(), self.region.clone(), self.resource_id.clone())
    }
}
