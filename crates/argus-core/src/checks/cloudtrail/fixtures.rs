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
        cloudwatch_logs_log_group_arn: None,
        latest_cloudwatch_logs_delivery: None,
        latest_cloudwatch_logs_delivery_error: None,
        event_selectors: Some(Fetched::Ok(EventSelectors {
            classic: vec![ClassicEventSelector {
                read_write_type: "All".into(),
                include_management_events: true,
                data_resources: vec![],
            }],
            advanced: vec![],
        })),
        insight_selectors: Fetched::Ok(vec![]),
    }
}

/// A snapshot with one trail, `main`, delivering to the bucket `bucket_name`.
pub(crate) fn with_trail_to(bucket_name: &str) -> Snapshot {
    let mut s = snapshot();
    trails(&mut s, REGION).push(Trail { s3_bucket_name: Some(bucket_name.into()), ..trail(REGION, "main") });
    s
}

/// A trail-bucket check reports ERROR for a trail whose bucket it cannot see: not in the account's
/// bucket list, the list unreadable, or S3 not collected.
pub(crate) fn assert_unreachable_trail_bucket_is_an_error(check: crate::engine::Check) {
    use crate::engine::Status;
    let f = run_check(check, &with_trail_to("elsewhere"));
    assert_eq!(status_of(&f, &trail_arn(REGION, "main")), Status::Error);
    assert!(f[0].message.contains("not in this account's bucket list"), "{}", f[0].message);
    let mut s = with_trail_to("logs");
    if let Some(s3) = s.s3.as_mut() {
        s3.buckets = Fetched::Err(denied("s3", "ListBuckets"));
    }
    assert_eq!(status_of(&run_check(check, &s), &trail_arn(REGION, "main")), Status::Error);
    let mut s = with_trail_to("logs");
    s.s3 = None;
    let f = run_check(check, &s);
    assert!(f[0].message.contains("S3 was not collected"), "{}", f[0].message);
}
