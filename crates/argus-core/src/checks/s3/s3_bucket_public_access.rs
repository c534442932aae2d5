//! No one outside the account can access the bucket through its policy or ACL once Block Public Access
//! is applied. Metadata: `checks/s3/s3_bucket_public_access.toml`.
//!
//! A public policy counts when it grants everyone one of the S3 action groups that matter
//! (`s3_public_actions`) and RestrictPublicBuckets is off at both levels; a public ACL grant (AllUsers /
//! AuthenticatedUsers) counts when IgnorePublicAcls is off at both levels and ACLs are not disabled.
//! S3's own GetBucketPolicyStatus verdict is reported alongside when it disagrees or is unavailable;
//! the verdict is argus's.

use super::bucket_resource;
use super::common::{
    acl_gate, bucket_policy, each_bucket, policy_gate, public_grants, public_statements_granting, BucketPolicy, Gate,
    ACL_ALL_PERMISSIONS,
};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::s3_public_actions;
use crate::snapshot::{Bucket, Fetched, S3Snapshot};

pub const CHECK: Check = Check { id: "s3_bucket_public_access", run };

/// The verdict on one way in (policy or ACL).
enum Part {
    Public(String),
    /// Not public; the text explains a neutralised grant when there is one.
    NotPublic(Option<String>),
    Unknown(String),
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |s3, b, out| {
        let r = bucket_resource(ctx, b);
        match verdict(s3, b) {
            Verdict::Public(message) => out.fail(r, message),
            Verdict::NotPublic(message) => out.pass(r, message),
            Verdict::Unknown(message) => out.error_message(r, message),
        }
    });
}

/// Whether a bucket is public, with the sentence that says why (ERROR text for `Unknown`).
pub(crate) enum Verdict {
    Public(String),
    NotPublic(String),
    Unknown(String),
}

/// The verdict of this check on one bucket (other checks about buckets, such as the CloudTrail
/// bucket's, share it).
pub(crate) fn verdict(s3: &S3Snapshot, b: &Bucket) -> Verdict {
    let policy = bucket_policy(b);
    if let BucketPolicy::Malformed(message) = policy {
        return Verdict::Unknown(message);
    }
    let (policy_part, s3_verdict) = judge_policy(s3, b, &policy);
    let parts = [policy_part, judge_acl(s3, b)];
    let note = s3_verdict.map(|v| format!("; {v}")).unwrap_or_default();

    let public: Vec<&str> =
        parts.iter().filter_map(|p| if let Part::Public(t) = p { Some(t.as_str()) } else { None }).collect();
    let unknown: Vec<&str> =
        parts.iter().filter_map(|p| if let Part::Unknown(t) = p { Some(t.as_str()) } else { None }).collect();
    let neutralised: Vec<&str> =
        parts.iter().filter_map(|p| if let Part::NotPublic(Some(t)) = p { Some(t.as_str()) } else { None }).collect();
    if !public.is_empty() {
        Verdict::Public(format!("The bucket is public: {}{note}.", public.join("; ")))
    } else if !unknown.is_empty() {
        Verdict::Unknown(format!("could not be evaluated: {}{note}", unknown.join("; ")))
    } else if !neutralised.is_empty() {
        Verdict::NotPublic(format!("The bucket is not public: {}{note}.", neutralised.join("; ")))
    } else {
        Verdict::NotPublic(format!("Neither the bucket policy nor the bucket ACL grants public access{note}."))
    }
}

/// The policy's part of the verdict, and S3's own verdict when worth reporting.
fn judge_policy(s3: &S3Snapshot, b: &Bucket, policy: &BucketPolicy<'_>) -> (Part, Option<String>) {
    let gate = policy_gate(s3, b);
    match policy {
        BucketPolicy::Absent | BucketPolicy::Malformed(_) => (Part::NotPublic(None), None),
        BucketPolicy::Unavailable(e) => {
            let s3_says = match &b.policy_status_is_public {
                Fetched::Ok(Some(v)) => Some(format!(
                    "S3's GetBucketPolicyStatus reports the policy as {}",
                    if *v { "public" } else { "not public" }
                )),
                _ => None,
            };
            let part = match gate {
                Gate::Neutralised(why) => {
                    Part::NotPublic(Some(format!("the bucket policy could not be read ({}), but {why}", e.brief())))
                }
                _ => Part::Unknown(format!("the bucket policy could not be read: {e}")),
            };
            (part, s3_says)
        }
        BucketPolicy::Parsed(p) => {
            let actions = s3_public_actions(p);
            let argus_public = !actions.is_empty();
            let s3_says = match &b.policy_status_is_public {
                Fetched::Ok(Some(v)) if *v != argus_public => Some(format!(
                    "S3's GetBucketPolicyStatus reports the policy as {}, which disagrees with argus's analysis",
                    if *v { "public" } else { "not public" }
                )),
                Fetched::Ok(Some(_)) if argus_public => Some("S3's GetBucketPolicyStatus agrees the policy is public".into()),
                Fetched::Ok(_) => None,
                Fetched::Err(e) => Some(format!(
                    "S3's own verdict (GetBucketPolicyStatus) is unavailable ({}: {}), so this rests on argus's analysis alone",
                    e.code, e.message
                )),
            };
            if !argus_public {
                return (Part::NotPublic(None), s3_says);
            }
            let grant = format!(
                "the bucket policy grants anyone {} actions via {}",
                actions.join(", "),
                public_statements_granting(p, &actions).join(", ")
            );
            let part = match gate {
                Gate::Neutralised(why) => Part::NotPublic(Some(format!("{grant}, but {why}"))),
                Gate::Open => {
                    Part::Public(format!("{grant}, and RestrictPublicBuckets is off at account and bucket level"))
                }
                Gate::Unknown(e) => {
                    Part::Unknown(format!("{grant}, but whether RestrictPublicBuckets neutralises it is unknown: {e}"))
                }
            };
            (part, s3_says)
        }
    }
}

fn judge_acl(s3: &S3Snapshot, b: &Bucket) -> Part {
    let gate = acl_gate(s3, b);
    let acl = match (&b.acl, &gate) {
        (Fetched::Ok(acl), _) => acl,
        (Fetched::Err(e), Gate::Neutralised(why)) => {
            return Part::NotPublic(Some(format!("the bucket ACL could not be read ({}), but {why}", e.brief())))
        }
        (Fetched::Err(e), _) => return Part::Unknown(format!("the bucket ACL could not be read: {e}")),
    };
    let grants = public_grants(&acl.grants, &ACL_ALL_PERMISSIONS);
    if grants.is_empty() {
        return Part::NotPublic(None);
    }
    let grant = format!("the bucket ACL grants {}", grants.join(", "));
    match gate {
        Gate::Neutralised(why) => Part::NotPublic(Some(format!("{grant}, but {why}"))),
        Gate::Open => Part::Public(format!("{grant}, and IgnorePublicAcls is off at account and bucket level")),
        Gate::Unknown(e) => {
            Part::Unknown(format!("{grant}, but whether IgnorePublicAcls neutralises it is unknown: {e}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::s3::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{BucketAcl, ErrorKind, PublicAccessBlock};
    use crate::testing::*;

    const PUBLIC_READ: &str = r#"{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"#;

    fn public_policy_bucket(name: &str) -> crate::snapshot::Bucket {
        let mut b = bucket(name);
        b.policy = policy_with(PUBLIC_READ);
        b
    }

    #[test]
    fn private_bucket_passes() {
        let mut s = snapshot();
        let mut b = bucket("private");
        b.acl = Fetched::Ok(BucketAcl { owner_id: Some("owner".into()), grants: vec![owner_grant()] });
        b.policy = policy_with(&format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"s3:*","Resource":"*"}}"#
        ));
        buckets(&mut s).push(b);
        assert_eq!(status_of(&run_check(CHECK, &s), "private"), Status::Pass);
    }

    #[test]
    fn public_policy_fails_naming_statement_and_actions() {
        let mut s = snapshot();
        buckets(&mut s).push(public_policy_bucket("open"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "open"), Status::Fail);
        let m = message_of(&f, "open");
        assert!(m.contains("s3:Get*") && m.contains(r#"Statement[0] (Sid "PublicRead")"#), "{m}");
    }

    #[test]
    fn pinned_policy_is_not_public() {
        let mut s = snapshot();
        let mut b = bucket("pinned");
        b.policy = policy_with(
            r#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
               "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c"}}}"#,
        );
        buckets(&mut s).push(b);
        assert_eq!(status_of(&run_check(CHECK, &s), "pinned"), Status::Pass);
    }

    #[test]
    fn restrict_public_buckets_neutralises_public_policies() {
        let mut s = snapshot();
        let mut bucket_level = public_policy_bucket("bucket-level");
        bucket_level.public_access_block =
            Fetched::Ok(Some(PublicAccessBlock { restrict_public_buckets: true, ..Default::default() }));
        // BlockPublicPolicy alone does not affect an existing public policy.
        let mut block_only = public_policy_bucket("block-only");
        block_only.public_access_block =
            Fetched::Ok(Some(PublicAccessBlock { block_public_policy: true, ..Default::default() }));
        buckets(&mut s).extend([bucket_level, block_only]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "bucket-level"), Status::Pass);
        assert!(message_of(&f, "bucket-level").contains("RestrictPublicBuckets is on at bucket level"), "{f:#?}");
        assert_eq!(status_of(&f, "block-only"), Status::Fail);

        set_account_bpa(
            &mut s,
            Fetched::Ok(Some(PublicAccessBlock { restrict_public_buckets: true, ..Default::default() })),
        );
        assert_eq!(status_of(&run_check(CHECK, &s), "block-only"), Status::Pass);
    }

    #[test]
    fn public_acl_fails_unless_ignored_or_acls_disabled() {
        let mut s = snapshot();
        let mut open = bucket("acl-open");
        open.acl = Fetched::Ok(BucketAcl { owner_id: None, grants: vec![owner_grant(), authenticated_users("READ")] });
        let mut ignored = open.clone();
        ignored.name = "acl-ignored".into();
        ignored.public_access_block =
            Fetched::Ok(Some(PublicAccessBlock { ignore_public_acls: true, ..Default::default() }));
        let mut enforced = open.clone();
        enforced.name = "acl-enforced".into();
        enforced.object_ownership = Fetched::Ok(Some("BucketOwnerEnforced".into()));
        buckets(&mut s).extend([open, ignored, enforced]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "acl-open"), Status::Fail);
        assert!(message_of(&f, "acl-open").contains("AuthenticatedUsers (any AWS account) READ"), "{f:#?}");
        assert_eq!(status_of(&f, "acl-ignored"), Status::Pass);
        assert_eq!(status_of(&f, "acl-enforced"), Status::Pass);
    }

    #[test]
    fn s3_disagreement_and_unavailable_verdict_are_reported() {
        let mut s = snapshot();
        let mut disagree = bucket("disagree");
        disagree.policy = policy_with(
            r#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
               "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c"}}}"#,
        );
        disagree.policy_status_is_public = Fetched::Ok(Some(true));
        let mut localstack = public_policy_bucket("localstack");
        let mut unsupported = denied("s3", "GetBucketPolicyStatus");
        unsupported.kind = ErrorKind::Unsupported;
        unsupported.code = "NotImplemented".into();
        localstack.policy_status_is_public = Fetched::Err(unsupported);
        let mut agree = public_policy_bucket("agree");
        agree.policy_status_is_public = Fetched::Ok(Some(true));
        buckets(&mut s).extend([disagree, localstack, agree]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "disagree"), Status::Pass);
        assert!(message_of(&f, "disagree").contains("disagrees with argus's analysis"), "{f:#?}");
        assert_eq!(status_of(&f, "localstack"), Status::Fail);
        assert!(
            message_of(&f, "localstack").contains("GetBucketPolicyStatus) is unavailable (NotImplemented"),
            "{f:#?}"
        );
        assert!(message_of(&f, "agree").contains("agrees"), "{f:#?}");
    }

    #[test]
    fn unknowns_are_errors_never_passes() {
        let mut s = snapshot();
        let mut no_policy = bucket("no-policy");
        no_policy.policy = Fetched::Err(denied("s3", "GetBucketPolicy"));
        let mut no_acl = bucket("no-acl");
        no_acl.acl = Fetched::Err(denied("s3", "GetBucketAcl"));
        let mut malformed = bucket("malformed");
        malformed.policy = policy(r#"{"Statement":"nope"}"#);
        let mut no_bpa = public_policy_bucket("no-bpa");
        no_bpa.public_access_block = Fetched::Err(denied("s3", "GetBucketPublicAccessBlock"));
        buckets(&mut s).extend([no_policy, no_acl, malformed, no_bpa]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "no-policy"), Status::Error);
        assert!(message_of(&f, "no-policy").contains("s3:GetBucketPolicy"), "{f:#?}");
        assert_eq!(status_of(&f, "no-acl"), Status::Error);
        assert_eq!(status_of(&f, "malformed"), Status::Error);
        assert!(message_of(&f, "malformed").contains("policy of bucket malformed is malformed"), "{f:#?}");
        assert_eq!(status_of(&f, "no-bpa"), Status::Error);
        assert!(message_of(&f, "no-bpa").contains("RestrictPublicBuckets"), "{f:#?}");

        // With Block Public Access fully on at account level, unreadable policy and ACL do not matter.
        set_account_bpa(&mut s, Fetched::Ok(Some(BPA_ALL)));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "no-policy"), Status::Pass);
        assert_eq!(status_of(&f, "no-acl"), Status::Pass);
        assert_eq!(status_of(&f, "no-bpa"), Status::Pass);
        assert_eq!(status_of(&f, "malformed"), Status::Error);
    }

    #[test]
    fn failed_bucket_list_is_one_account_error() {
        let mut s = snapshot();
        if let Some(s3) = s.s3.as_mut() {
            s3.buckets = Fetched::Err(denied("s3", "ListAllMyBuckets"));
        }
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
