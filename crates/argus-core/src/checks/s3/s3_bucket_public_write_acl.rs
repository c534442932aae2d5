//! The bucket ACL lets neither AllUsers nor AuthenticatedUsers write objects or change the ACL, once
//! IgnorePublicAcls is applied. Metadata: `checks/s3/s3_bucket_public_write_acl.toml`.

use super::common::{judge_public_acl, ACL_WRITE_PERMISSIONS};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "s3_bucket_public_write_acl", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_public_acl(ctx, out, &ACL_WRITE_PERMISSIONS, "write objects or change the ACL");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::s3::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn public_write_grants_fail_others_pass() {
        let mut s = snapshot();
        let mut enforced = with_grants("enforced", vec![all_users("WRITE")]);
        enforced.object_ownership = Fetched::Ok(Some("BucketOwnerEnforced".into()));
        buckets(&mut s).extend([
            with_grants("write", vec![owner_grant(), all_users("WRITE")]),
            with_grants("write-acp", vec![authenticated_users("WRITE_ACP")]),
            with_grants("full", vec![authenticated_users("FULL_CONTROL")]),
            with_grants("read-only", vec![all_users("READ")]),
            enforced,
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "write"), Status::Fail);
        assert!(message_of(&f, "write").contains("WRITE (create, overwrite and delete objects)"), "{f:#?}");
        assert_eq!(status_of(&f, "write-acp"), Status::Fail);
        assert_eq!(status_of(&f, "full"), Status::Fail);
        assert_eq!(status_of(&f, "read-only"), Status::Pass);
        assert_eq!(status_of(&f, "enforced"), Status::Pass);
    }

    #[test]
    fn unreadable_acl_is_an_error() {
        let mut s = snapshot();
        let mut unreadable = bucket("unreadable");
        unreadable.acl = Fetched::Err(denied("s3", "GetBucketAcl"));
        buckets(&mut s).push(unreadable);
        assert_eq!(status_of(&run_check(CHECK, &s), "unreadable"), Status::Error);
    }
}
