//! The organization report and `argus merge`.
//!
//! An organization report is built the same way whether it comes from one unsharded run or from
//! `argus merge` of the shards' reports: every account's findings file is wrapped as a one-account
//! [`OrgFindingsFile`], and [`merge`] combines any number of those (or of already merged ones). Merging
//! is a union followed by a sort, so it is associative and order-independent: the merged shards equal
//! the unsharded run, finding for finding.

use argus_core::engine::{Finding, NothingToEvaluate, Status};
use argus_core::report::findings_file::FINDINGS_SCHEMA_VERSION;
use argus_core::report::FindingsFile;
use argus_core::snapshot::CollectionError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `*.findings.json` of an organization: a normal findings file plus the `organization` section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgFindingsFile {
    #[serde(flatten)]
    pub file: FindingsFile,
    pub organization: OrgSection,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgSection {
    /// `o-…` when known.
    pub organization_id: Option<String>,
    /// The shards (`INDEX/COUNT`) this report covers; empty for an unsharded run.
    pub shards: Vec<String>,
    /// Every account of the run, sorted by id, whether or not argus could enter it.
    pub accounts: Vec<AccountEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEntry {
    pub account_id: String,
    pub name: String,
    pub state: AccountState,
    pub collected_at: DateTime<Utc>,
    pub fail: usize,
    pub pass: usize,
    pub error: usize,
    /// API calls that failed in this account (the scan of it is incomplete when not 0).
    pub collection_errors: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    Scanned,
    /// The audit role could not be assumed: see the `organization_account_assume_role` ERROR finding.
    NotEntered,
}

impl OrgFindingsFile {
    /// One account's findings as an organization report of one account. The collection errors'
    /// messages are prefixed with the account id: in a merged report they would otherwise not say
    /// which account they are about.
    pub fn from_account(
        account_id: &str,
        name: &str,
        state: AccountState,
        mut file: FindingsFile,
        organization_id: Option<&str>,
    ) -> Self {
        let prefix = account_prefix(account_id);
        for e in &mut file.collection_errors {
            if !e.message.starts_with(&prefix) {
                e.message = format!("{prefix}{}", e.message);
            }
        }
        let count = |s: Status| file.findings.iter().filter(|f| f.status == s && !f.muted).count();
        let entry = AccountEntry {
            account_id: account_id.to_string(),
            name: name.to_string(),
            state,
            collected_at: file.collected_at,
            fail: count(Status::Fail),
            pass: count(Status::Pass),
            error: count(Status::Error),
            collection_errors: file.collection_errors.len(),
        };
        OrgFindingsFile {
            file,
            organization: OrgSection {
                organization_id: organization_id.map(str::to_string),
                shards: vec![],
                accounts: vec![entry],
            },
        }
    }
}

fn account_prefix(account_id: &str) -> String {
    format!("account {account_id}: ")
}

/// The account a (prefixed) collection error belongs to.
fn error_account(e: &CollectionError) -> &str {
    e.message.strip_prefix("account ").and_then(|m| m.split(':').next()).unwrap_or("")
}

/// Combines organization reports (shards, or one-account reports) into one.
///
/// Fails when two inputs scanned the same account (overlapping shards, or a directory passed twice)
/// or belong to different organizations. `empty_time` is the report time when there is nothing to merge.
pub fn merge(parts: Vec<OrgFindingsFile>, empty_time: DateTime<Utc>) -> anyhow::Result<OrgFindingsFile> {
    let mut org_id: Option<String> = None;
    for p in &parts {
        if let Some(id) = &p.organization.organization_id {
            match &org_id {
                Some(seen) if seen != id => {
                    anyhow::bail!("the inputs belong to different organizations ({seen} and {id})")
                }
                _ => org_id = Some(id.clone()),
            }
        }
    }
    let mut accounts: Vec<AccountEntry> = parts.iter().flat_map(|p| p.organization.accounts.clone()).collect();
    accounts.sort_by(|a, b| a.account_id.cmp(&b.account_id));
    if let Some(w) = accounts.windows(2).find(|w| w[0].account_id == w[1].account_id) {
        anyhow::bail!(
            "account {} appears in more than one input: were the shards run with different --shard COUNTs, \
             or was a directory given twice?",
            w[0].account_id
        );
    }
    let shards: BTreeSet<String> = parts.iter().flat_map(|p| p.organization.shards.clone()).collect();
    let collected_at = parts.iter().map(|p| p.file.collected_at).max().unwrap_or(empty_time);
    let union = |get: fn(&FindingsFile) -> &Vec<String>| -> Vec<String> {
        parts.iter().flat_map(|p| get(&p.file).iter().cloned()).collect::<BTreeSet<_>>().into_iter().collect()
    };
    let regions = union(|f| &f.regions);
    let services = union(|f| &f.services);
    let api_calls = parts.iter().map(|p| p.file.api_calls).sum();
    let retries = parts.iter().map(|p| p.file.retries).sum();
    let mut collection_errors: Vec<CollectionError> =
        parts.iter().flat_map(|p| p.file.collection_errors.iter().cloned()).collect();
    collection_errors.sort_by(|a, b| error_key(a).cmp(&error_key(b)));
    let mut nothing_to_evaluate: Vec<NothingToEvaluate> =
        parts.iter().flat_map(|p| p.file.nothing_to_evaluate.iter().cloned()).collect();
    nothing_to_evaluate.sort();
    let account_names: BTreeMap<String, String> =
        parts.iter().flat_map(|p| p.file.account_names.iter().map(|(k, v)| (k.clone(), v.clone()))).collect();
    let mut findings: Vec<Finding> = parts.into_iter().flat_map(|p| p.file.findings).collect();
    sort_findings(&mut findings);
    Ok(OrgFindingsFile {
        file: FindingsFile {
            schema_version: FINDINGS_SCHEMA_VERSION,
            argus_version: env!("CARGO_PKG_VERSION").to_string(),
            account_id: org_id.clone().unwrap_or_else(|| "organization".to_string()),
            collected_at,
            regions,
            services,
            collection_errors,
            api_calls,
            retries,
            findings,
            nothing_to_evaluate,
            account_names,
        },
        organization: OrgSection { organization_id: org_id, shards: shards.into_iter().collect(), accounts },
    })
}

type ErrorKey<'a> = (&'a str, &'a str, Option<&'a str>, &'a str, Option<&'a str>, &'a str, &'a str);

fn error_key(e: &CollectionError) -> ErrorKey<'_> {
    (error_account(e), &e.service, e.region.as_deref(), &e.operation, e.resource.as_deref(), &e.code, &e.message)
}

/// By account, then the engine's own order (check, region, resource, status, message).
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.account_id(), a.check_id(), &a.resource.region, &a.resource.id, a.status, &a.message, &a.resource.arn).cmp(
            &(b.account_id(), b.check_id(), &b.resource.region, &b.resource.id, b.status, &b.message, &b.resource.arn),
        )
    });
}

/// Reads `argus merge` inputs: findings files, or directories whose top-level `*.findings.json` files
/// are taken (an organization run's directory has exactly one; its per-account subdirectories are
/// not read). A plain single-account findings file counts as a one-account organization report.
pub fn read_inputs(paths: &[PathBuf]) -> anyhow::Result<Vec<OrgFindingsFile>> {
    use anyhow::Context;
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.to_string_lossy().ends_with(".findings.json"))
                .collect();
            found.sort();
            if found.is_empty() {
                anyhow::bail!("{} holds no *.findings.json file", path.display());
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files.iter().map(|f| read_one(f)).collect()
}

fn read_one(path: &Path) -> anyhow::Result<OrgFindingsFile> {
    use anyhow::Context;
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    argus_core::report::findings_file::check_schema_version(&text)
        .map_err(|e| anyhow::anyhow!("{} {e}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    let not_findings = || format!("{} is not an argus findings file", path.display());
    if value.get("organization").is_some() {
        return serde_json::from_value(value).with_context(not_findings);
    }
    let file: FindingsFile = serde_json::from_value(value).with_context(not_findings)?;
    let account = file.account_id.clone();
    Ok(OrgFindingsFile::from_account(&account, "", AccountState::Scanned, file, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use argus_core::engine::Severity;
    use argus_core::snapshot::ErrorKind;
    use chrono::TimeZone;

    fn finding(account: &str, check: &str, status: Status) -> Finding {
        Finding {
            source: std::sync::Arc::new(argus_core::engine::FindingSource {
                check_id: check.into(),
                severity: Severity::High,
                service: "s3".into(),
                account_id: account.into(),
                prowler: Default::default(),
            }),
            status,
            resource: std::sync::Arc::new(argus_core::engine::Resource {
                id: format!("{check}-res").into(),
                arn: Default::default(),
                name: Default::default(),
                region: "us-east-1".into(),
                tags: Default::default(),
            }),
            message: "m".into(),
            muted: false,
            paths: None,
        }
    }

    fn account_file(account: &str, minute: u32) -> OrgFindingsFile {
        let file = FindingsFile {
            schema_version: FINDINGS_SCHEMA_VERSION,
            argus_version: "x".into(),
            account_id: account.into(),
            collected_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, minute, 0).single().unwrap(),
            regions: vec![format!("r-{account}")],
            services: vec!["s3".into()],
            collection_errors: vec![CollectionError::from(argus_core::snapshot::CollectionErrorDetails {
                service: "s3".into(),
                region: None,
                operation: "ListBuckets".into(),
                iam_action: "s3:ListAllMyBuckets".into(),
                resource: None,
                kind: ErrorKind::AccessDenied,
                code: "AccessDenied".into(),
                message: "denied".into(),
            })],
            api_calls: 10,
            retries: 1,
            findings: vec![finding(account, "b", Status::Fail), finding(account, "a", Status::Pass)],
            nothing_to_evaluate: vec![NothingToEvaluate {
                check_id: "kms_cmk_rotation_enabled".into(),
                account_id: account.into(),
                region: "us-east-1".into(),
            }],
            account_names: [(account.to_string(), format!("alias-{account}"))].into(),
        };
        OrgFindingsFile::from_account(account, "n", AccountState::Scanned, file, Some("o-1"))
    }

    #[test]
    fn merge_is_order_independent_and_associative() {
        let a = account_file("111111111111", 1);
        let b = account_file("222222222222", 3);
        let c = account_file("333333333333", 2);
        let now = Utc::now();
        let all = merge(vec![a.clone(), b.clone(), c.clone()], now).unwrap();
        let left = merge(vec![merge(vec![c.clone(), a.clone()], now).unwrap(), b.clone()], now).unwrap();
        let right = merge(vec![b, merge(vec![a, c], now).unwrap()], now).unwrap();
        assert_eq!(all, left);
        assert_eq!(all, right);
        assert_eq!(all.file.findings.len(), 6);
        assert_eq!(all.file.findings[0].account_id(), "111111111111");
        assert_eq!(all.file.findings[0].check_id(), "a");
        assert_eq!(all.file.api_calls, 30);
        assert_eq!(all.file.collected_at.format("%M").to_string(), "03");
        assert_eq!(all.file.account_id, "o-1");
        assert_eq!(all.organization.accounts.len(), 3);
        assert!(all.file.collection_errors[1].message.starts_with("account 222222222222: "));
        // Each account's empty scopes and name are kept.
        let empty: Vec<&str> = all.file.nothing_to_evaluate.iter().map(|n| n.account_id.as_str()).collect();
        assert_eq!(empty, ["111111111111", "222222222222", "333333333333"]);
        assert_eq!(all.file.account_name("222222222222"), "alias-222222222222");
    }

    #[test]
    fn merge_refuses_an_account_twice() {
        let a = account_file("111111111111", 1);
        let err = merge(vec![a.clone(), a], Utc::now()).unwrap_err().to_string();
        assert!(err.contains("111111111111"), "{err}");
    }

    #[test]
    fn merged_file_reads_back_as_a_plain_findings_file() {
        let merged = merge(vec![account_file("111111111111", 1)], Utc::now()).unwrap();
        let json = serde_json::to_string(&merged).unwrap();
        let plain: FindingsFile = serde_json::from_str(&json).unwrap();
        assert_eq!(plain, merged.file);
        let back: OrgFindingsFile = serde_json::from_str(&json).unwrap();
        assert_eq!(back, merged);
    }
}
