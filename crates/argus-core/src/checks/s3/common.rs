//! Helpers shared by the S3 checks: walking the buckets, reading bucket policies, working out which
//! Block Public Access settings are in force for a bucket, and describing public ACL grants.

use crate::engine::{CheckContext, Findings};
use crate::policy::{public_statement_indices, Policy};
use crate::snapshot::{
    AclGrant, Bucket, CollectionError, Fetched, PublicAccessBlock, S3Snapshot, ALL_USERS_URI, AUTHENTICATED_USERS_URI,
};

/// Runs `f` for every bucket. Emits one account-level ERROR when the bucket list itself failed, and
/// nothing when S3 was not collected (the engine skips the check then).
pub(crate) fn each_bucket<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    mut f: impl FnMut(&'a S3Snapshot, &'a Bucket, &mut Findings),
) {
    let Some(s3) = &ctx.snapshot.s3 else { return };
    match &s3.buckets {
        // In report order (region, name), not the listing's.
        Fetched::Ok(_) => {
            for b in ctx.index().buckets() {
                f(s3, b, out);
            }
        }
        Fetched::Err(e) => out.error(ctx.account_resource(), e),
    }
}

/// One of the four Block Public Access settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BpaSetting {
    BlockPublicAcls,
    IgnorePublicAcls,
    BlockPublicPolicy,
    RestrictPublicBuckets,
}

impl BpaSetting {
    pub(crate) const ALL: [BpaSetting; 4] = [
        BpaSetting::BlockPublicAcls,
        BpaSetting::IgnorePublicAcls,
        BpaSetting::BlockPublicPolicy,
        BpaSetting::RestrictPublicBuckets,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            BpaSetting::BlockPublicAcls => "BlockPublicAcls",
            BpaSetting::IgnorePublicAcls => "IgnorePublicAcls",
            BpaSetting::BlockPublicPolicy => "BlockPublicPolicy",
            BpaSetting::RestrictPublicBuckets => "RestrictPublicBuckets",
        }
    }

    pub(crate) fn of(self, c: &PublicAccessBlock) -> bool {
        match self {
            BpaSetting::BlockPublicAcls => c.block_public_acls,
            BpaSetting::IgnorePublicAcls => c.ignore_public_acls,
            BpaSetting::BlockPublicPolicy => c.block_public_policy,
            BpaSetting::RestrictPublicBuckets => c.restrict_public_buckets,
        }
    }
}

/// The settings of a configuration that are off (all four when there is no configuration).
pub(crate) fn settings_off(c: Option<&PublicAccessBlock>) -> Vec<&'static str> {
    BpaSetting::ALL.iter().filter(|s| !c.is_some_and(|c| s.of(c))).map(|s| s.name()).collect()
}

/// Whether a Block Public Access setting is in force for a bucket. S3 applies the most restrictive
/// combination of the account-level and bucket-level configurations, so one level is enough.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum InForce<'a> {
    /// On at this level: "account", "bucket" or "account and bucket".
    Enabled(&'static str),
    Disabled,
    /// Off (or unknown) at one level and unreadable at the other.
    Unknown(&'a CollectionError),
}

pub(crate) fn in_force<'a>(s3: &'a S3Snapshot, b: &'a Bucket, setting: BpaSetting) -> InForce<'a> {
    let level =
        |f: &'a Fetched<Option<PublicAccessBlock>>| f.as_result().map(|c| c.as_ref().is_some_and(|c| setting.of(c)));
    match (level(&s3.account_public_access_block), level(&b.public_access_block)) {
        (Ok(true), Ok(true)) => InForce::Enabled("account and bucket"),
        (Ok(true), _) => InForce::Enabled("account"),
        (_, Ok(true)) => InForce::Enabled("bucket"),
        (Err(e), _) | (_, Err(e)) => InForce::Unknown(e),
        (Ok(false), Ok(false)) => InForce::Disabled,
    }
}

/// Whether public grants of one kind (policy or ACL) take effect on a bucket.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Gate<'a> {
    /// Public grants of this kind have no effect; the text says why.
    Neutralised(Neutraliser),
    /// Public grants of this kind take effect.
    Open,
    /// Whether they take effect could not be determined.
    Unknown(&'a CollectionError),
}

/// What makes public grants of a kind ineffective, as message text (written as the message is
/// rendered: the gates are asked once per bucket per check).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Neutraliser {
    /// Object ownership `BucketOwnerEnforced`.
    AclsDisabled,
    /// A Block Public Access setting is on at a level ("account", "bucket", ...).
    Setting(BpaSetting, &'static str),
}

impl std::fmt::Display for Neutraliser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Neutraliser::AclsDisabled => f.write_str("ACLs are disabled (object ownership BucketOwnerEnforced)"),
            Neutraliser::Setting(setting, level) => write!(f, "{} is on at {level} level", setting.name()),
        }
    }
}

/// Public bucket policies are neutralised by RestrictPublicBuckets at either level (BlockPublicPolicy
/// only refuses new public policies; an existing one keeps working).
pub(crate) fn policy_gate<'a>(s3: &'a S3Snapshot, b: &'a Bucket) -> Gate<'a> {
    match in_force(s3, b, BpaSetting::RestrictPublicBuckets) {
        InForce::Enabled(level) => Gate::Neutralised(Neutraliser::Setting(BpaSetting::RestrictPublicBuckets, level)),
        InForce::Disabled => Gate::Open,
        InForce::Unknown(e) => Gate::Unknown(e),
    }
}

/// Public ACLs are neutralised by IgnorePublicAcls at either level (BlockPublicAcls only refuses new
/// public ACLs), or by object ownership `BucketOwnerEnforced`, which disables ACLs altogether.
pub(crate) fn acl_gate<'a>(s3: &'a S3Snapshot, b: &'a Bucket) -> Gate<'a> {
    if acls_disabled(b) {
        return Gate::Neutralised(Neutraliser::AclsDisabled);
    }
    // An unreadable object-ownership setting does not make the gate unknown: S3 refuses any ACL but the
    // owner's own while ACLs are disabled, so a public grant in the ACL means ACLs are enabled.
    match in_force(s3, b, BpaSetting::IgnorePublicAcls) {
        InForce::Enabled(level) => Gate::Neutralised(Neutraliser::Setting(BpaSetting::IgnorePublicAcls, level)),
        InForce::Disabled => Gate::Open,
        InForce::Unknown(e) => Gate::Unknown(e),
    }
}

/// Object ownership is `BucketOwnerEnforced`: ACLs no longer affect permissions.
pub(crate) fn acls_disabled(b: &Bucket) -> bool {
    matches!(&b.object_ownership, Fetched::Ok(Some(o)) if o == "BucketOwnerEnforced")
}

/// A bucket policy as the checks need it.
#[derive(Debug)]
pub(crate) enum BucketPolicy<'a> {
    /// The bucket has no policy.
    Absent,
    /// Parsed once per evaluation and shared by the S3 checks.
    Parsed(&'a Policy),
    /// GetBucketPolicy failed.
    Unavailable(&'a CollectionError),
    /// The document could not be parsed: the ERROR message to emit.
    Malformed(String),
}

pub(crate) fn bucket_policy(b: &Bucket) -> BucketPolicy<'_> {
    let doc = match &b.policy {
        Fetched::Ok(None) => return BucketPolicy::Absent,
        Fetched::Ok(Some(doc)) => doc,
        Fetched::Err(e) => return BucketPolicy::Unavailable(e),
    };
    match doc.policy() {
        Ok(p) => BucketPolicy::Parsed(p),
        Err(reason) => BucketPolicy::Malformed(format!(
            "could not be evaluated: policy of bucket {} is malformed: {reason}",
            b.name
        )),
    }
}

/// `Statement[0]` or `Statement[0] (Sid "AllowAll")`, as in the policy's JSON.
pub(crate) fn statement_label(policy: &Policy, index: usize) -> String {
    match policy.statements.get(index).and_then(|s| s.sid.as_deref()) {
        Some(sid) if !sid.is_empty() => format!("Statement[{index}] (Sid {sid:?})"),
        _ => format!("Statement[{index}]"),
    }
}

/// Labels of the public statements that can grant one of `action_groups`.
pub(crate) fn public_statements_granting(policy: &Policy, action_groups: &[&str]) -> Vec<String> {
    public_statement_indices(policy)
        .into_iter()
        .filter(|&i| policy.statements.get(i).is_some_and(|st| action_groups.iter().any(|g| st.matches_action(g))))
        .map(|i| statement_label(policy, i))
        .collect()
}

/// The public group a grant is to, for messages.
pub(crate) fn grantee_label(g: &AclGrant) -> &'static str {
    match g.grantee_uri.as_deref() {
        Some(ALL_USERS_URI) => "AllUsers (everyone)",
        Some(AUTHENTICATED_USERS_URI) => "AuthenticatedUsers (any AWS account)",
        _ => "a non-public grantee",
    }
}

/// Grants to AllUsers / AuthenticatedUsers with one of `permissions`, as
/// "AllUsers (everyone) READ (list objects)".
pub(crate) fn public_grants(grants: &[AclGrant], permissions: &[&str]) -> Vec<String> {
    grants
        .iter()
        .filter(|g| g.is_public() && permissions.iter().any(|p| g.permission.eq_ignore_ascii_case(p)))
        .map(|g| format!("{} {} ({})", grantee_label(g), g.permission, permission_meaning(&g.permission)))
        .collect()
}

/// What a bucket ACL permission allows.
pub(crate) fn permission_meaning(permission: &str) -> &'static str {
    match permission.to_ascii_uppercase().as_str() {
        "READ" => "list objects",
        "READ_ACP" => "read the ACL",
        "WRITE" => "create, overwrite and delete objects",
        "WRITE_ACP" => "change the ACL",
        "FULL_CONTROL" => "all of these",
        _ => "unknown permission",
    }
}

/// Bucket ACL permissions that let the grantee list the bucket or read its ACL.
pub(crate) const ACL_LIST_PERMISSIONS: [&str; 3] = ["READ", "READ_ACP", "FULL_CONTROL"];
/// Bucket ACL permissions that let the grantee write objects or rewrite the ACL.
pub(crate) const ACL_WRITE_PERMISSIONS: [&str; 3] = ["WRITE", "WRITE_ACP", "FULL_CONTROL"];
/// Every bucket ACL permission.
pub(crate) const ACL_ALL_PERMISSIONS: [&str; 5] = ["READ", "READ_ACP", "WRITE", "WRITE_ACP", "FULL_CONTROL"];

/// One ACL check (public list or public write): FAIL for each bucket whose ACL grants AllUsers or
/// AuthenticatedUsers one of `permissions`, unless public ACLs are neutralised. `what` completes
/// "The bucket ACL lets ... {what}".
pub(crate) fn judge_public_acl(ctx: &CheckContext<'_>, out: &mut Findings, permissions: &[&str], what: &str) {
    each_bucket(ctx, out, |s3, b, out| {
        let r = super::bucket_resource(ctx, b);
        let gate = acl_gate(s3, b);
        let acl = match (&b.acl, &gate) {
            (Fetched::Ok(acl), _) => acl,
            (Fetched::Err(e), Gate::Neutralised(why)) => {
                return out.pass(
                    r,
                    format_args!(
                        "The bucket ACL could not be read ({}), but public ACL grants have no effect: {why}.",
                        e.brief()
                    ),
                )
            }
            (Fetched::Err(e), _) => return out.error(r, e),
        };
        let grants = public_grants(&acl.grants, permissions);
        if grants.is_empty() {
            return out.pass(r, format_args!("The bucket ACL grants no public permission to {what}."));
        }
        let grants = grants.join(", ");
        match gate {
            Gate::Neutralised(why) => out.pass(
                r,
                format_args!("The bucket ACL grants {grants}, but public ACL grants have no effect: {why}."),
            ),
            Gate::Open => out.fail(
                r,
                format_args!("The bucket ACL grants {grants}, and IgnorePublicAcls is off at account and bucket level."),
            ),
            Gate::Unknown(e) => out.error_message(
                r,
                format_args!("could not be evaluated: the bucket ACL grants {grants}, but whether IgnorePublicAcls neutralises it is unknown: {e}"),
            ),
        }
    });
}
