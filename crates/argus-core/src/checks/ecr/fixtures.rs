//! Fixture builders for ECR check tests.

use crate::snapshot::*;
use crate::testing::*;

/// The default region's repository list.
pub(crate) fn repositories(s: &mut Snapshot) -> &mut Vec<Repository> {
    list(&mut region_mut(s, REGION).ecr.as_mut().expect("fixture has ECR").repositories)
}

pub(crate) fn repository_arn(name: &str) -> String {
    format!("arn:aws:ecr:{REGION}:{ACCOUNT}:repository/{name}")
}

/// A repository that scans on push, has immutable tags and a lifecycle policy, and no policy.
pub(crate) fn repository(name: &str) -> Repository {
    Repository {
        name: name.into(),
        arn: repository_arn(name),
        scan_on_push: true,
        tag_mutability: "IMMUTABLE".into(),
        policy: Fetched::Ok(None),
        has_lifecycle_policy: Fetched::Ok(true),
    }
}
