//! Whole AWS Organizations: list the active accounts, assume the audit role in each, scan them with
//! bounded account concurrency, and merge the per-account results into one organization report.
//!
//! Output layout of `argus scan --organization --output-dir DIR`:
//!
//! ```text
//! DIR/<account-id>/argus-<account-id>-<time>.{snapshot.json,findings.json,...}   one scan per account
//! DIR/argus-organization[-shard-I-of-N]-<time>.{findings.json,...}               the merged report
//! ```
//!
//! The merged findings file is an ordinary [`FindingsFile`] (so `argus diff`, the renderers and other
//! tools read it as they are) with one extra top-level key, `organization`, listing every account and
//! whether it was scanned. `argus merge` combines such files from the shards of one run.

pub mod merge;
pub mod shard;

use crate::aws::{AwsContext, ConnectError};
use crate::collect::{self, CollectOptions, NoProgress};
use crate::snapshot::{CollectionError, CollectionErrorDetails, ErrorKind, Identity, Snapshot};
use argus_core::engine::{Finding, Severity, Status};
use argus_core::report::FindingsFile;
use chrono::{DateTime, Utc};
use futures::StreamExt;
use serde::{Deserialize, Serialize};
pub use shard::{Selection, Shard};

/// The id of the finding reported for an account argus could not enter (metadata:
/// `checks/organizations/organization_account_assume_role.toml`).
pub const ASSUME_ROLE_CHECK_ID: &str = argus_core::checks::REPORTED_OUTSIDE_THE_ENGINE[0];

/// One member account as AWS Organizations lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub name: String,
}

/// The organization and its active accounts, sorted by id.
#[derive(Debug, Clone)]
pub struct Organization {
    /// `o-…`, when DescribeOrganization was allowed.
    pub id: Option<String>,
    pub accounts: Vec<Account>,
}

/// Lists every ACTIVE account of the organization (complete pagination). Suspended and closing
/// accounts cannot be entered and are skipped.
pub async fn list_accounts(ctx: &AwsContext) -> anyhow::Result<Organization> {
    use aws_sdk_organizations::types::{AccountState, AccountStatus};
    let client = ctx.organizations();
    let id = match client.describe_organization().send().await {
        Ok(out) => out.organization().and_then(|o| o.id()).map(str::to_string),
        Err(e) => {
            tracing::warn!("DescribeOrganization failed: {}", crate::aws::errors::error_chain(&e));
            None
        }
    };
    let mut pages = client.list_accounts().into_paginator().send();
    let mut accounts = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| {
            anyhow::anyhow!(
                "cannot list the organization's accounts (organizations:ListAccounts, which works in the management \
                 account or a delegated administrator account): {}",
                crate::aws::errors::error_chain(&e)
            )
        })?;
        for a in page.accounts() {
            // `State` replaces the deprecated `Status`; emulators and older partitions may send only one.
            let active = match (a.state(), a.status()) {
                (Some(state), _) => *state == AccountState::Active,
                (None, Some(status)) => *status == AccountStatus::Active,
                (None, None) => false,
            };
            let Some(account_id) = a.id().filter(|id| shard::is_account_id(id)) else { continue };
            if active {
                accounts.push(Account { id: account_id.to_string(), name: a.name().unwrap_or_default().to_string() });
            } else {
                tracing::info!(account = account_id, "skipping account that is not ACTIVE");
            }
        }
    }
    accounts.sort_by(|a, b| a.id.cmp(&b.id));
    accounts.dedup_by(|a, b| a.id == b.id);
    Ok(Organization { id, accounts })
}

/// How to enter and scan each account.
#[derive(Debug, Clone)]
pub struct OrgScanPlan {
    pub role_name: String,
    pub external_id: Option<String>,
    pub session_name: String,
    /// Accounts scanned at once.
    pub account_concurrency: usize,
    /// Per-account collection options; `concurrency` is already this account's share of the global limit.
    pub collect: CollectOptions,
}

impl OrgScanPlan {
    /// Splits the global call limit between the accounts scanned at once, so that no more than
    /// `total_calls` API calls are ever in flight overall (each account's collector has its own
    /// semaphore of `total_calls / account_concurrency`, at least 1).
    pub fn per_account_concurrency(total_calls: usize, account_concurrency: usize) -> usize {
        (total_calls / account_concurrency.max(1)).max(1)
    }

    /// `arn:<partition>:iam::<account>:role/<name>` (the name may carry a path: `audit/argus`).
    pub fn role_arn(&self, partition: &str, account_id: &str) -> String {
        format!("arn:{partition}:iam::{account_id}:role/{}", self.role_name.trim_start_matches('/'))
    }
}

/// What happened to one account.
pub enum AccountOutcome {
    Scanned(Box<Snapshot>),
    /// The role could not be assumed (or the session could not be verified): nothing was collected.
    NotEntered {
        role_arn: String,
        error: CollectionError,
    },
}

/// Scans `accounts` with at most `plan.account_concurrency` at once. `handle` is called once per
/// account as soon as it is done (so snapshots are written and dropped early, whatever the
/// organization's size) and turns the outcome into that account's findings. Results come back sorted
/// by account id.
pub async fn scan_accounts<H>(
    ctx: &AwsContext,
    partition: &str,
    accounts: &[Account],
    plan: &OrgScanPlan,
    handle: H,
) -> anyhow::Result<Vec<(Account, FindingsFile)>>
where
    H: Fn(&Account, AccountOutcome) -> anyhow::Result<FindingsFile> + Sync,
{
    let total = accounts.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(Account, FindingsFile)> = futures::stream::iter(accounts.iter().cloned())
        .map(|account| {
            let handle = &handle;
            let done = &done;
            async move {
                let outcome = scan_one(ctx, partition, &account, plan).await;
                let file = handle(&account, outcome)?;
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                tracing::info!(account = %account.id, "account {n}/{total} done");
                anyhow::Ok((account, file))
            }
        })
        .buffer_unordered(plan.account_concurrency.max(1))
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<anyhow::Result<_>>()?;
    results.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    Ok(results)
}

async fn scan_one(ctx: &AwsContext, partition: &str, account: &Account, plan: &OrgScanPlan) -> AccountOutcome {
    let role_arn = plan.role_arn(partition, &account.id);
    match ctx.assume_role(&role_arn, plan.external_id.as_deref(), &plan.session_name).await {
        Ok((member, identity)) => {
            if identity.account_id != account.id {
                let error = assume_role_error(
                    &role_arn,
                    ErrorKind::Other,
                    "WrongAccount",
                    format!("the session for {role_arn} belongs to account {}", identity.account_id),
                );
                return AccountOutcome::NotEntered { role_arn, error };
            }
            let identity = Identity { account_id: account.id.clone(), ..identity };
            let snapshot = collect::collect(&member, identity, &plan.collect, &NoProgress).await;
            AccountOutcome::Scanned(Box::new(snapshot))
        }
        Err(e) => {
            tracing::warn!(account = %account.id, "cannot enter account: {e}");
            let (kind, code) = classify_connect_error(&e);
            let error = assume_role_error(&role_arn, kind, code, e.to_string());
            AccountOutcome::NotEntered { role_arn, error }
        }
    }
}

fn classify_connect_error(e: &ConnectError) -> (ErrorKind, &'static str) {
    let text = e.to_string();
    match e {
        ConnectError::Unreachable { .. } => (ErrorKind::Network, "Unreachable"),
        _ if text.contains("AccessDenied") || text.contains("not authorized") => {
            (ErrorKind::AccessDenied, "AccessDenied")
        }
        _ if text.contains("timed out") || text.contains("timeout") => (ErrorKind::Timeout, "Timeout"),
        _ => (ErrorKind::Other, "AssumeRoleFailed"),
    }
}

fn assume_role_error(role_arn: &str, kind: ErrorKind, code: &str, message: String) -> CollectionError {
    CollectionError::from(CollectionErrorDetails {
        service: "sts".into(),
        region: None,
        operation: "AssumeRole".into(),
        iam_action: "sts:AssumeRole".into(),
        resource: Some(role_arn.to_string()),
        kind,
        code: code.into(),
        message,
    })
}

/// The findings of an account argus could not enter: one ERROR finding that names the role and the
/// reason (never a silent gap in the organization report), plus the failed call as a collection error.
pub fn not_entered_findings(
    account: &Account,
    partition: &str,
    role_arn: &str,
    error: &CollectionError,
    now: DateTime<Utc>,
) -> FindingsFile {
    let finding = Finding {
        source: std::sync::Arc::new(argus_core::engine::FindingSource {
            check_id: ASSUME_ROLE_CHECK_ID.into(),
            severity: Severity::High,
            service: "organizations".into(),
            account_id: account.id.as_str().into(),
            prowler: Default::default(),
        }),
        status: Status::Error,
        resource: std::sync::Arc::new(argus_core::engine::Resource {
            id: account.id.as_str().into(),
            arn: format!("arn:{partition}:organizations::{}:account", account.id).into(),
            name: if account.name.is_empty() { &account.id } else { &account.name }.as_str().into(),
            region: "global".into(),
            tags: Default::default(),
        }),
        message: format!(
            "Account {} was not scanned: argus could not assume {role_arn} ({}: {}). Deploy the audit role \
             (deploy/cloudformation/audit-role.yaml) in this account and allow the scanner to assume it.",
            account.id, error.code, error.message
        )
        .into(),
        muted: false,
        paths: None,
    };
    FindingsFile {
        schema_version: argus_core::report::findings_file::FINDINGS_SCHEMA_VERSION,
        argus_version: env!("CARGO_PKG_VERSION").to_string(),
        account_id: account.id.clone(),
        collected_at: now,
        regions: vec![],
        services: vec![],
        collection_errors: vec![error.clone()],
        api_calls: 0,
        retries: 0,
        findings: vec![finding],
        nothing_to_evaluate: vec![],
        account_names: Default::default(),
    }
}

pub use merge::{AccountEntry, AccountState as EntryState, OrgFindingsFile, OrgSection};
