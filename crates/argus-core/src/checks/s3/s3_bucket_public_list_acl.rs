//! The bucket ACL lets neither AllUsers nor AuthenticatedUsers list the bucket or read its ACL, once
//! IgnorePublicAcls is applied. Metadata: `checks/s3/s3_bucket_public_list_acl.toml`.

use super::common::{judge_public_acl, ACL_LIST_PERMISSIONS};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "s3_bucket_public_list_acl", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_public_acl(ctx, out, &ACL_LIST_PERMISSIONS, "list the bucket or read its ACL");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::s3::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, PublicAccessBlock};
    use crate::testing::*;

    #[test]
    fn public_read_grants_fail_others_pass() {
        let mut s = snapshot();
        buckets(&mut s).extend([
            with_grants("read", vec![owner_grant(), all_users("READ")]),
            with_grants("read-acp", vec![authenticated_users("READ_ACP")]),
            with_grants("full", vec![all_users("FULL_CONTROL")]),
            with_grants("write-only", vec![all_users("WRITE")]),
            with_grants("owner-only", vec![owner_grant()]),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "read"), Status::Fail);
        assert!(message_of(&f, "read").contains("AllUsers (everyone) READ (list objects)"), "{f:#?}");
        assert_eq!(status_of(&f, "read-acp"), Status::Fail);
        assert_eq!(status_of(&f, "full"), Status::Fail);
        assert_eq!(status_of(&f, "write-only"), Status::Pass);
        assert_eq!(status_of(&f, "owner-only"), Status::Pass);

        set_account_bpa(
            &mut s,
            Fetched::Ok(Some(PublicAccessBlock { ignore_public_acls: true, ..Default::default() })),
        );
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "read"), Status::Pass);
        assert!(message_of(&f, "read").contains("IgnorePublicAcls is on at account level"), "{f:#?}");
    }

    #[test]
    fn unreadable_acl_or_bpa_is_an_error() {
        let mut s = snapshot();
        let mut unreadable = bucket("unreadable");
        unreadable.acl = Fetched::Err(denied("s3", "GetBucketAcl"));
        let mut unknown_bpa = with_grants("unknown-bpa", vec![all_users("READ")]);
        unknown_bpa.public_access_block = Fetched::Err(denied("s3", "GetBucketPublicAccessBlock"));
        buckets(&mut s).extend([unreadable, unknown_bpa]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert!(message_of(&f, "unreadable").contains("s3:GetBucketAcl"), "{f:#?}");
        assert_eq!(status_of(&f, "unknown-bpa"), Status::Error);
    }
}
