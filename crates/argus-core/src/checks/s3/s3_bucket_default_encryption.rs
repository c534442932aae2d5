//! Buckets have default encryption. Metadata: `checks/s3/s3_bucket_default_encryption.toml`.

use super::bucket_resource;
use super::common::each_bucket;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "s3_bucket_default_encryption", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |_, bucket, out| {
        let r = bucket_resource(ctx, bucket);
        match &bucket.encryption {
            Fetched::Ok(Some(enc)) => out.pass(r, format_args!("Default encryption is {}.", enc.algorithm)),
            Fetched::Ok(None) => out.fail(r, "The bucket has no default encryption configuration."),
            Fetched::Err(e) => out.error(r, e),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::BucketEncryption;
    use crate::testing::*;

    #[test]
    fn encrypted_passes_unencrypted_fails_unreadable_errors() {
        let mut s = snapshot();
        let mut good = bucket("good");
        good.encryption = Fetched::Ok(Some(BucketEncryption {
            algorithm: "AES256".into(),
            kms_key_id: None,
            bucket_key_enabled: false,
        }));
        let mut unreadable = bucket("unreadable");
        unreadable.encryption = Fetched::Err(denied("s3", "GetBucketEncryption"));
        buckets(&mut s).extend([good, bucket("plain"), unreadable]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "good"), Status::Pass);
        assert_eq!(status_of(&f, "plain"), Status::Fail);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
    }
}
