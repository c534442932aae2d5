//! The S3 bucket a trail delivers to requires MFA to delete versions.
//! Metadata: `checks/cloudtrail/cloudtrail_bucket_requires_mfa_delete.toml`.

use super::each_trail_bucket;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "cloudtrail_bucket_requires_mfa_delete", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_trail_bucket(ctx, out, |t, _, b, r, out| {
        let (trail, bucket) = (&t.name, &b.name);
        match &b.versioning {
            Fetched::Ok(v) if v.mfa_delete.as_deref().is_some_and(|m| m.eq_ignore_ascii_case("Enabled")) => {
                out.pass(r, format_args!("Bucket {bucket} of trail {trail} requires MFA to delete object versions."))
            }
            Fetched::Ok(_) => out.fail(
                r,
                format_args!("Bucket {bucket} of trail {trail} does not require MFA to delete object versions."),
            ),
            Fetched::Err(e) => out.error(r, e),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::cloudtrail::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Versioning;
    use crate::testing::*;

    #[test]
    fn a_bucket_outside_the_account_or_unlisted_is_an_error() {
        assert_unreachable_trail_bucket_is_an_error(CHECK);
    }

    #[test]
    fn mfa_delete_passes_and_its_absence_fails() {
        let mut s = with_trail_to("logs");
        let mut guarded = bucket("logs");
        guarded.versioning =
            Fetched::Ok(Versioning { status: Some("Enabled".into()), mfa_delete: Some("Enabled".into()) });
        buckets(&mut s).push(guarded);
        assert_eq!(status_of(&run_check(CHECK, &s), &trail_arn(REGION, "main")), Status::Pass);
        let mut s = with_trail_to("logs");
        let mut plain = bucket("logs");
        plain.versioning = Fetched::Ok(Versioning { status: Some("Enabled".into()), mfa_delete: None });
        buckets(&mut s).push(plain);
        assert_eq!(status_of(&run_check(CHECK, &s), &trail_arn(REGION, "main")), Status::Fail);
        let mut s = with_trail_to("logs");
        let mut unreadable = bucket("logs");
        unreadable.versioning = Fetched::Err(denied("s3", "GetBucketVersioning"));
        buckets(&mut s).push(unreadable);
        assert_eq!(status_of(&run_check(CHECK, &s), &trail_arn(REGION, "main")), Status::Error);
    }
}
