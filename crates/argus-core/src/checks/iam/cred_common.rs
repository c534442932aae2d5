//! Helpers shared by the IAM credential and account checks (credential report, root user,
//! password policy).

use crate::engine::{CheckContext, Findings, Resource, GLOBAL_REGION};
use crate::snapshot::{AccessKeyInfo, CredentialReportRow, Fetched, PasswordPolicy};
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// The IAM user of a credential-report row as a resource; tags come from the authorization
/// details when they were collected.
pub(crate) fn user_resource<'a>(ctx: &CheckContext<'a>, row: &'a CredentialReportRow) -> Arc<Resource> {
    Arc::new({
        let tags = ctx.index().user(&row.user).map(|u| u.tags.clone()).unwrap_or_default();
        Resource::identified_by_name(&row.user, &row.arn, GLOBAL_REGION, &tags)
    })
}

/// Calls `judge` for every IAM user row of the credential report (the root row excluded). When
/// the report could not be read, emits one ERROR for the account instead.
pub(crate) fn for_each_user_row(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&CredentialReportRow, Arc<Resource>, &mut Findings),
) {
    let Some(iam) = &ctx.snapshot.iam else { return };
    match &iam.credential_report {
        Fetched::Err(e) => out.error(ctx.account_resource(), e),
        Fetched::Ok(report) => {
            for row in report.rows.iter().filter(|r| !r.is_root()) {
                judge(row, user_resource(ctx, row), out);
            }
        }
    }
}

/// The root user's row of the credential report, if the report was read and has one.
pub(crate) fn root_row<'a>(ctx: &'a CheckContext<'_>) -> Option<&'a CredentialReportRow> {
    ctx.snapshot.iam.as_ref()?.credential_report.ok()?.rows.iter().find(|r| r.is_root())
}

/// One numeric entry of the account summary (GetAccountSummary), if it was read and has it.
pub(crate) fn summary_value(ctx: &CheckContext<'_>, key: &str) -> Option<i64> {
    ctx.snapshot.iam.as_ref()?.account_summary.ok()?.get(key).copied()
}

/// Active access keys of a row with their 1-based number as the report names them.
pub(crate) fn active_keys(row: &CredentialReportRow) -> impl Iterator<Item = (usize, &AccessKeyInfo)> {
    row.access_keys.iter().enumerate().filter(|(_, k)| k.active).map(|(i, k)| (i + 1, k))
}

/// A date as `YYYY-MM-DD`, for messages.
pub(crate) fn day(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// What one password-policy check concludes about an existing policy.
pub(crate) enum PolicyVerdict {
    Pass(String),
    Fail(String),
}

/// Runs one password-policy requirement over the account: ERROR when the policy could not be read,
/// FAIL when the account has none (AWS defaults enforce nothing of the CIS requirements), else `judge`.
/// `requirement` completes "…so <requirement> is not enforced".
pub(crate) fn judge_password_policy(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    requirement: &str,
    judge: impl Fn(&PasswordPolicy) -> PolicyVerdict,
) {
    let Some(iam) = &ctx.snapshot.iam else { return };
    let account = ctx.account_resource();
    match &iam.password_policy {
        Fetched::Err(e) => out.error(account, e),
        Fetched::Ok(None) => out.fail(
            account,
            format_args!(
                "The account has no IAM password policy (AWS defaults apply), so {requirement} is not enforced."
            ),
        ),
        Fetched::Ok(Some(policy)) => match judge(policy) {
            PolicyVerdict::Pass(m) => out.pass(account, m),
            PolicyVerdict::Fail(m) => out.fail(account, m),
        },
    }
}
