//! OCSF output (`json-ocsf`): a JSON array of OCSF 1.3 Detection Findings (class 2004), one per finding.
//!
//! Mapping: PASS/FAIL/ERROR go to `status_code` with the message in `status_detail`; the finding
//! lifecycle `status_id` is New, or Suppressed for muted findings. Compliance mappings have no OCSF
//! attribute in this class, so they travel in `unmapped.compliance`; so do the attack paths of a
//! `paths_*` finding (`unmapped.attack_paths`, as in the JSON findings).

use super::error::ReportError;
use super::machine::{finding_uid, iso8601, partition_of, requirements, FINDING_TYPE};
use super::FindingsFile;
use crate::engine::metadata::{self, CheckMetadata};
use crate::engine::{AttackPath, Finding, Severity, Status};
use serde::Serialize;
use std::collections::BTreeMap;

/// The OCSF schema version the output follows.
pub const OCSF_VERSION: &str = "1.3.0";
const CLASS_UID: u32 = 2004;
const CATEGORY_UID: u32 = 2;
/// Every finding is reported as created by this scan (OCSF activity "Create").
const ACTIVITY_CREATE: u32 = 1;
/// OCSF account type "AWS Account".
const ACCOUNT_TYPE_AWS: u32 = 10;

pub fn render(file: &FindingsFile) -> Result<String, ReportError> {
    super::machine::into_string(|out| write(file, out))
}

pub fn write(file: &FindingsFile, out: &mut dyn std::io::Write) -> Result<(), ReportError> {
    let events: Vec<DetectionFinding<'_>> = file.findings.iter().map(|f| DetectionFinding::new(file, f)).collect();
    Ok(serde_json::to_writer_pretty(out, &events)?)
}

#[derive(Serialize)]
struct DetectionFinding<'a> {
    activity_id: u32,
    activity_name: &'static str,
    category_uid: u32,
    category_name: &'static str,
    class_uid: u32,
    class_name: &'static str,
    type_uid: u32,
    type_name: &'static str,
    time: i64,
    time_dt: String,
    severity_id: u32,
    severity: &'static str,
    status_id: u32,
    status: &'static str,
    status_code: &'static str,
    status_detail: &'a str,
    message: &'a str,
    is_alert: bool,
    finding_info: FindingInfo<'a>,
    metadata: Metadata<'a>,
    cloud: Cloud<'a>,
    resources: [ResourceDetails<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    remediation: Option<Remediation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    risk_details: Option<&'a str>,
    unmapped: Unmapped<'a>,
}

#[derive(Serialize)]
struct FindingInfo<'a> {
    uid: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    desc: Option<&'a str>,
    types: [&'static str; 1],
    created_time: i64,
    created_time_dt: String,
}

#[derive(Serialize)]
struct Metadata<'a> {
    product: Product<'a>,
    version: &'static str,
    event_code: &'a str,
    profiles: [&'static str; 2],
}

#[derive(Serialize)]
struct Product<'a> {
    name: &'static str,
    vendor_name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct Cloud<'a> {
    provider: &'static str,
    account: Account<'a>,
    region: &'a str,
}

#[derive(Serialize)]
struct Account<'a> {
    uid: &'a str,
    /// The account alias where it was readable, else the id: consumers such as Prowler's OCSF models
    /// require a name.
    name: &'a str,
    type_id: u32,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct ResourceDetails<'a> {
    uid: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    region: &'a str,
    cloud_partition: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<KeyValue<'a>>,
}

#[derive(Serialize)]
struct KeyValue<'a> {
    name: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
struct Remediation<'a> {
    desc: &'a str,
    references: &'a [String],
}

#[derive(Serialize)]
struct Unmapped<'a> {
    service: &'a str,
    compliance: BTreeMap<&'static str, &'a [String]>,
    /// Every Prowler check id the finding answers: `metadata.event_code` when Prowler has that check,
    /// then the Prowler ids its check answers under other names (`prowler_check_ids` of the JSON
    /// finding), so that tooling written for Prowler's OCSF finds aliased findings in one place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    prowler_check_ids: Vec<&'a str>,
    /// The attack paths the finding is about (`attack_paths` of the JSON finding).
    #[serde(skip_serializing_if = "<[AttackPath]>::is_empty")]
    attack_paths: &'a [AttackPath],
    #[serde(skip_serializing_if = "is_zero")]
    attack_paths_not_shown: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl<'a> DetectionFinding<'a> {
    fn new(file: &'a FindingsFile, f: &'a Finding) -> Self {
        let meta: Option<&'static CheckMetadata> = metadata::find(f.check_id());
        let time = file.collected_at.timestamp_millis();
        let (status_id, status) = if f.muted { (3, "Suppressed") } else { (1, "New") };
        let (severity_id, severity) = severity_of(f.severity());
        DetectionFinding {
            activity_id: ACTIVITY_CREATE,
            activity_name: "Create",
            category_uid: CATEGORY_UID,
            category_name: "Findings",
            class_uid: CLASS_UID,
            class_name: "Detection Finding",
            type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
            type_name: "Detection Finding: Create",
            time,
            time_dt: iso8601(file.collected_at),
            severity_id,
            severity,
            status_id,
            status,
            status_code: f.status.as_str(),
            status_detail: &f.message,
            message: &f.message,
            is_alert: f.status == Status::Fail && !f.muted,
            finding_info: FindingInfo {
                uid: finding_uid(f),
                title: meta.map_or(f.check_id().as_str(), |m| m.title.as_str()),
                desc: meta.map(|m| m.description.as_str()),
                types: [FINDING_TYPE],
                created_time: time,
                created_time_dt: iso8601(file.collected_at),
            },
            metadata: Metadata {
                product: Product { name: "argus", vendor_name: "argus", version: &file.argus_version },
                version: OCSF_VERSION,
                event_code: f.check_id(),
                profiles: ["cloud", "datetime"],
            },
            cloud: Cloud {
                provider: "AWS",
                account: Account {
                    uid: f.account_id(),
                    name: file.account_name(f.account_id()),
                    type_id: ACCOUNT_TYPE_AWS,
                    kind: "AWS Account",
                },
                region: &f.resource.region,
            },
            resources: [ResourceDetails {
                uid: if f.resource.arn.is_empty() { &f.resource.id } else { &f.resource.arn },
                name: &f.resource.name,
                kind: meta.map_or("Other", |m| m.resource_type.as_str()),
                region: &f.resource.region,
                cloud_partition: partition_of(&f.resource.arn),
                tags: f.resource.tags.iter().map(|(name, value)| KeyValue { name, value }).collect(),
            }],
            remediation: meta.map(|m| Remediation { desc: &m.remediation.text, references: &m.references }),
            risk_details: meta.map(|m| m.risk.as_str()),
            unmapped: Unmapped {
                service: f.service(),
                compliance: meta
                    .map(|m| requirements(&m.compliance).into_iter().map(|(fw, ids)| (fw.ocsf_key, ids)).collect())
                    .unwrap_or_default(),
                prowler_check_ids: crate::prowler::find(f.check_id())
                    .map(|p| p.id)
                    .into_iter()
                    .chain(f.source.prowler.ids.iter().map(|id| id.as_str()))
                    .collect(),
                attack_paths: f.paths.as_deref().map_or(&[], |p| &p.shown),
                attack_paths_not_shown: f.paths.as_deref().map_or(0, |p| p.not_shown),
            },
        }
    }
}

/// OCSF `severity_id` and its caption.
fn severity_of(s: Severity) -> (u32, &'static str) {
    match s {
        Severity::Informational => (1, "Informational"),
        Severity::Low => (2, "Low"),
        Severity::Medium => (3, "Medium"),
        Severity::High => (4, "High"),
        Severity::Critical => (5, "Critical"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::machine::fixtures;
    use super::*;
    use serde_json::Value;

    /// Attributes OCSF 1.3 marks required for a Detection Finding (base event + finding class +
    /// the cloud profile we declare), and the required attributes of the objects they hold.
    /// `finding_info.title` was required up to 1.3 and is kept required here.
    const REQUIRED: &[&str] = &[
        "/activity_id",
        "/category_uid",
        "/class_uid",
        "/type_uid",
        "/time",
        "/severity_id",
        "/finding_info",
        "/finding_info/uid",
        "/finding_info/title",
        "/metadata",
        "/metadata/version",
        "/metadata/product",
        "/metadata/product/name",
        "/metadata/product/vendor_name",
        "/cloud",
        "/cloud/provider",
        // Required by py-ocsf-models' Account, which Prowler emits and ingests OCSF with.
        "/cloud/account/uid",
        "/cloud/account/name",
    ];

    fn events(file: &FindingsFile) -> Vec<Value> {
        match serde_json::from_str(&render(file).unwrap()).unwrap() {
            Value::Array(v) => v,
            other => panic!("not a JSON array: {other}"),
        }
    }

    #[test]
    fn every_event_has_every_required_attribute() {
        let file = fixtures::sample();
        let events = events(&file);
        assert_eq!(events.len(), file.findings.len());
        for (event, finding) in events.iter().zip(&file.findings) {
            for path in REQUIRED {
                let v = event.pointer(path).unwrap_or_else(|| panic!("{} lacks {path}", finding.check_id()));
                assert!(!v.is_null() && v != "", "{} has empty {path}", finding.check_id());
            }
            assert_eq!(event["class_uid"], 2004);
            assert_eq!(event["category_uid"], 2);
            assert_eq!(event["type_uid"], 2004 * 100 + event["activity_id"].as_u64().unwrap());
            assert_eq!(event["metadata"]["version"], OCSF_VERSION);
            assert_eq!(event["metadata"]["event_code"], finding.check_id().as_str());
            assert_eq!(event["status_code"], finding.status.as_str());
            assert_eq!(event["status_detail"], finding.message.as_str());
            assert_eq!(event["time"], file.collected_at.timestamp_millis());
            assert_eq!(event["cloud"]["account"]["uid"], fixtures::ACCOUNT);
        }
    }

    #[test]
    fn the_account_is_named_by_its_alias_where_known_else_its_id() {
        let mut file = fixtures::sample();
        assert!(events(&file).iter().all(|e| e["cloud"]["account"]["name"] == fixtures::ACCOUNT));
        file.account_names.insert(fixtures::ACCOUNT.to_string(), "prod-payments".to_string());
        assert!(events(&file).iter().all(|e| e["cloud"]["account"]["name"] == "prod-payments"));
    }

    #[test]
    fn no_findings_is_an_empty_array() {
        assert!(events(&fixtures::file(vec![])).is_empty());
    }

    #[test]
    fn severity_status_muting_and_compliance_are_mapped() {
        let events = events(&fixtures::sample());
        let root = &events[0];
        assert_eq!(root["severity_id"], 4);
        assert_eq!(root["severity"], "High");
        assert_eq!((root["status_id"].clone(), root["status"].clone()), (1.into(), "New".into()));
        assert_eq!(root["finding_info"]["uid"], "argus-iam_avoid_root_usage-123456789012-global-123456789012");
        assert_eq!(root["resources"][0]["type"], "AwsAccount");
        assert_eq!(root["unmapped"]["compliance"]["CIS-5.0"], serde_json::json!(["1.6"]));
        assert!(root["remediation"]["desc"].as_str().is_some_and(|d| !d.is_empty()));
        assert!(root["is_alert"].as_bool().unwrap());

        let muted = &events[3];
        assert_eq!((muted["status_id"].clone(), muted["status"].clone()), (3.into(), "Suppressed".into()));
        assert_eq!(muted["status_code"], "FAIL");
        assert!(!muted["is_alert"].as_bool().unwrap());

        assert_eq!(events[4]["status_code"], "ERROR");
        // A check without metadata still yields a complete event.
        let unknown = &events[5];
        assert_eq!(unknown["finding_info"]["title"], "custom_unknown_check");
        assert_eq!(unknown["resources"][0]["type"], "Other");
        assert_eq!(unknown["resources"][0]["uid"], "thing");
    }

    #[test]
    fn prowler_ids_are_listed_under_unmapped() {
        let mut file = fixtures::sample();
        let high_risk = "ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports";
        let mysql = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306";
        let mut aliased = file.findings[0].clone();
        aliased.source_mut().check_id = high_risk.into();
        aliased.source_mut().prowler = crate::engine::ProwlerIds { ids: Box::new([mysql.into()]), partial: false };
        file.findings.push(aliased);
        let events = events(&file);
        // iam_avoid_root_usage is a Prowler id itself.
        assert_eq!(events[0]["unmapped"]["prowler_check_ids"], serde_json::json!(["iam_avoid_root_usage"]));
        let last = events.last().expect("event");
        assert_eq!(last["metadata"]["event_code"], high_risk);
        // The high-risk check is a Prowler id too; its finding also answers the MySQL check.
        assert_eq!(last["unmapped"]["prowler_check_ids"], serde_json::json!([high_risk, mysql]));
    }

    #[test]
    fn attack_paths_are_listed_under_unmapped() {
        use crate::engine::{AttackPaths, PathEdge, PathHop};
        let mut file = fixtures::sample();
        let hop = |name: &str| PathHop { kind: "role".into(), name: name.into(), arn: String::new() };
        let via =
            PathEdge { via: "sts:AssumeRole".into(), method: None, grants: vec![], conditional: false, missing: None };
        let path = AttackPath { hops: vec![hop("a"), hop(fixtures::XSS)], edges: vec![via] };
        file.findings[0].paths = Some(std::sync::Arc::new(AttackPaths { shown: vec![path.clone()], not_shown: 4 }));
        let events = events(&file);
        assert_eq!(events[0]["unmapped"]["attack_paths"], serde_json::json!([path]));
        assert_eq!(events[0]["unmapped"]["attack_paths"][0]["hops"][1]["name"], fixtures::XSS);
        assert_eq!(events[0]["unmapped"]["attack_paths_not_shown"], 4);
        assert!(events[1]["unmapped"].get("attack_paths").is_none());
        assert!(events[1]["unmapped"].get("attack_paths_not_shown").is_none());
    }

    #[test]
    fn hostile_strings_survive_as_data() {
        let file = fixtures::sample();
        let events = events(&file);
        let hostile = &events[1];
        assert_eq!(hostile["status_detail"], file.findings[1].message.as_str());
        assert_eq!(hostile["resources"][0]["name"], file.findings[1].resource.name.as_str());
        assert_eq!(hostile["resources"][0]["tags"][1], serde_json::json!({"name": "owner", "value": fixtures::XSS}));
    }
}
