//! Every S3 access point has all four Block Public Access settings on. Metadata:
//! `checks/s3/s3_access_point_public_access_block.toml`.

use super::common::settings_off;
use crate::engine::{Check, CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, Tags};
use std::sync::Arc;

pub const CHECK: Check = Check { id: "s3_access_point_public_access_block", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(s3) = &ctx.snapshot.s3 else { return };
    let regions = match &s3.access_points {
        Fetched::Ok(regions) => regions,
        Fetched::Err(e) => return out.error(ctx.account_resource(), e),
    };
    for (region, listing) in regions {
        let points = match listing {
            Fetched::Ok(points) => points,
            Fetched::Err(e) => {
                out.error(ctx.region_resource(region), e);
                continue;
            }
        };
        for ap in points {
            let r = Arc::new(Resource::identified_by_arn(&ap.arn, &ap.name, ctx.region_name(region), &Tags::new()));
            let pab = match &ap.public_access_block {
                Fetched::Err(e) => {
                    out.error(r, e);
                    continue;
                }
                Fetched::Ok(pab) => pab.as_ref(),
            };
            let off = settings_off(pab);
            if off.is_empty() {
                out.pass(
                    r,
                    format_args!(
                        "Access point {} of bucket {} has all four Block Public Access settings on.",
                        ap.name, ap.bucket
                    ),
                );
            } else if pab.is_none() {
                out.fail(
                    r,
                    format_args!(
                        "Access point {} of bucket {} has no Block Public Access configuration.",
                        ap.name, ap.bucket
                    ),
                );
            } else {
                out.fail(
                    r,
                    format_args!(
                        "Access point {} of bucket {} has Block Public Access settings off: {}.",
                        ap.name,
                        ap.bucket,
                        off.join(", ")
                    ),
                );
            }
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

    fn ap(name: &str, pab: Fetched<Option<PublicAccessBlock>>) -> AccessPoint {
        AccessPoint {
            name: name.into(),
            arn: format!("arn:aws:s3:{REGION}:{ACCOUNT}:accesspoint/{name}"),
            bucket: "data".into(),
            network_origin: Some("Internet".into()),
            public_access_block: pab,
        }
    }

    #[test]
    fn all_settings_pass_any_off_fails_unreadable_errors() {
        let mut s = snapshot();
        let open = PublicAccessBlock { block_public_policy: false, ..BPA_ALL };
        s.s3.as_mut().unwrap().access_points = Fetched::Ok(
            [
                (
                    REGION.to_string(),
                    Fetched::Ok(vec![
                        ap("private", Fetched::Ok(Some(BPA_ALL))),
                        ap("open", Fetched::Ok(Some(open))),
                        ap("unreadable", Fetched::Err(denied("s3", "GetAccessPoint"))),
                    ]),
                ),
                ("eu-west-1".to_string(), Fetched::Err(denied("s3", "ListAccessPoints"))),
            ]
            .into(),
        );
        let f = run_check(CHECK, &s);
        let arn = |n: &str| format!("arn:aws:s3:{REGION}:{ACCOUNT}:accesspoint/{n}");
        assert_eq!(status_of(&f, &arn("private")), Status::Pass);
        assert_eq!(status_of(&f, &arn("open")), Status::Fail);
        assert!(finding_message(&f, &arn("open")).ends_with("off: BlockPublicPolicy."));
        assert_eq!(status_of(&f, &arn("unreadable")), Status::Error);
        assert_eq!(status_of(&f, "eu-west-1"), Status::Error);
        assert!(finding_message(&f, "eu-west-1").contains("ListAccessPoints"));
        s.s3.as_mut().unwrap().access_points = Fetched::Err(denied("s3", "ListAccessPoints"));
        assert_eq!(status_of(&run_check(CHECK, &s), ACCOUNT), Status::Error);
    }
}
