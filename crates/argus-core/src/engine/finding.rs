//! Findings: one verdict about one resource from one check.

use crate::snapshot::Tags;
pub use arcstr::ArcStr;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

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

/// The region of account-wide resources (IAM, the account itself): one static copy every such
/// resource record shares.
pub const GLOBAL_REGION: ArcStr = arcstr::literal!("global");

impl Resource {
    /// A resource whose id is its ARN (trails, secrets, managed policies).
    pub fn identified_by_arn(arn: &str, name: &str, region: ArcStr, tags: &Tags) -> Resource {
        let arn = ArcStr::from(arn);
        Resource { id: arn.clone(), arn, name: name.into(), region, tags: tags.clone() }
    }

    /// A resource whose id is its name (buckets, functions, IAM principals, RDS identifiers): one
    /// shared string for both.
    pub fn identified_by_name(name: &str, arn: &str, region: ArcStr, tags: &Tags) -> Resource {
        let name = ArcStr::from(name);
        Resource { id: name.clone(), arn: arn.into(), name, region, tags: tags.clone() }
    }
}

/// Which check judged, and in which account: the same for every finding of one check's run, so its
/// findings share one record (findings answering different Prowler ids share one record per set).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FindingSource {
    pub check_id: ArcStr,
    pub severity: Severity,
    pub service: ArcStr,
    pub account_id: ArcStr,
    pub prowler: ProwlerIds,
}

/// The Prowler checks a finding answers under ids other than its own check's: the aliases its check
/// declares (`prowler_aliases` in its metadata), narrowed by the check to those the finding is about
/// (a security group open on 3306 answers Prowler's MySQL check, not its Redis one).
///
/// A mutelist entry naming one of these ids mutes the finding only when entries mute every one of
/// them and the finding is about nothing else (`partial` false): a Prowler mutelist then mutes in argus
/// what it muted in Prowler, and never more.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ProwlerIds {
    pub ids: Box<[ArcStr]>,
    /// The finding is also about something none of `ids` looks at (say a high-risk port no Prowler
    /// check names).
    pub partial: bool,
}

impl ProwlerIds {
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i.as_str() == id)
    }
}

/// An attack path as a finding shows it: the hops from where it starts to where it ends, and what
/// makes each hop. Every string comes from the account (or a findings file) and is untrusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttackPath {
    pub hops: Vec<PathHop>,
    /// `edges[i]` leads from `hops[i]` to `hops[i + 1]`.
    pub edges: Vec<PathEdge>,
}

/// One node of an [`AttackPath`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathHop {
    /// What the node is: `internet`, `any_account`, `account`, `user`, `role`, `instance`,
    /// `function`, `database`, `bucket`, `secret`, `kms_key`, `admin`, or `action` (a permission the
    /// previous hop holds on something outside the graph).
    pub kind: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub arn: String,
}

/// One hop of an [`AttackPath`]: what makes it and which statements grant it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathEdge {
    /// The action or setting: `sts:AssumeRole`, `instance profile`, `SSH open to 0.0.0.0/0 in sg-1`.
    pub via: String,
    /// The escalation method's pathfinding.cloud id (`iam-002`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The statements that grant the hop (`policy statement`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<String>,
    /// The hop depends on a Condition, a narrower resource or a possible Deny.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
    /// The hop could not be decided: the data that was not collected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
}

/// The attack paths a finding is about: the few its message spells out, and how many more its check
/// found. Findings of other checks have none (`Finding::paths` is `None`: one pointer per finding).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AttackPaths {
    pub shown: Vec<AttackPath>,
    pub not_shown: usize,
}

/// One verdict about one resource from one check.
///
/// The check (`FindingSource`) is shared (`Arc`): a check's findings point at one record of its id,
/// severity, service and account (a million-resource account has millions of findings). Serialised flat, as `check_id`, `severity`, `service`, `account_id`,
/// `region`, `resource_id`, `resource_arn`, `resource_name` and `resource_tags` beside the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub source: Arc<FindingSource>,
    pub resource: Arc<Resource>,
    /// Shared by consecutive findings of a check that say the same thing.
    pub message: ArcStr,
    pub status: Status,
    /// Set by a mutelist: the finding keeps its status but does not count towards the exit code.
    pub muted: bool,
    /// The attack paths of a `paths_*` finding, drawn by the HTML report.
    pub paths: Option<Arc<AttackPaths>>,
}

impl Finding {
    pub fn check_id(&self) -> &ArcStr {
        &self.source.check_id
    }

    pub fn severity(&self) -> Severity {
        self.source.severity
    }

    pub fn service(&self) -> &ArcStr {
        &self.source.service
    }

    pub fn account_id(&self) -> &ArcStr {
        &self.source.account_id
    }

    /// The source to change, copied first when other findings share it.
    pub fn source_mut(&mut self) -> &mut FindingSource {
        Arc::make_mut(&mut self.source)
    }
}

/// The serialised form of a [`Finding`] (flat; the field order is the report's).
#[derive(Serialize)]
struct FlatFindingRef<'a> {
    check_id: &'a str,
    status: Status,
    severity: Severity,
    service: &'a str,
    account_id: &'a str,
    region: &'a str,
    resource_id: &'a str,
    resource_arn: &'a str,
    resource_name: &'a str,
    #[serde(skip_serializing_if = "Tags::is_empty")]
    resource_tags: &'a Tags,
    message: &'a str,
    muted: bool,
    #[serde(skip_serializing_if = "<[ArcStr]>::is_empty")]
    prowler_check_ids: &'a [ArcStr],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    prowler_check_ids_partial: bool,
    #[serde(skip_serializing_if = "<[AttackPath]>::is_empty")]
    attack_paths: &'a [AttackPath],
    #[serde(skip_serializing_if = "is_zero")]
    attack_paths_not_shown: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Deserialize)]
struct FlatFinding {
    check_id: ArcStr,
    status: Status,
    severity: Severity,
    service: ArcStr,
    account_id: ArcStr,
    region: ArcStr,
    resource_id: ArcStr,
    resource_arn: ArcStr,
    resource_name: ArcStr,
    #[serde(default)]
    resource_tags: Tags,
    message: ArcStr,
    #[serde(default)]
    muted: bool,
    #[serde(default)]
    prowler_check_ids: Vec<ArcStr>,
    #[serde(default)]
    prowler_check_ids_partial: bool,
    #[serde(default)]
    attack_paths: Vec<AttackPath>,
    #[serde(default)]
    attack_paths_not_shown: usize,
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = &self.resource;
        FlatFindingRef {
            check_id: &self.source.check_id,
            status: self.status,
            severity: self.source.severity,
            service: &self.source.service,
            account_id: &self.source.account_id,
            region: &r.region,
            resource_id: &r.id,
            resource_arn: &r.arn,
            resource_name: &r.name,
            resource_tags: &r.tags,
            message: &self.message,
            muted: self.muted,
            prowler_check_ids: &self.source.prowler.ids,
            prowler_check_ids_partial: self.source.prowler.partial,
            attack_paths: self.paths.as_deref().map_or(&[], |p| &p.shown),
            attack_paths_not_shown: self.paths.as_deref().map_or(0, |p| p.not_shown),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Finding, D::Error> {
        let f = FlatFinding::deserialize(d)?;
        Ok(Finding {
            source: Arc::new(FindingSource {
                check_id: f.check_id,
                severity: f.severity,
                service: f.service,
                account_id: f.account_id,
                prowler: ProwlerIds { ids: f.prowler_check_ids.into(), partial: f.prowler_check_ids_partial },
            }),
            resource: Arc::new(Resource {
                id: f.resource_id,
                arn: f.resource_arn,
                name: f.resource_name,
                region: f.region,
                tags: f.resource_tags,
            }),
            message: f.message,
            status: f.status,
            muted: f.muted,
            paths: (!f.attack_paths.is_empty() || f.attack_paths_not_shown > 0)
                .then(|| Arc::new(AttackPaths { shown: f.attack_paths, not_shown: f.attack_paths_not_shown })),
        })
    }
}

/// Findings read from a file, each check's findings sharing one source again (deserialised, every
/// finding gets its own). For `#[serde(deserialize_with)]` on a list of findings.
pub(crate) fn deserialize_sharing_sources<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Finding>, D::Error> {
    let mut findings = Vec::<Finding>::deserialize(d)?;
    let mut shared: std::collections::HashSet<Arc<FindingSource>> = Default::default();
    for f in &mut findings {
        match shared.get(&f.source) {
            Some(first) => f.source = first.clone(),
            None => {
                shared.insert(f.source.clone());
            }
        }
    }
    Ok(findings)
}

impl Finding {
    /// Identity of a finding across scans (for diffs): check, account, region and resource.
    pub fn key(&self) -> (ArcStr, ArcStr, ArcStr, ArcStr) {
        (
            self.source.check_id.clone(),
            self.source.account_id.clone(),
            self.resource.region.clone(),
            self.resource.id.clone(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_read_from_a_file_share_their_check_source() {
        #[derive(Deserialize)]
        struct File {
            #[serde(deserialize_with = "deserialize_sharing_sources")]
            findings: Vec<Finding>,
        }
        let about = |check: &str, resource: &str| {
            crate::testing::finding_about(check, "s3", "123456789012", "us-east-1", resource, Status::Pass)
        };
        let written = vec![about("a", "r1"), about("b", "r1"), about("a", "r2")];
        let text = serde_json::json!({ "findings": written }).to_string();
        let read: File = serde_json::from_str(&text).expect("valid");
        assert_eq!(read.findings, written);
        assert!(Arc::ptr_eq(&read.findings[0].source, &read.findings[2].source));
        assert!(!Arc::ptr_eq(&read.findings[0].source, &read.findings[1].source));
    }

    #[test]
    fn serialises_flat_and_reads_back_equal() {
        let finding = Finding {
            source: Arc::new(FindingSource {
                check_id: "s3_bucket_public_access".into(),
                severity: Severity::High,
                service: "s3".into(),
                account_id: "123456789012".into(),
                prowler: Default::default(),
            }),
            status: Status::Fail,
            resource: Arc::new(Resource {
                id: "b".into(),
                arn: "arn:aws:s3:::b".into(),
                name: "b".into(),
                region: "eu-west-1".into(),
                tags: Tags::from([("env".to_string(), "prod".to_string())]),
            }),
            message: "public".into(),
            muted: false,
            paths: None,
        };
        let text = serde_json::to_string(&finding).unwrap();
        let position = |key: &str| text.find(&format!("\"{key}\":")).unwrap_or(usize::MAX);
        let order = [
            "check_id",
            "status",
            "severity",
            "service",
            "account_id",
            "region",
            "resource_id",
            "resource_arn",
            "resource_name",
            "resource_tags",
            "message",
            "muted",
        ];
        assert!(order.windows(2).all(|w| position(w[0]) < position(w[1])), "flat, in report order: {text}");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::from_value::<Finding>(json).unwrap(), finding);
        // Untagged resources leave the key out; reading it back gives empty tags.
        let mut untagged = finding.clone();
        Arc::make_mut(&mut untagged.resource).tags = Tags::new();
        let json = serde_json::to_value(&untagged).unwrap();
        assert!(json.get("resource_tags").is_none());
        assert_eq!(serde_json::from_value::<Finding>(json.clone()).unwrap(), untagged);
        assert!(json.get("prowler_check_ids").is_none() && json.get("prowler_check_ids_partial").is_none());
        assert!(json.get("attack_paths").is_none() && json.get("attack_paths_not_shown").is_none());
    }

    #[test]
    fn attack_paths_are_written_and_read_back() {
        let mut finding =
            crate::testing::finding_about("paths_x", "paths", "123456789012", "global", "dev", Status::Fail);
        let hop = |kind: &str, name: &str| PathHop { kind: kind.into(), name: name.into(), arn: String::new() };
        finding.paths = Some(Arc::new(AttackPaths {
            shown: vec![AttackPath {
                hops: vec![hop("user", "dev"), hop("admin", "admin")],
                edges: vec![PathEdge {
                    via: "holds administrator access".into(),
                    method: Some("iam-002".into()),
                    grants: vec!["AdministratorAccess All".into()],
                    conditional: true,
                    missing: None,
                }],
            }],
            not_shown: 2,
        }));
        let json = serde_json::to_value(&finding).unwrap();
        assert_eq!(json["attack_paths"][0]["hops"][1], serde_json::json!({"kind": "admin", "name": "admin"}));
        assert_eq!(json["attack_paths"][0]["edges"][0]["method"], "iam-002");
        assert!(json["attack_paths"][0]["edges"][0].get("missing").is_none());
        assert_eq!(json["attack_paths_not_shown"], 2);
        assert_eq!(serde_json::from_value::<Finding>(json).unwrap(), finding);
    }

    #[test]
    fn prowler_ids_are_written_and_read_back() {
        let mut finding = crate::testing::finding_about("c", "ec2", "123456789012", "eu-west-1", "sg-1", Status::Fail);
        finding.source_mut().prowler =
            ProwlerIds { ids: Box::new(["p_mysql".into(), "p_redis".into()]), partial: true };
        let json = serde_json::to_value(&finding).unwrap();
        assert_eq!(json["prowler_check_ids"], serde_json::json!(["p_mysql", "p_redis"]));
        assert_eq!(json["prowler_check_ids_partial"], true);
        assert_eq!(serde_json::from_value::<Finding>(json).unwrap(), finding);
    }
}
