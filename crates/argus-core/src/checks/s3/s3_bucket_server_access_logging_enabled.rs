//! Server access logging is enabled on the bucket. Metadata:
//! `checks/s3/s3_bucket_server_access_logging_enabled.toml`.

use super::bucket_resource;
use super::common::each_bucket;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "s3_bucket_server_access_logging_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |_, b, out| {
        let r = bucket_resource(ctx, b);
        match &b.logging {
            Fetched::Ok(Some(t)) if t.target_prefix.is_empty() => {
                out.pass(r, format_args!("Server access logs are delivered to bucket {}.", t.target_bucket))
            }
            Fetched::Ok(Some(t)) => out.pass(
                r,
                format_args!(
                    "Server access logs are delivered to bucket {} under prefix {}.",
                    t.target_bucket, t.target_prefix
                ),
            ),
            Fetched::Ok(None) => out.fail(r, "Server access logging is off."),
            Fetched::Err(e) => out.error(r, e),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::LoggingTarget;
    use crate::testing::*;

    #[test]
    fn logging_on_passes_off_fails_unreadable_errors() {
        let mut s = snapshot();
        let mut on = bucket("on");
        on.logging = Fetched::Ok(Some(LoggingTarget { target_bucket: "logs".into(), target_prefix: "on/".into() }));
        let mut unreadable = bucket("unreadable");
        unreadable.logging = Fetched::Err(denied("s3", "GetBucketLogging"));
        buckets(&mut s).extend([on, bucket("off"), unreadable]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "on"), Status::Pass);
        assert_eq!(status_of(&f, "off"), Status::Fail);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
    }
}
