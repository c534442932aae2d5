//! The S3 bucket a trail delivers to is not public.
//! Metadata: `checks/cloudtrail/cloudtrail_logs_s3_bucket_is_not_publicly_accessible.toml`.

use super::each_trail_bucket;
use crate::checks::s3::s3_bucket_public_access::{verdict, Verdict};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "cloudtrail_logs_s3_bucket_is_not_publicly_accessible", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_trail_bucket(ctx, out, |t, s3, b, r, out| {
        let (trail, bucket) = (&t.name, &b.name);
        match verdict(s3, b) {
            Verdict::Public(why) => out.fail(r, format_args!("Trail {trail} delivers to bucket {bucket}. {why}")),
            Verdict::NotPublic(why) => out.pass(r, format_args!("Trail {trail} delivers to bucket {bucket}. {why}")),
            Verdict::Unknown(why) => out.error_message(r, format_args!("{why} (bucket {bucket} of trail {trail})")),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::cloudtrail::fixtures::*;
    use crate::checks::s3::fixtures::{all_users, with_grants};
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn a_bucket_outside_the_account_or_unlisted_is_an_error() {
        assert_unreachable_trail_bucket_is_an_error(CHECK);
    }

    #[test]
    fn a_public_trail_bucket_fails_and_a_private_one_passes() {
        let mut s = with_trail_to("logs");
        buckets(&mut s).push(bucket("logs"));
        assert_eq!(status_of(&run_check(CHECK, &s), &trail_arn(REGION, "main")), Status::Pass);
        let mut s = with_trail_to("logs");
        buckets(&mut s).push(with_grants("logs", vec![all_users("READ")]));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &trail_arn(REGION, "main")), Status::Fail);
        assert!(f[0].message.contains("bucket logs") && f[0].message.contains("ACL"), "{}", f[0].message);
    }
}
