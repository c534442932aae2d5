//! Every S3 Multi-Region Access Point has all four Block Public Access settings on. Metadata:
//! `checks/s3/s3_multi_region_access_point_public_access_block.toml`.

use super::common::settings_off;
use crate::engine::{Check, CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, Tags};
use std::sync::Arc;

pub const CHECK: Check = Check { id: "s3_multi_region_access_point_public_access_block", run };

/// The region whose S3 Control endpoint serves Multi-Region Access Points.
const REGION: &str = "us-west-2";

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(s3) = &ctx.snapshot.s3 else { return };
    let points = match &s3.multi_region_access_points {
        Fetched::Ok(points) => points,
        Fetched::Err(e) => return out.error(ctx.account_resource(), e),
    };
    for m in points {
        let r = Arc::new(Resource::identified_by_arn(&m.arn, &m.name, ctx.region_name(REGION), &Tags::new()));
        let buckets = if m.buckets.is_empty() { "no bucket".to_string() } else { m.buckets.join(", ") };
        let off = settings_off(m.public_access_block.as_ref());
        if off.is_empty() {
            out.pass(
                r,
                format_args!(
                    "Multi-Region Access Point {} (buckets {buckets}) has all four Block Public Access settings on.",
                    m.name
                ),
            );
        } else if m.public_access_block.is_none() {
            out.fail(
                r,
                format_args!(
                    "Multi-Region Access Point {} (buckets {buckets}) reports no Block Public Access configuration.",
                    m.name
                ),
            );
        } else {
            out.fail(
                r,
                format_args!(
                    "Multi-Region Access Point {} (buckets {buckets}) has Block Public Access settings off: {}.",
                    m.name,
                    off.join(", ")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::BPA_ALL;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::*;
    use crate::testing::*;

    fn mrap(name: &str, pab: Option<PublicAccessBlock>) -> MultiRegionAccessPoint {
        MultiRegionAccessPoint {
            name: name.into(),
            arn: format!("arn:aws:s3::{ACCOUNT}:accesspoint/{name}.mrap"),
            alias: Some(format!("{name}.mrap")),
            buckets: vec!["data".into()],
            public_access_block: pab,
        }
    }

    #[test]
    fn all_settings_pass_any_off_fails_unreadable_errors() {
        let mut s = snapshot();
        s.s3.as_mut().unwrap().multi_region_access_points = Fetched::Ok(vec![
            mrap("private", Some(BPA_ALL)),
            mrap("open", Some(PublicAccessBlock { ignore_public_acls: false, ..BPA_ALL })),
            mrap("unknown", None),
        ]);
        let f = run_check(CHECK, &s);
        let arn = |n: &str| format!("arn:aws:s3::{ACCOUNT}:accesspoint/{n}.mrap");
        assert_eq!(status_of(&f, &arn("private")), Status::Pass);
        assert_eq!(status_of(&f, &arn("open")), Status::Fail);
        assert_eq!(status_of(&f, &arn("unknown")), Status::Fail);
        s.s3.as_mut().unwrap().multi_region_access_points = Fetched::Err(denied("s3", "ListMultiRegionAccessPoints"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, ACCOUNT), Status::Error);
        assert!(finding_message(&f, ACCOUNT).contains("ListMultiRegionAccessPoints"));
    }
}
