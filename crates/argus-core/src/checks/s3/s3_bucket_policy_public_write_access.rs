//! The bucket policy lets no one outside the account write or delete, once RestrictPublicBuckets is
//! applied. Metadata: `checks/s3/s3_bucket_policy_public_write_access.toml`.

use super::bucket_resource;
use super::common::{bucket_policy, each_bucket, policy_gate, public_statements_granting, BucketPolicy, Gate};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::{s3_public_actions, S3_PUBLIC_WRITE_ACTIONS};

pub const CHECK: Check = Check { id: "s3_bucket_policy_public_write_access", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |s3, b, out| {
        let r = bucket_resource(ctx, b);
        let gate = policy_gate(s3, b);
        let policy = match bucket_policy(b) {
            BucketPolicy::Absent => return out.pass(r, "The bucket has no bucket policy."),
            BucketPolicy::Malformed(message) => return out.error_message(r, message),
            BucketPolicy::Unavailable(e) => {
                return match gate {
                    Gate::Neutralised(why) => out.pass(
                        r,
                        format_args!(
                            "The bucket policy could not be read ({}), but public policies have no effect: {why}.",
                            e.brief()
                        ),
                    ),
                    _ => out.error(r, e),
                }
            }
            BucketPolicy::Parsed(p) => p,
        };
        let write: Vec<&str> =
            s3_public_actions(policy).into_iter().filter(|a| S3_PUBLIC_WRITE_ACTIONS.contains(a)).collect();
        if write.is_empty() {
            return out.pass(r, "The bucket policy grants the public no write or delete action.");
        }
        let grant = format!(
            "The bucket policy grants anyone {} actions via {}",
            write.join(", "),
            public_statements_granting(policy, &write).join(", ")
        );
        match gate {
            Gate::Neutralised(why) => out.pass(r, format_args!("{grant}, but public policies have no effect: {why}.")),
            Gate::Open => {
                out.fail(r, format_args!("{grant}, and RestrictPublicBuckets is off at account and bucket level."))
            }
            Gate::Unknown(e) => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: {grant}, but whether RestrictPublicBuckets neutralises it is unknown: {e}"
                ),
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::s3::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, PublicAccessBlock};
    use crate::testing::*;

    #[test]
    fn public_write_fails_read_only_passes() {
        let mut s = snapshot();
        let mut write = bucket("write");
        write.policy = policy_with(
            r#"{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["s3:PutObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::write/*"}"#,
        );
        let mut read = bucket("read");
        read.policy = policy_with(r#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}"#);
        let mut denied_write = bucket("denied-write");
        denied_write.policy = policy(
            r#"{"Version":"2012-10-17","Statement":[
                {"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::denied-write/*"},
                {"Effect":"Deny","Principal":"*","Action":["s3:Put*","s3:Delete*","s3:AbortMultipartUpload","s3:RestoreObject"],
                 "Resource":"arn:aws:s3:::denied-write/*"}]}"#,
        );
        buckets(&mut s).extend([write, read, denied_write, bucket("none")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "write"), Status::Fail);
        let m = message_of(&f, "write");
        assert!(m.contains("s3:Put*, s3:Delete*") && m.contains("Statement[0]"), "{m}");
        assert_eq!(status_of(&f, "read"), Status::Pass);
        assert_eq!(status_of(&f, "denied-write"), Status::Pass);
        assert_eq!(status_of(&f, "none"), Status::Pass);

        set_account_bpa(
            &mut s,
            Fetched::Ok(Some(PublicAccessBlock { restrict_public_buckets: true, ..Default::default() })),
        );
        assert_eq!(status_of(&run_check(CHECK, &s), "write"), Status::Pass);
    }

    #[test]
    fn unreadable_or_malformed_policy_is_an_error() {
        let mut s = snapshot();
        let mut unreadable = bucket("unreadable");
        unreadable.policy = Fetched::Err(denied("s3", "GetBucketPolicy"));
        let mut malformed = bucket("malformed");
        malformed.policy = Fetched::Ok(Some(crate::snapshot::PolicyDocument::from_json_text("{not json")));
        buckets(&mut s).extend([unreadable, malformed]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert_eq!(status_of(&f, "malformed"), Status::Error);
        assert!(message_of(&f, "malformed").contains("invalid JSON"), "{f:#?}");
    }
}
