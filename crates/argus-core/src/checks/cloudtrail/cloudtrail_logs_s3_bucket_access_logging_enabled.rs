//! The S3 bucket a trail delivers to has server access logging.
//! Metadata: `checks/cloudtrail/cloudtrail_logs_s3_bucket_access_logging_enabled.toml`.

use super::each_trail_bucket;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "cloudtrail_logs_s3_bucket_access_logging_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_trail_bucket(ctx, out, |t, _, b, r, out| {
        let (trail, bucket) = (&t.name, &b.name);
        match &b.logging {
            Fetched::Ok(Some(target)) => out.pass(
                r,
                format_args!("Bucket {bucket} of trail {trail} logs access to bucket {}.", target.target_bucket),
            ),
            Fetched::Ok(None) => {
                out.fail(r, format_args!("Bucket {bucket} of trail {trail} has server access logging off."))
            }
            Fetched::Err(e) => out.error(r, e),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::cloudtrail::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::LoggingTarget;
    use crate::testing::*;

    #[test]
    fn a_bucket_outside_the_account_or_unlisted_is_an_error() {
        assert_unreachable_trail_bucket_is_an_error(CHECK);
    }

    #[test]
    fn logging_passes_and_no_logging_fails() {
        let mut s = with_trail_to("logs");
        let mut logged = bucket("logs");
        logged.logging =
            Fetched::Ok(Some(LoggingTarget { target_bucket: "access".into(), target_prefix: String::new() }));
        buckets(&mut s).push(logged);
        assert_eq!(status_of(&run_check(CHECK, &s), &trail_arn(REGION, "main")), Status::Pass);
        let mut s = with_trail_to("logs");
        let mut silent = bucket("logs");
        silent.logging = Fetched::Ok(None);
        buckets(&mut s).push(silent);
        assert_eq!(status_of(&run_check(CHECK, &s), &trail_arn(REGION, "main")), Status::Fail);
        let mut s = with_trail_to("logs");
        let mut unreadable = bucket("logs");
        unreadable.logging = Fetched::Err(denied("s3", "GetBucketLogging"));
        buckets(&mut s).push(unreadable);
        assert_eq!(status_of(&run_check(CHECK, &s), &trail_arn(REGION, "main")), Status::Error);
    }
}
