//! The bucket's object ownership is BucketOwnerEnforced, so ACLs are disabled. Metadata:
//! `checks/s3/s3_bucket_acl_prohibited.toml`.

use super::bucket_resource;
use super::common::each_bucket;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "s3_bucket_acl_prohibited", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |_, b, out| {
        let r = bucket_resource(ctx, b);
        match &b.object_ownership {
            Fetched::Ok(Some(o)) if o == "BucketOwnerEnforced" => {
                out.pass(r, "Object ownership is BucketOwnerEnforced, so ACLs are disabled.")
            }
            Fetched::Ok(Some(o)) => out.fail(
                r,
                format_args!("Object ownership is {o}, so ACLs still grant access to the bucket and its objects."),
            ),
            Fetched::Ok(None) => out
                .fail(r, "The bucket has no object ownership controls, so ACLs are enabled (ObjectWriter behaviour)."),
            Fetched::Err(e) => out.error(r, e),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn enforced_passes_others_fail_unreadable_errors() {
        let mut s = snapshot();
        let mut enforced = bucket("enforced");
        enforced.object_ownership = Fetched::Ok(Some("BucketOwnerEnforced".into()));
        let mut preferred = bucket("preferred");
        preferred.object_ownership = Fetched::Ok(Some("BucketOwnerPreferred".into()));
        let mut unreadable = bucket("unreadable");
        unreadable.object_ownership = Fetched::Err(denied("s3", "GetBucketOwnershipControls"));
        buckets(&mut s).extend([enforced, preferred, bucket("unset"), unreadable]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "enforced"), Status::Pass);
        assert_eq!(status_of(&f, "preferred"), Status::Fail);
        assert_eq!(status_of(&f, "unset"), Status::Fail);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
    }
}
