//! The bucket has Object Lock enabled. Metadata: `checks/s3/s3_bucket_object_lock.toml`.

use super::bucket_resource;
use super::common::each_bucket;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "s3_bucket_object_lock", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |_, b, out| {
        let r = bucket_resource(ctx, b);
        match &b.object_lock {
            Fetched::Err(e) => out.error(r, e),
            Fetched::Ok(None) => {
                out.fail(r, "Object Lock is not enabled: the bucket has no Object Lock configuration.")
            }
            Fetched::Ok(Some(l)) if !l.enabled => {
                out.fail(r, "Object Lock is not enabled: the configuration does not say ObjectLockEnabled=Enabled.")
            }
            Fetched::Ok(Some(l)) => match &l.default_retention {
                Some(d) => out.pass(r, format_args!("Object Lock is enabled, with a default retention of {d}.")),
                None => out.pass(
                    r,
                    "Object Lock is enabled (no default retention: objects are locked only when a writer asks).",
                ),
            },
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::ObjectLock;
    use crate::testing::*;

    #[test]
    fn enabled_passes_absent_or_disabled_fails_unreadable_errors() {
        let mut s = snapshot();
        let mut locked = bucket("locked");
        locked.object_lock =
            Fetched::Ok(Some(ObjectLock { enabled: true, default_retention: Some("COMPLIANCE 30 days".into()) }));
        let mut off = bucket("off");
        off.object_lock = Fetched::Ok(Some(ObjectLock { enabled: false, default_retention: None }));
        let mut unreadable = bucket("unreadable");
        unreadable.object_lock = Fetched::Err(denied("s3", "GetObjectLockConfiguration"));
        buckets(&mut s).extend([locked, off, bucket("none"), unreadable]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "locked"), Status::Pass);
        assert!(finding_message(&f, "locked").contains("COMPLIANCE 30 days"));
        assert_eq!(status_of(&f, "off"), Status::Fail);
        assert_eq!(status_of(&f, "none"), Status::Fail);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert!(finding_message(&f, "unreadable").contains("GetObjectLockConfiguration"));
    }
}
