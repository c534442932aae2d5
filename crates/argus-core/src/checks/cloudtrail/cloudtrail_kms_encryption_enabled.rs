//! Trails encrypt their log files with a KMS key (SSE-KMS). Metadata:
//! `checks/cloudtrail/cloudtrail_kms_encryption_enabled.toml`.

use super::each_trail;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "cloudtrail_kms_encryption_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_trail(ctx, out, |t, r, out| match t.kms_key_id.as_deref().filter(|k| !k.is_empty()) {
        Some(key) => out.pass(r, format_args!("Trail {} encrypts its logs with KMS key {key}.", t.name)),
        None => out.fail(r, format_args!("Trail {} does not encrypt its logs with a KMS key (SSE-S3 only).", t.name)),
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, Trail};
    use crate::testing::*;

    #[test]
    fn kms_key_decides_and_listing_failure_errors() {
        let mut s = snapshot();
        trails(&mut s, REGION).extend([trail(REGION, "kms"), Trail { kms_key_id: None, ..trail(REGION, "sse-s3") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &trail_arn(REGION, "kms")), Status::Pass);
        assert_eq!(status_of(&f, &trail_arn(REGION, "sse-s3")), Status::Fail);

        region_mut(&mut s, REGION).cloudtrail.as_mut().unwrap().trails =
            Fetched::Err(denied("cloudtrail", "DescribeTrails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
