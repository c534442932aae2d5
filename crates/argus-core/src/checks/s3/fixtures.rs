//! Fixture builders for the S3 check tests.

use crate::engine::Finding;
use crate::snapshot::{AclGrant, Fetched, PublicAccessBlock, Snapshot, ALL_USERS_URI, AUTHENTICATED_USERS_URI};
use crate::testing::doc;

/// All four Block Public Access settings on.
pub(crate) const BPA_ALL: PublicAccessBlock = PublicAccessBlock {
    block_public_acls: true,
    ignore_public_acls: true,
    block_public_policy: true,
    restrict_public_buckets: true,
};

/// Sets the account-level Block Public Access configuration.
pub(crate) fn set_account_bpa(s: &mut Snapshot, bpa: Fetched<Option<PublicAccessBlock>>) {
    if let Some(s3) = s.s3.as_mut() {
        s3.account_public_access_block = bpa;
    }
}

/// A bucket policy fixture.
pub(crate) fn policy(json: &str) -> Fetched<Option<crate::snapshot::PolicyDocument>> {
    Fetched::Ok(Some(doc(json)))
}

/// A policy with one statement (`statement` is the JSON of the statement object).
pub(crate) fn policy_with(statement: &str) -> Fetched<Option<crate::snapshot::PolicyDocument>> {
    policy(&format!(r#"{{"Version":"2012-10-17","Statement":[{statement}]}}"#))
}

/// An ACL grant to AllUsers.
pub(crate) fn all_users(permission: &str) -> AclGrant {
    AclGrant {
        grantee_type: "Group".into(),
        grantee_id: None,
        grantee_uri: Some(ALL_USERS_URI.into()),
        permission: permission.into(),
    }
}

/// An ACL grant to AuthenticatedUsers.
pub(crate) fn authenticated_users(permission: &str) -> AclGrant {
    AclGrant { grantee_uri: Some(AUTHENTICATED_USERS_URI.into()), ..all_users(permission) }
}

/// A bucket whose ACL (owned by `owner`) holds `grants`.
pub(crate) fn with_grants(name: &str, grants: Vec<AclGrant>) -> crate::snapshot::Bucket {
    let mut b = crate::testing::bucket(name);
    b.acl = Fetched::Ok(crate::snapshot::BucketAcl { owner_id: Some("owner".into()), grants });
    b
}

/// The owner's own FULL_CONTROL grant.
pub(crate) fn owner_grant() -> AclGrant {
    AclGrant {
        grantee_type: "CanonicalUser".into(),
        grantee_id: Some("owner".into()),
        grantee_uri: None,
        permission: "FULL_CONTROL".into(),
    }
}

/// The message of the single finding about `resource_id`.
pub(crate) fn message_of(findings: &[Finding], resource_id: &str) -> String {
    let matching: Vec<_> = findings.iter().filter(|f| f.resource.id == resource_id).collect();
    assert_eq!(matching.len(), 1, "expected one finding for {resource_id}, got {findings:#?}");
    matching[0].message.to_string()
}
