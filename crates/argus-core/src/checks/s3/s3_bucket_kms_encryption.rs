//! The bucket's default encryption is SSE-KMS or DSSE-KMS. Metadata: `checks/s3/s3_bucket_kms_encryption.toml`.

use super::bucket_resource;
use super::common::each_bucket;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "s3_bucket_kms_encryption", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |_, b, out| {
        let r = bucket_resource(ctx, b);
        let enc = match &b.encryption {
            Fetched::Ok(Some(enc)) => enc,
            Fetched::Ok(None) => {
                return out.fail(r, "The bucket has no default encryption configuration, so not SSE-KMS.")
            }
            Fetched::Err(e) => return out.error(r, e),
        };
        let kind = if enc.algorithm.eq_ignore_ascii_case("aws:kms") {
            "SSE-KMS"
        } else if enc.algorithm.eq_ignore_ascii_case("aws:kms:dsse") {
            "DSSE-KMS"
        } else {
            let what = if enc.algorithm.eq_ignore_ascii_case("AES256") { " (SSE-S3)" } else { "" };
            return out
                .fail(r, format_args!("Default encryption is {}{what}, not SSE-KMS or DSSE-KMS.", enc.algorithm));
        };
        let key = match enc.kms_key_id.as_deref() {
            Some(k) if !k.is_empty() => format!("key {k}"),
            _ => "the AWS managed key aws/s3".to_string(),
        };
        out.pass(r, format_args!("Default encryption is {kind} with {key}."));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::BucketEncryption;
    use crate::testing::*;

    fn encrypted(name: &str, algorithm: &str, key: Option<&str>) -> crate::snapshot::Bucket {
        let mut b = bucket(name);
        b.encryption = Fetched::Ok(Some(BucketEncryption {
            algorithm: algorithm.into(),
            kms_key_id: key.map(String::from),
            bucket_key_enabled: true,
        }));
        b
    }

    #[test]
    fn kms_passes_sse_s3_and_none_fail_unreadable_errors() {
        let mut s = snapshot();
        let mut unreadable = bucket("unreadable");
        unreadable.encryption = Fetched::Err(denied("s3", "GetEncryptionConfiguration"));
        buckets(&mut s).extend([
            encrypted("kms", "aws:kms", Some("arn:aws:kms:us-east-1:123456789012:key/abc")),
            encrypted("dsse", "aws:kms:dsse", None),
            encrypted("sse-s3", "AES256", None),
            bucket("none"),
            unreadable,
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "kms"), Status::Pass);
        assert_eq!(status_of(&f, "dsse"), Status::Pass);
        assert_eq!(status_of(&f, "sse-s3"), Status::Fail);
        assert!(f.iter().any(|x| x.resource.id == "sse-s3" && x.message.contains("AES256 (SSE-S3)")));
        assert_eq!(status_of(&f, "none"), Status::Fail);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
    }
}
