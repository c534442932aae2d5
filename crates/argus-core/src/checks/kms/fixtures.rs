//! Fixture builders for KMS check tests.

use crate::snapshot::*;
use crate::testing::*;

/// The default region's key list.
pub(crate) fn keys(s: &mut Snapshot) -> &mut Vec<KmsKey> {
    list(&mut region_mut(s, REGION).kms.as_mut().expect("fixture has KMS").keys)
}

/// A key policy that only trusts the owning account.
pub(crate) fn owner_only_policy() -> PolicyDocument {
    doc(&format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Enable IAM User Permissions","Effect":"Allow",
        "Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"kms:*","Resource":"*"}}]}}"#
    ))
}

/// An enabled symmetric customer managed key with rotation on and an owner-only policy.
pub(crate) fn key(id: &str) -> KmsKey {
    KmsKey {
        id: id.into(),
        arn: format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/{id}"),
        aliases: vec![format!("alias/{id}")],
        metadata: Fetched::Ok(KmsKeyMetadata {
            manager: "CUSTOMER".into(),
            state: "Enabled".into(),
            spec: "SYMMETRIC_DEFAULT".into(),
            usage: "ENCRYPT_DECRYPT".into(),
            origin: Some("AWS_KMS".into()),
            created: Some(days_ago(100)),
            deletion_date: None,
            description: None,
            multi_region: Some(false),
        }),
        rotation_enabled: Some(Fetched::Ok(true)),
        policy: Some(Fetched::Ok(owner_only_policy())),
    }
}

/// An AWS managed key (no rotation or policy read).
pub(crate) fn aws_managed_key(id: &str) -> KmsKey {
    let mut k = key(id);
    k.aliases = vec!["alias/aws/s3".into()];
    if let Fetched::Ok(m) = &mut k.metadata {
        m.manager = "AWS".into();
    }
    k.rotation_enabled = None;
    k.policy = None;
    k
}

/// Mutable metadata of a fixture key.
pub(crate) fn meta(k: &mut KmsKey) -> &mut KmsKeyMetadata {
    match &mut k.metadata {
        Fetched::Ok(m) => m,
        Fetched::Err(_) => panic!("fixture: metadata replaced by an error"),
    }
}
