//! AWS Backup, per region: backup plans with their resource assignments (backup selections), and vaults
//! with their access policies.

use super::{Fetched, PolicyDocument, Tags};
use crate::policy::resource_matches;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupRegion {
    pub plans: Fetched<Vec<BackupPlan>>,
    pub vaults: Fetched<Vec<BackupVault>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BackupPlan {
    pub id: String,
    pub arn: String,
    pub name: String,
    /// Its resource assignments (ListBackupSelections, then GetBackupSelection for each); absent in
    /// snapshots from before argus collected them, which read as not collected.
    #[serde(default = "selections_not_collected")]
    pub selections: Fetched<Vec<BackupSelectionEntry>>,
}

fn selections_not_collected() -> Fetched<Vec<BackupSelectionEntry>> {
    Fetched::Err(super::user_data::not_collected("backup", "ListBackupSelections"))
}

/// A listed resource assignment of a plan and its content.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BackupSelectionEntry {
    pub id: String,
    pub name: String,
    /// GetBackupSelection.
    pub selection: Fetched<BackupSelection>,
}

/// Which resources of its region a plan backs up (a BackupSelection).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct BackupSelection {
    /// ARN patterns (`*` any run of characters) of the resources assigned; `*` is every resource.
    pub resources: Vec<String>,
    /// ARN patterns of resources excluded.
    pub not_resources: Vec<String>,
    /// Tag conditions any one of which assigns a resource (ListOfTags: StringEquals only).
    pub list_of_tags: Vec<TagCondition>,
    /// Tag conditions a resource must all meet (Conditions).
    pub conditions: Vec<TagCondition>,
}

/// A condition on one of a resource's tags.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TagCondition {
    /// `StringEquals`, `StringNotEquals`, `StringLike` or `StringNotLike`.
    pub operator: String,
    /// The tag key (`aws:ResourceTag/` removed).
    pub key: String,
    pub value: String,
}

impl TagCondition {
    /// Whether a resource with `tags` meets the condition; `None` for an operator AWS Backup does not
    /// define. Operators are case-sensitive, as AWS Backup's are; a missing tag equals nothing and is
    /// not equal to anything.
    pub fn holds(&self, tags: &Tags) -> Option<bool> {
        let tag = tags.get(&self.key);
        let like = |v: &String| resource_matches(&self.value, v);
        Some(match self.operator.to_ascii_lowercase().as_str() {
            "stringequals" => tag == Some(&self.value),
            "stringnotequals" => tag != Some(&self.value),
            "stringlike" => tag.is_some_and(like),
            "stringnotlike" => !tag.is_some_and(like),
            _ => return None,
        })
    }
}

impl BackupSelection {
    /// Whether the selection assigns the resource `arn` with `tags` to its plan: `Resources` or
    /// `ListOfTags` name it (or neither is given: every resource), every `Conditions` entry holds, and no
    /// `NotResources` pattern matches it. `Err` names a condition operator argus does not know.
    pub fn selects(&self, arn: &str, tags: &Tags) -> Result<bool, String> {
        let by_arn = self.resources.iter().any(|p| resource_matches(p, arn));
        let by_tag = self.list_of_tags.iter().any(|c| c.holds(tags) == Some(true));
        let named = (self.resources.is_empty() && self.list_of_tags.is_empty()) || by_arn || by_tag;
        if !named || self.not_resources.iter().any(|p| resource_matches(p, arn)) {
            return Ok(false);
        }
        for c in &self.conditions {
            match c.holds(tags) {
                Some(true) => {}
                Some(false) => return Ok(false),
                None => return Err(format!("unknown condition operator {}", c.operator)),
            }
        }
        Ok(true)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BackupVault {
    pub name: String,
    pub arn: String,
    /// The KMS key its recovery points are encrypted with. AWS reports one for every vault (the
    /// AWS managed `aws/backup` key by default); `None` means the service did not say.
    pub encryption_key_arn: Option<String>,
    pub recovery_points: Option<i64>,
    /// `Ok(None)`: no access policy.
    pub policy: Fetched<Option<PolicyDocument>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(pairs: &[(&str, &str)]) -> Tags {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn cond(operator: &str, key: &str, value: &str) -> TagCondition {
        TagCondition { operator: operator.into(), key: key.into(), value: value.into() }
    }

    const DB: &str = "arn:aws:rds:us-east-1:123456789012:db:orders";

    #[test]
    fn resources_wildcards_and_exclusions() {
        let s = |resources: &[&str], not: &[&str]| BackupSelection {
            resources: resources.iter().map(|r| r.to_string()).collect(),
            not_resources: not.iter().map(|r| r.to_string()).collect(),
            ..Default::default()
        };
        let none = Tags::new();
        assert_eq!(s(&["*"], &[]).selects(DB, &none), Ok(true));
        assert_eq!(s(&["arn:aws:rds:*:*:db:*"], &[]).selects(DB, &none), Ok(true));
        assert_eq!(s(&["arn:aws:rds:*:*:cluster:*"], &[]).selects(DB, &none), Ok(false));
        assert_eq!(s(&["arn:aws:rds:*:*:db:ORDERS"], &[]).selects(DB, &none), Ok(false), "ARNs are case-sensitive");
        assert_eq!(s(&["*"], &["arn:aws:rds:*:*:db:ord*"]).selects(DB, &none), Ok(false));
        assert_eq!(s(&[], &[]).selects(DB, &none), Ok(true), "no Resources and no ListOfTags: every resource");
    }

    #[test]
    fn list_of_tags_is_any_conditions_are_all() {
        let prod = tags(&[("backup", "daily"), ("env", "prod")]);
        let by_tags = BackupSelection {
            list_of_tags: vec![cond("STRINGEQUALS", "backup", "weekly"), cond("STRINGEQUALS", "backup", "daily")],
            ..Default::default()
        };
        assert_eq!(by_tags.selects(DB, &prod), Ok(true));
        assert_eq!(by_tags.selects(DB, &Tags::new()), Ok(false));
        let both = BackupSelection {
            resources: vec!["*".into()],
            conditions: vec![cond("StringEquals", "env", "prod"), cond("StringLike", "backup", "d*")],
            ..Default::default()
        };
        assert_eq!(both.selects(DB, &prod), Ok(true));
        assert_eq!(both.selects(DB, &tags(&[("env", "prod")])), Ok(false));
        let not = BackupSelection {
            conditions: vec![cond("StringNotEquals", "env", "dev"), cond("StringNotLike", "skip", "*")],
            ..Default::default()
        };
        assert_eq!(not.selects(DB, &prod), Ok(true));
        assert_eq!(not.selects(DB, &tags(&[("skip", "yes")])), Ok(false));
        let odd = BackupSelection { conditions: vec![cond("NumericEquals", "env", "1")], ..Default::default() };
        assert!(odd.selects(DB, &prod).is_err());
    }

    #[test]
    fn snapshots_from_before_selections_load_with_them_not_collected() {
        let older: BackupPlan = serde_json::from_str(r#"{"id":"p","arn":"a","name":"n"}"#).unwrap();
        let e = older.selections.err().expect("selections were not collected");
        assert_eq!((e.operation.as_str(), e.code.as_str()), ("ListBackupSelections", "NotCollected"));
    }
}
