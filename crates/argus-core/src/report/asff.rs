//! AWS Security Finding Format (`asff`): a JSON array of findings for Security Hub `BatchImportFindings`.
//!
//! The product ARN is the account's default custom-integration product in the finding's region
//! (`arn:PARTITION:securityhub:REGION:ACCOUNT:product/ACCOUNT/default`); account-wide (`global`)
//! findings use the first scanned region. Security Hub accepts a batch only in the region of its
//! product ARN, so callers importing several regions send each region's findings there.
//!
//! Length limits of the API are enforced here (Title 256, Description 1024, recommendation text 512,
//! Id 512, 32 related requirements): text is cut on a character boundary and marked with `…`, and
//! an over-long Id keeps its uniqueness with a hash suffix.

use super::error::ReportError;
use super::machine::{finding_uid, iso8601, partition_of, requirements, FINDING_TYPE};
use super::FindingsFile;
use crate::engine::metadata::{self, CheckMetadata};
use crate::engine::{Finding, Severity, Status};
use crate::snapshot::Tags;
use serde::Serialize;
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: &str = "2018-10-08";
pub const MAX_ID: usize = 512;
pub const MAX_TITLE: usize = 256;
pub const MAX_DESCRIPTION: usize = 1024;
pub const MAX_RECOMMENDATION: usize = 512;
pub const MAX_RELATED_REQUIREMENTS: usize = 32;
/// ProductFields values are limited to 2048 characters.
const MAX_PRODUCT_FIELD: usize = 2048;
/// Used when a finding is global and the scan recorded no region.
const FALLBACK_REGION: &str = "us-east-1";

/// ASFF resource types argus's checks produce that Security Hub knows; anything else is `Other`.
const KNOWN_RESOURCE_TYPES: &[&str] = &[
    "AwsAccount",
    "AwsCloudTrailTrail",
    "AwsEc2Instance",
    "AwsEc2NetworkAcl",
    "AwsEc2SecurityGroup",
    "AwsEc2Volume",
    "AwsEc2Vpc",
    "AwsIamGroup",
    "AwsIamPolicy",
    "AwsIamRole",
    "AwsIamUser",
    "AwsKmsKey",
    "AwsLambdaFunction",
    "AwsRdsDbCluster",
    "AwsRdsDbClusterSnapshot",
    "AwsRdsDbInstance",
    "AwsRdsDbSnapshot",
    "AwsS3Bucket",
    "AwsSecretsManagerSecret",
];

pub fn render(file: &FindingsFile) -> Result<String, ReportError> {
    super::machine::into_string(|out| write(file, out))
}

/// The findings as one JSON array, built and serialised one finding at a time.
pub fn write(file: &FindingsFile, out: &mut dyn std::io::Write) -> Result<(), ReportError> {
    use serde::ser::{SerializeSeq, Serializer};
    let home_region = file.regions.first().map_or(FALLBACK_REGION, String::as_str);
    let mut serializer = serde_json::Serializer::pretty(out);
    let mut seq = serializer.serialize_seq(Some(file.findings.len()))?;
    for f in &file.findings {
        seq.serialize_element(&AsffFinding::new(file, f, home_region))?;
    }
    Ok(seq.end()?)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AsffFinding {
    schema_version: &'static str,
    id: String,
    product_arn: String,
    generator_id: String,
    aws_account_id: String,
    types: Vec<String>,
    created_at: String,
    updated_at: String,
    first_observed_at: String,
    last_observed_at: String,
    severity: SeverityField,
    title: String,
    description: String,
    resources: [ResourceField; 1],
    compliance: ComplianceField,
    #[serde(skip_serializing_if = "Option::is_none")]
    remediation: Option<RemediationField>,
    record_state: &'static str,
    workflow: WorkflowField,
    product_fields: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SeverityField {
    label: &'static str,
    original: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ResourceField {
    #[serde(rename = "Type")]
    kind: &'static str,
    id: String,
    partition: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    #[serde(skip_serializing_if = "Tags::is_empty")]
    tags: Tags,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ComplianceField {
    status: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_requirements: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RemediationField {
    recommendation: Recommendation,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Recommendation {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct WorkflowField {
    status: &'static str,
}

impl AsffFinding {
    fn new(file: &FindingsFile, f: &Finding, home_region: &str) -> Self {
        let meta: Option<&'static CheckMetadata> = metadata::find(f.check_id());
        let partition = known_partition(partition_of(&f.resource.arn));
        let region = if f.resource.region.is_empty() || f.resource.region == "global" {
            home_region
        } else {
            f.resource.region.as_str()
        };
        let now = iso8601(file.collected_at);
        let description = match (f.message.trim().is_empty(), meta) {
            (false, _) => f.message.as_str(),
            (true, Some(m)) => m.description.as_str(),
            (true, None) => f.check_id().as_str(),
        };
        AsffFinding {
            schema_version: SCHEMA_VERSION,
            id: bounded_id(&finding_uid(f)),
            product_arn: format!("arn:{partition}:securityhub:{region}:{0}:product/{0}/default", f.account_id()),
            generator_id: bounded_id(f.check_id()),
            aws_account_id: f.account_id().to_string(),
            types: finding_types(meta),
            created_at: now.clone(),
            updated_at: now.clone(),
            first_observed_at: now.clone(),
            last_observed_at: now,
            severity: SeverityField { label: severity_label(f.severity()), original: f.severity().as_str() },
            title: truncate(meta.map_or(f.check_id().as_str(), |m| m.title.as_str()), MAX_TITLE),
            description: truncate(description, MAX_DESCRIPTION),
            resources: [ResourceField {
                kind: resource_type(meta),
                id: bounded_id(if f.resource.arn.is_empty() { &f.resource.id } else { &f.resource.arn }),
                partition,
                region: (f.resource.region != "global" && !f.resource.region.is_empty())
                    .then(|| f.resource.region.to_string()),
                tags: f.resource.tags.clone(),
            }],
            compliance: ComplianceField {
                status: compliance_status(f.status),
                related_requirements: meta.map(related_requirements).unwrap_or_default(),
            },
            remediation: meta.map(|m| RemediationField {
                recommendation: Recommendation {
                    text: truncate(&m.remediation.text, MAX_RECOMMENDATION),
                    url: m.references.first().cloned(),
                },
            }),
            record_state: if f.muted { "ARCHIVED" } else { "ACTIVE" },
            workflow: WorkflowField { status: workflow_status(f) },
            product_fields: BTreeMap::from([
                ("ProviderName", "argus".to_string()),
                ("ProviderVersion", truncate(&file.argus_version, MAX_PRODUCT_FIELD)),
                ("argus/Status", f.status.as_str().to_string()),
                ("argus/Service", truncate(f.service(), MAX_PRODUCT_FIELD)),
                ("argus/ResourceName", truncate(&f.resource.name, MAX_PRODUCT_FIELD)),
                ("argus/Muted", f.muted.to_string()),
            ]),
        }
    }
}

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Informational => "INFORMATIONAL",
        Severity::Low => "LOW",
        Severity::Medium => "MEDIUM",
        Severity::High => "HIGH",
        Severity::Critical => "CRITICAL",
    }
}

/// ERROR means "could not evaluate": Security Hub's WARNING is the closest (NOT_AVAILABLE would
/// claim the check does not apply).
fn compliance_status(s: Status) -> &'static str {
    match s {
        Status::Pass => "PASSED",
        Status::Fail => "FAILED",
        Status::Error => "WARNING",
    }
}

/// Muted wins (the user suppressed it), then a PASS is resolved, everything else is new.
fn workflow_status(f: &Finding) -> &'static str {
    match (f.muted, f.status) {
        (true, _) => "SUPPRESSED",
        (false, Status::Pass) => "RESOLVED",
        (false, _) => "NEW",
    }
}

fn resource_type(meta: Option<&CheckMetadata>) -> &'static str {
    meta.and_then(|m| KNOWN_RESOURCE_TYPES.iter().find(|t| **t == m.resource_type)).copied().unwrap_or("Other")
}

/// Security Hub accepts only these partitions in `Resources[].Partition`.
fn known_partition(p: &str) -> &'static str {
    match p {
        "aws-cn" => "aws-cn",
        "aws-us-gov" => "aws-us-gov",
        _ => "aws",
    }
}

fn finding_types(meta: Option<&CheckMetadata>) -> Vec<String> {
    let mut types = vec![FINDING_TYPE.to_string()];
    if meta.is_some_and(|m| !m.compliance.cis_5_0.is_empty() || !m.compliance.cis_7_0.is_empty()) {
        types.push(
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark".into(),
        );
    }
    types
}

/// `STANDARD/REQUIREMENT` labels, e.g. `CIS AWS Foundations Benchmark v5.0.0/1.4`, capped at the API limit.
fn related_requirements(meta: &CheckMetadata) -> Vec<String> {
    requirements(&meta.compliance)
        .into_iter()
        .flat_map(|(framework, ids)| ids.iter().map(move |id| format!("{}/{id}", framework.standard)))
        .take(MAX_RELATED_REQUIREMENTS)
        .collect()
}

/// Cuts `s` to at most `max` UTF-16 code units (the unit AWS counts; never more than `max`
/// characters either), on a character boundary, ending with `…` when something was cut.
fn truncate(s: &str, max: usize) -> String {
    if s.encode_utf16().count() <= max {
        return s.to_string();
    }
    let budget = max.saturating_sub(1); // room for the ellipsis (one UTF-16 unit)
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        used += c.len_utf16();
        if used > budget {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// An identifier within [`MAX_ID`]: long ones keep a prefix and gain a hash of the whole value, so
/// two different long ids stay different (cutting alone would merge them).
fn bounded_id(id: &str) -> String {
    if id.encode_utf16().count() <= MAX_ID {
        return id.to_string();
    }
    let suffix = format!("-{:016x}", fnv1a(id.as_bytes()));
    let mut out = truncate(id, MAX_ID - suffix.len() + 1);
    out.pop(); // the ellipsis: ids should stay plain text
    out.push_str(&suffix);
    out
}

/// 64-bit FNV-1a: tiny, stable across versions and platforms (std's hasher is not).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::super::machine::fixtures;
    use super::*;
    use serde_json::Value;

    const REQUIRED: &[&str] = &[
        "/SchemaVersion",
        "/Id",
        "/ProductArn",
        "/GeneratorId",
        "/AwsAccountId",
        "/Types/0",
        "/CreatedAt",
        "/UpdatedAt",
        "/Severity/Label",
        "/Title",
        "/Description",
        "/Resources/0/Type",
        "/Resources/0/Id",
    ];

    fn findings(file: &FindingsFile) -> Vec<Value> {
        match serde_json::from_str(&render(file).unwrap()).unwrap() {
            Value::Array(v) => v,
            other => panic!("not a JSON array: {other}"),
        }
    }

    fn chars(v: &Value) -> usize {
        v.as_str().map_or(0, |s| s.encode_utf16().count())
    }

    #[test]
    fn every_finding_has_every_required_field_within_limits() {
        let file = fixtures::sample();
        let out = findings(&file);
        assert_eq!(out.len(), file.findings.len());
        for (f, finding) in out.iter().zip(&file.findings) {
            for path in REQUIRED {
                let v = f.pointer(path).unwrap_or_else(|| panic!("{} lacks {path}", finding.check_id()));
                assert!(v.as_str().is_some_and(|s| !s.is_empty()), "{} has empty {path}", finding.check_id());
            }
            assert_eq!(f["SchemaVersion"], "2018-10-08");
            assert!(chars(&f["Title"]) <= MAX_TITLE);
            assert!(chars(&f["Description"]) <= MAX_DESCRIPTION);
            assert!(chars(&f["Id"]) <= MAX_ID);
            assert!(chars(&f["Remediation"]["Recommendation"]["Text"]) <= MAX_RECOMMENDATION);
            assert_eq!(f["CreatedAt"], "2026-06-01T12:30:00.000Z");
            let arn = f["ProductArn"].as_str().unwrap();
            assert!(
                arn.starts_with("arn:aws:securityhub:") && arn.ends_with(":123456789012:product/123456789012/default")
            );
            assert!(!arn.contains("global"), "{arn}");
        }
        assert!(findings(&fixtures::file(vec![])).is_empty());
    }

    #[test]
    fn statuses_severity_resources_and_compliance_are_mapped() {
        let out = findings(&fixtures::sample());
        let root = &out[0];
        assert_eq!(root["ProductArn"], "arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default");
        assert_eq!(root["GeneratorId"], "iam_avoid_root_usage");
        assert_eq!(root["Severity"]["Label"], "HIGH");
        assert_eq!(root["Resources"][0]["Type"], "AwsAccount");
        assert_eq!(root["Resources"][0]["Partition"], "aws");
        assert!(root["Resources"][0].get("Region").is_none());
        assert_eq!(root["Compliance"]["Status"], "FAILED");
        assert_eq!(
            root["Compliance"]["RelatedRequirements"],
            serde_json::json!(["CIS AWS Foundations Benchmark v5.0.0/1.6", "CIS AWS Foundations Benchmark v7.0.0/2.7"])
        );
        assert_eq!((root["RecordState"].as_str(), root["Workflow"]["Status"].as_str()), (Some("ACTIVE"), Some("NEW")));

        let pass = &out[2];
        assert_eq!(
            (pass["Compliance"]["Status"].as_str(), pass["Workflow"]["Status"].as_str()),
            (Some("PASSED"), Some("RESOLVED"))
        );
        assert!(pass["Compliance"]["RelatedRequirements"]
            .as_array()
            .unwrap()
            .contains(&"AWS Foundational Security Best Practices v1.0.0/S3.8".into()));

        let muted = &out[3];
        assert_eq!(
            (muted["RecordState"].as_str(), muted["Workflow"]["Status"].as_str()),
            (Some("ARCHIVED"), Some("SUPPRESSED"))
        );
        assert_eq!(out[4]["Compliance"]["Status"], "WARNING");

        let unknown = &out[5];
        assert_eq!(unknown["Resources"][0]["Type"], "Other");
        assert_eq!(unknown["Resources"][0]["Id"], "thing");
        assert_eq!(unknown["ProductArn"], "arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default");
    }

    #[test]
    fn long_text_is_cut_on_character_boundaries() {
        let mut file = fixtures::sample();
        file.findings[0].message = "é🔥".repeat(2000).into();
        std::sync::Arc::make_mut(&mut file.findings[0].resource).id = "r".repeat(3000).into();
        let out = findings(&file);
        let description = out[0]["Description"].as_str().unwrap();
        assert!(description.encode_utf16().count() <= MAX_DESCRIPTION);
        assert!(description.ends_with('…') && description.starts_with("é🔥é🔥"));
        let id = out[0]["Id"].as_str().unwrap();
        assert_eq!(id.len(), MAX_ID);

        // Two long ids that share the kept prefix stay distinct.
        let a = bounded_id(&format!("{}a", "x".repeat(600)));
        let b = bounded_id(&format!("{}b", "x".repeat(600)));
        assert_ne!(a, b);
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("🔥🔥🔥", 4), "🔥…"); // a surrogate pair is never split
    }
}
