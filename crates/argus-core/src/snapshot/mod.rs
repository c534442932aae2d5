//! The snapshot: a versioned, serialisable picture of one AWS account.
//!
//! It is the only contract between the collector (which writes it) and the check engine (which reads
//! it). Everything the collector could not read is recorded as a [`Fetched::Err`] at the place the data
//! would have been, so a check can never mistake "not seen" for "fine".

mod account;
mod backup;
mod cidr;
mod cloudtrail;
mod cloudwatch;
pub mod credential_report;
mod detective;
mod ec2;
mod ecr;
mod ecs;
mod efs;
mod elb;
mod iam;
mod kms;
mod lambda;
mod organizations;
mod rds;
mod role_runners;
mod s3;
mod secretsmanager;
mod sns;
mod sqs;
mod ssm;
mod tags;
mod user_data;
mod vpc;

pub use account::*;
pub use backup::*;
pub use cidr::CidrBlock;
pub use cloudtrail::*;
pub use cloudwatch::*;
pub use detective::*;
pub use ec2::*;
pub use ecr::*;
pub use ecs::*;
pub use efs::*;
pub use elb::*;
pub use iam::*;
pub use kms::*;
pub use lambda::*;
pub use organizations::*;
pub use rds::*;
pub use role_runners::*;
pub use s3::*;
pub use secretsmanager::*;
pub use sns::*;
pub use sqs::*;
pub use ssm::*;
pub use tags::Tags;
pub use user_data::*;
pub use vpc::*;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bumped whenever a field changes meaning or disappears; readers refuse newer major versions.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    pub schema_version: u32,
    pub argus_version: String,
    pub identity: Identity,
    pub collection: CollectionInfo,
    /// Global services: `None` when the service was not selected for collection.
    pub iam: Option<IamSnapshot>,
    pub s3: Option<S3Snapshot>,
    /// AWS Organizations (account-wide); absent in snapshots from before argus collected it.
    #[serde(default)]
    pub organizations: Option<OrganizationsSnapshot>,
    /// The account's alternate contacts (account-wide); absent in snapshots from before argus collected
    /// them.
    #[serde(default)]
    pub account: Option<AccountSnapshot>,
    /// Regional services, keyed by region name.
    pub regions: BTreeMap<String, RegionSnapshot>,
    /// Every call that failed, in one flat list (also referenced where the data would have been).
    pub errors: Vec<CollectionError>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Identity {
    pub account_id: String,
    pub partition: String,
    pub caller_arn: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CollectionInfo {
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub regions: Vec<String>,
    pub services: Vec<String>,
    /// Set when argus talked to an emulator or a custom endpoint instead of AWS.
    pub endpoint_url: Option<String>,
    /// API calls argus issued (pages count one each; SDK retries are counted separately).
    pub api_calls: u64,
    pub retries: u64,
}

/// Regional data; a service is `None` when it was not selected for collection.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RegionSnapshot {
    pub ec2: Option<Ec2Region>,
    pub rds: Option<RdsRegion>,
    pub lambda: Option<LambdaRegion>,
    pub secretsmanager: Option<SecretsManagerRegion>,
    pub kms: Option<KmsRegion>,
    pub cloudtrail: Option<CloudTrailRegion>,
    #[serde(default)]
    pub efs: Option<EfsRegion>,
    #[serde(default)]
    pub cloudwatch: Option<CloudWatchRegion>,
    #[serde(default)]
    pub sns: Option<SnsRegion>,
    #[serde(default)]
    pub ssm: Option<SsmRegion>,
    #[serde(default)]
    pub ecs: Option<EcsRegion>,
    #[serde(default)]
    pub guardduty: Option<GuardDutyRegion>,
    #[serde(default)]
    pub securityhub: Option<SecurityHubRegion>,
    #[serde(default)]
    pub config: Option<ConfigRegion>,
    #[serde(default)]
    pub accessanalyzer: Option<AccessAnalyzerRegion>,
    #[serde(default)]
    pub macie: Option<MacieRegion>,
    #[serde(default)]
    pub inspector2: Option<Inspector2Region>,
    #[serde(default)]
    pub elb: Option<ElbRegion>,
    #[serde(default)]
    pub backup: Option<BackupRegion>,
    /// Absent in snapshots from before argus collected SQS.
    #[serde(default)]
    pub sqs: Option<SqsRegion>,
    /// Absent in snapshots from before argus collected ECR.
    #[serde(default)]
    pub ecr: Option<EcrRegion>,
    /// Glue dev endpoints, SageMaker notebooks and CloudFormation stacks with the role each runs as,
    /// for the attack paths: `None` when no selected check reads them, and in older snapshots (the
    /// paths through them are then reported as not collected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_runners: Option<RoleRunnersRegion>,
}

impl Snapshot {
    /// The account alias, when IAM was collected and the account has one.
    pub fn account_alias(&self) -> Option<&str> {
        self.iam.as_ref()?.account_aliases.ok()?.first().map(String::as_str).filter(|a| !a.is_empty())
    }
}

/// The outcome of reading one piece of data.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Fetched<T> {
    Ok(T),
    Err(CollectionError),
}

impl<T> Fetched<T> {
    pub fn ok(&self) -> Option<&T> {
        match self {
            Fetched::Ok(v) => Some(v),
            Fetched::Err(_) => None,
        }
    }

    pub fn err(&self) -> Option<&CollectionError> {
        match self {
            Fetched::Ok(_) => None,
            Fetched::Err(e) => Some(e),
        }
    }

    pub fn as_result(&self) -> Result<&T, &CollectionError> {
        match self {
            Fetched::Ok(v) => Ok(v),
            Fetched::Err(e) => Err(e),
        }
    }
}

impl<T> From<Result<T, CollectionError>> for Fetched<T> {
    fn from(r: Result<T, CollectionError>) -> Self {
        match r {
            Ok(v) => Fetched::Ok(v),
            Err(e) => Fetched::Err(e),
        }
    }
}

/// Why a call failed, reduced to what a reader needs to act on it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The credentials lack the permission (grant the IAM action named in the error).
    AccessDenied,
    /// Still throttled after every retry.
    Throttled,
    /// The endpoint does not implement the API (emulators, opt-in regions, old partitions).
    Unsupported,
    /// The call (or the region) did not answer within the configured timeout.
    Timeout,
    /// Connection refused, reset or DNS failure.
    Network,
    /// The service answered something argus could not parse.
    InvalidResponse,
    /// The read-only guard refused the call before it was sent (a bug in argus if it ever appears).
    Refused,
    Other,
}

/// Why a datum could not be read: the call, and what went wrong ([`CollectionErrorDetails`], reached
/// through `Deref`: `e.code`, `e.message`).
///
/// Boxed: every datum of the snapshot is a [`Fetched`], as large as its larger variant, and almost all
/// of them hold data. With the error inline a bucket's ten slots took 1.7 KB of padding-heavy memory
/// (26 cache lines) that every check walking the buckets strides over. Serialised as the details alone.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct CollectionError(Box<CollectionErrorDetails>);

impl From<CollectionErrorDetails> for CollectionError {
    fn from(details: CollectionErrorDetails) -> Self {
        CollectionError(Box::new(details))
    }
}

impl std::ops::Deref for CollectionError {
    type Target = CollectionErrorDetails;
    fn deref(&self) -> &CollectionErrorDetails {
        &self.0
    }
}

impl std::ops::DerefMut for CollectionError {
    fn deref_mut(&mut self) -> &mut CollectionErrorDetails {
        &mut self.0
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct CollectionErrorDetails {
    pub service: String,
    /// `None` for global calls.
    pub region: Option<String>,
    /// The API operation, e.g. `GetBucketPolicy`.
    pub operation: String,
    /// The IAM action the operation needs, e.g. `s3:GetBucketPolicy`.
    pub iam_action: String,
    /// The resource the call was about, when it was a per-resource call.
    pub resource: Option<String>,
    pub kind: ErrorKind,
    /// The error code the service returned, e.g. `AccessDenied`, or argus's own for local failures.
    pub code: String,
    pub message: String,
}

impl CollectionError {
    /// `s3:GetBucketPolicy: AccessDenied`: which call failed and how, for a verdict that did not need it.
    pub fn brief(&self) -> String {
        format!("{}: {}", self.iam_action, self.code)
    }
}

impl std::fmt::Display for CollectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} failed", self.iam_action)?;
        if let Some(r) = &self.resource {
            write!(f, " for {r}")?;
        }
        if let Some(r) = &self.region {
            write!(f, " in {r}")?;
        }
        write!(f, ": {} ({})", self.code, self.message)
    }
}

/// Valid JSON kept as its compact text (`{"a":[1,2]}`), written into a snapshot as the JSON itself.
///
/// A parsed `serde_json::Value` is one allocation per object, array and string: a 12-statement policy
/// is hundreds of them, scattered over the heap, and reading it back is a cache miss per node. Its
/// text is one allocation about a fifth of that size, read front to back, and equal documents are equal
/// strings. Whoever needs the tree parses the text, which cannot fail: only valid JSON gets in.
/// Reading a snapshot normalises the text the same way, so whitespace never tells equal documents
/// apart.
///
/// The text is shared (`ArcStr`): a parsed policy's strings are views of it, not copies. The policy
/// it holds is parsed once, on first use, and kept beside the text.
#[derive(Clone)]
pub struct JsonText {
    text: arcstr::ArcStr,
    policy: std::sync::OnceLock<Result<crate::policy::Policy, String>>,
}

impl JsonText {
    /// `value` written as compact JSON.
    pub fn from_value(value: &serde_json::Value) -> Self {
        JsonText { text: value.to_string().into(), policy: Default::default() }
    }

    /// The compact JSON text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text read as an IAM policy; the error is a short reason for a message.
    pub fn policy(&self) -> &Result<crate::policy::Policy, String> {
        self.policy.get_or_init(|| crate::policy::Policy::parse_str(&self.text).map_err(|e| e.to_string()))
    }
}

/// Equal texts are equal documents (the parsed policy follows from the text).
impl PartialEq for JsonText {
    fn eq(&self, other: &JsonText) -> bool {
        self.text == other.text
    }
}
impl Eq for JsonText {}

impl std::fmt::Debug for JsonText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for JsonText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Embedded as JSON, not as a string holding JSON: snapshots keep the layout they always had.
        let raw = serde_json::value::RawValue::from_string(self.text.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for JsonText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(|v| JsonText::from_value(&v))
    }
}

/// A policy document as argus stores it: decoded and validated JSON, or — when it was not valid JSON —
/// the decoded text and the parse error, so a check can report the malformed policy by name.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PolicyDocument {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub json: Option<JsonText>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unparsed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub parse_error: Option<String>,
}

impl PolicyDocument {
    /// A resource policy: plain JSON text (S3, Lambda, KMS, Secrets Manager). Never percent-decoded.
    pub fn from_json_text(text: &str) -> Self {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(json) => PolicyDocument::from_value(&json),
            Err(e) => PolicyDocument {
                json: None,
                unparsed: Some(text.to_string()),
                parse_error: Some(format!("invalid JSON: {e}")),
            },
        }
    }

    /// The document read as an IAM policy (parsed on first use, the parse kept beside its text); the
    /// error is a short reason for a message.
    pub fn policy(&self) -> Result<&crate::policy::Policy, &str> {
        match &self.json {
            Some(json) => json.policy().as_ref().map_err(String::as_str),
            None => Err(self.parse_error.as_deref().unwrap_or("the document is empty")),
        }
    }

    /// A document that is already parsed JSON.
    pub fn from_value(json: &serde_json::Value) -> Self {
        PolicyDocument { json: Some(JsonText::from_value(json)), unparsed: None, parse_error: None }
    }

    /// An identity or trust policy as IAM returns it: percent-encoded JSON. Text that is already JSON
    /// (some emulators skip the encoding) is parsed as it is: encoded JSON never starts with `{`.
    pub fn from_iam_encoded(text: &str) -> Self {
        if text.trim_start().starts_with('{') {
            return Self::from_json_text(text);
        }
        match percent_encoding::percent_decode_str(text).decode_utf8() {
            Ok(decoded) => Self::from_json_text(&decoded),
            Err(e) => PolicyDocument {
                json: None,
                unparsed: Some(text.to_string()),
                parse_error: Some(format!("percent-decoding produced invalid UTF-8: {e}")),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_datum_is_stored_small_and_serialised_as_before() {
        // A slot costs its data's size, not the error's (a bucket has ten slots; see CollectionError).
        assert!(std::mem::size_of::<Fetched<Option<bool>>>() <= 16);
        assert!(std::mem::size_of::<Bucket>() < 800, "{}", std::mem::size_of::<Bucket>());
        let failed: Fetched<Option<bool>> = Fetched::Err(crate::testing::denied("s3", "GetBucketPolicyStatus"));
        let json = serde_json::to_value(&failed).unwrap();
        // The details, flat under "err", as snapshots of earlier versions hold them.
        assert_eq!(json["err"]["operation"], "GetBucketPolicyStatus");
        assert_eq!(json["err"]["kind"], "access_denied");
        assert_eq!(serde_json::from_value::<Fetched<Option<bool>>>(json).unwrap(), failed);
    }

    /// A stored document's JSON, parsed again.
    fn value(json: &JsonText) -> serde_json::Value {
        serde_json::from_str(json.as_str()).expect("stored documents are valid JSON")
    }

    #[test]
    fn documents_are_kept_as_compact_text_and_written_as_json() {
        let spaced = PolicyDocument::from_json_text(
            r#"{ "Version": "2012-10-17",
            "Statement": [ { "Effect": "Allow", "Action": "s3:*", "Resource": "*" } ] }"#,
        );
        let json = spaced.json.as_ref().expect("valid");
        assert!(!json.as_str().contains(' '), "{}", json.as_str());
        assert_eq!(value(json)["Statement"][0]["Action"], "s3:*");
        // In a snapshot the document is a JSON object, as it always was, not a string holding JSON.
        let written = serde_json::to_string(&spaced).unwrap();
        assert!(written.starts_with(r#"{"json":{"#), "{written}");
        let as_value = serde_json::to_value(&spaced).unwrap();
        assert_eq!(as_value["json"]["Version"], "2012-10-17");
        // Read back (from text or from a value), whitespace is gone again: equal documents are equal.
        let reread: PolicyDocument = serde_json::from_str(&written.replace(",", " , ")).unwrap();
        assert_eq!(reread, spaced);
        assert_eq!(serde_json::from_value::<PolicyDocument>(as_value).unwrap(), spaced);
    }

    #[test]
    fn iam_documents_are_percent_decoded_before_parsing() {
        let doc = PolicyDocument::from_iam_encoded("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D");
        assert_eq!(value(&doc.json.unwrap())["Version"], "2012-10-17");
    }

    #[test]
    fn iam_documents_that_are_already_json_are_not_decoded_again() {
        let doc = PolicyDocument::from_iam_encoded(r#"{"Sid":"50%25"}"#);
        assert_eq!(value(&doc.json.unwrap())["Sid"], "50%25");
    }

    #[test]
    fn resource_policies_keep_literal_percent_signs() {
        let doc = PolicyDocument::from_json_text(r#"{"Sid":"100%25 literal"}"#);
        assert_eq!(value(&doc.json.unwrap())["Sid"], "100%25 literal");
    }

    #[test]
    fn malformed_documents_keep_text_and_error() {
        let doc = PolicyDocument::from_json_text("{not json");
        assert!(doc.json.is_none());
        assert_eq!(doc.unparsed.as_deref(), Some("{not json"));
        assert!(doc.parse_error.unwrap().contains("invalid JSON"));
    }
}
