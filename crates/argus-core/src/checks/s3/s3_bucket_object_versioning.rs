//! Object versioning is enabled on the bucket. Metadata: `checks/s3/s3_bucket_object_versioning.toml`.

use super::bucket_resource;
use super::common::each_bucket;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "s3_bucket_object_versioning", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |_, b, out| {
        let r = bucket_resource(ctx, b);
        match &b.versioning {
            Fetched::Err(e) => out.error(r, e),
            Fetched::Ok(v) => match v.status.as_deref() {
                Some("Enabled") => out.pass(r, "Object versioning is enabled."),
                Some("Suspended") => {
                    out.fail(r, "Object versioning is suspended: overwritten or deleted objects are not kept.")
                }
                None => out.fail(r, "Object versioning has never been enabled."),
                Some(other) => out.fail(r, format_args!("Object versioning status is {other:?}, not Enabled.")),
            },
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Versioning;
    use crate::testing::*;

    #[test]
    fn enabled_passes_suspended_and_never_fail_unreadable_errors() {
        let mut s = snapshot();
        let mut on = bucket("on");
        on.versioning = Fetched::Ok(Versioning { status: Some("Enabled".into()), mfa_delete: None });
        let mut suspended = bucket("suspended");
        suspended.versioning = Fetched::Ok(Versioning { status: Some("Suspended".into()), mfa_delete: None });
        let mut unreadable = bucket("unreadable");
        unreadable.versioning = Fetched::Err(denied("s3", "GetBucketVersioning"));
        buckets(&mut s).extend([on, suspended, bucket("never"), unreadable]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "on"), Status::Pass);
        assert_eq!(status_of(&f, "suspended"), Status::Fail);
        assert_eq!(status_of(&f, "never"), Status::Fail);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
    }
}
