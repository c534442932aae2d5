//! Fixture builders for the EFS check tests.

use crate::snapshot::*;

/// An encrypted file system without a policy or mount targets.
pub fn file_system(id: &str) -> FileSystem {
    FileSystem {
        id: id.into(),
        arn: Some(format!(
            "arn:aws:elasticfilesystem:{}:{}:file-system/{id}",
            crate::testing::REGION,
            crate::testing::ACCOUNT
        )),
        name: None,
        encrypted: true,
        kms_key_id: Some(format!("arn:aws:kms:{}:{}:key/k1", crate::testing::REGION, crate::testing::ACCOUNT)),
        life_cycle_state: Some("available".into()),
        availability_zone: None,
        policy: Fetched::Ok(None),
        mount_targets: Fetched::Ok(vec![]),
        tags: Tags::new(),
    }
}

pub fn mount_target(id: &str, subnet: &str) -> MountTarget {
    MountTarget {
        id: id.into(),
        subnet_id: Some(subnet.into()),
        vpc_id: Some("vpc-1".into()),
        availability_zone: Some("us-east-1a".into()),
        ip_address: Some("10.0.1.20".into()),
        life_cycle_state: Some("available".into()),
    }
}

pub fn file_systems(s: &mut Snapshot) -> &mut Vec<FileSystem> {
    let region = crate::testing::region_mut(s, crate::testing::REGION);
    crate::testing::list(&mut region.efs.as_mut().expect("fixture has EFS").file_systems)
}
