//! Fixture builders for CloudTrail check tests.

use crate::snapshot::*;
use crate::testing::*;

/// The trail list of `region` (created in the fixture if needed).
pub(crate) fn trails<'a>(s: &'a mut Snapshot, region: &str) -> &'a mut Vec<Trail> {
    list(&mut region_mut(s, region).cloudtrail.as_mut().expect("fixture has CloudTrail").trails)
}

pub(crate) fn trail_arn(region: &str, name: &str) -> String {
    format!("arn:aws:cloudtrail:{region}:{ACCOUNT}:trail/{name}")
}

/// A logging, validated, KMS-encrypted single-region trail homed in `region`.
pub(crate) fn trail(region: &str, name: &str) -> Trail {
    Trail {
        name: name.into(),
        arn: trail_arn(region, name),
        home_region: region.into(),
        is_multi_region: false,
        is_organization_trail: false,
        log_file_validation_enabled: true,
        kms_key_id: Some(format!("arn:aws:kms:{region}:{ACCOUNT}:key/trail-key")),
        s3_bucket_name: Some("trail-bucket".into()),
        is_logging: Fetched::Ok(true),
    }
}
