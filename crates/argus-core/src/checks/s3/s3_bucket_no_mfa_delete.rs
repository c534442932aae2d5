//! MFA delete is enabled on the bucket. Metadata: `checks/s3/s3_bucket_no_mfa_delete.toml`.

use super::bucket_resource;
use super::common::each_bucket;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "s3_bucket_no_mfa_delete", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |_, b, out| {
        let r = bucket_resource(ctx, b);
        let v = match &b.versioning {
            Fetched::Ok(v) => v,
            Fetched::Err(e) => return out.error(r, e),
        };
        let versioning = match v.status.as_deref() {
            Some(status) => format!("versioning is {status}"),
            None => "versioning has never been enabled".to_string(),
        };
        match v.mfa_delete.as_deref() {
            Some("Enabled") => out.pass(r, format_args!("MFA delete is enabled ({versioning}).")),
            Some(other) => out.fail(r, format_args!("MFA delete is {other} ({versioning}).")),
            None => out.fail(r, format_args!("MFA delete has never been enabled ({versioning}).")),
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
    fn mfa_delete_on_passes_off_fails_unreadable_errors() {
        let mut s = snapshot();
        let mut on = bucket("on");
        on.versioning = Fetched::Ok(Versioning { status: Some("Enabled".into()), mfa_delete: Some("Enabled".into()) });
        let mut off = bucket("off");
        off.versioning =
            Fetched::Ok(Versioning { status: Some("Enabled".into()), mfa_delete: Some("Disabled".into()) });
        let mut unreadable = bucket("unreadable");
        unreadable.versioning = Fetched::Err(denied("s3", "GetBucketVersioning"));
        buckets(&mut s).extend([on, off, bucket("never"), unreadable]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "on"), Status::Pass);
        assert_eq!(status_of(&f, "off"), Status::Fail);
        assert_eq!(status_of(&f, "never"), Status::Fail);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
    }
}
