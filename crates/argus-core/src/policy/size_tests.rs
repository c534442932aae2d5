//! Policies at AWS's size limits (and far past them) are judged, and judged right.
//!
//! Comparing a Deny's patterns with an Allow's is pattern against pattern: a search over the pair of
//! patterns that grew with the product of their lengths turned a 20 KB bucket policy into seconds and a
//! crafted 160 KB one into minutes. These documents are built so that such a search visits every pair;
//! `cargo bench -p argus-core --bench policy_size` times them (a timed assertion here would only be flaky).

use crate::engine::{evaluate, Filter};
use crate::snapshot::{Fetched, KmsKey, KmsKeyMetadata, Snapshot};
use crate::testing::{self, ACCOUNT, REGION};

#[path = "../../benches/support/crafted_policy.rs"]
mod crafted_policy;
use crafted_policy::crafted_policy;

/// AWS's limits: a bucket policy may be 20 KB, a KMS key policy 32 KB.
pub(super) const BUCKET_POLICY_LIMIT: usize = 20 * 1024;
pub(super) const KEY_POLICY_LIMIT: usize = 32 * 1024;
/// Far past any limit: a hostile snapshot file can hold anything.
pub(super) const CRAFTED_SIZE: usize = 160 * 1024;

fn snapshot_with(bucket_policy: &str, key_policy: &str) -> Snapshot {
    let mut snapshot = testing::snapshot();
    let mut bucket = testing::bucket("b");
    bucket.policy = Fetched::Ok(Some(testing::doc(bucket_policy)));
    *testing::buckets(&mut snapshot) = vec![bucket];
    let key = KmsKey {
        id: "k".into(),
        arn: format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/k"),
        aliases: vec![],
        metadata: Fetched::Ok(KmsKeyMetadata {
            manager: "CUSTOMER".into(),
            state: "Enabled".into(),
            spec: "SYMMETRIC_DEFAULT".into(),
            usage: "ENCRYPT_DECRYPT".into(),
            origin: Some("AWS_KMS".into()),
            created: Some(testing::days_ago(100)),
            deletion_date: None,
            description: None,
            multi_region: Some(false),
        }),
        rotation_enabled: Some(Fetched::Ok(true)),
        policy: Some(Fetched::Ok(testing::doc(key_policy))),
    };
    let kms = testing::region_mut(&mut snapshot, REGION).kms.as_mut().expect("fixture has KMS");
    kms.keys = Fetched::Ok(vec![key]);
    snapshot
}

#[test]
fn maximum_size_resource_policies_are_judged() {
    for (bucket_limit, key_limit) in [(BUCKET_POLICY_LIMIT, KEY_POLICY_LIMIT), (CRAFTED_SIZE, CRAFTED_SIZE)] {
        let bucket_policy = crafted_policy("s3", "arn:aws:s3:::b/", bucket_limit);
        let key_policy = crafted_policy("kms", "arn:aws:kms:*:*:key/", key_limit);
        let snapshot = snapshot_with(&bucket_policy, &key_policy);
        let findings =
            evaluate(&snapshot, &crate::checks::all(), &Filter::default(), &Default::default(), testing::now());
        // No Deny covers the Allow: the bucket and the key stay public.
        let verdict = |check: &str, id: &str| {
            findings.iter().find(|f| f.check_id() == check && f.resource.id == id).map(|f| f.status)
        };
        assert_eq!(verdict("s3_bucket_public_access", "b"), Some(crate::engine::Status::Fail));
        assert_eq!(verdict("kms_key_not_publicly_accessible", "k"), Some(crate::engine::Status::Fail));
    }
}
