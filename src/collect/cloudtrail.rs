//! CloudTrail, per region: trails whose home is this region, and whether each is logging.

use super::{Collector, Service};
use crate::snapshot::{CloudTrailRegion, CollectionError, Trail};

pub(super) async fn collect(c: &Collector, region: &str) -> CloudTrailRegion {
    let client = c.ctx.cloudtrail(region);
    let api = c.api("CloudTrail", Service::CloudTrail, Some(region));
    let listed: Result<_, CollectionError> =
        api.call("DescribeTrails", None, || client.describe_trails().include_shadow_trails(false).send()).await;
    let trails = match listed {
        Ok(out) => Ok(c
            // Some endpoints list a multi-region trail in every region despite IncludeShadowTrails=false.
            .fan_out(out.trail_list().iter().filter(|t| t.home_region().is_none_or(|h| h == region)).cloned(), |t| {
                let (api, client) = (&api, &client);
                async move {
                    let arn = t.trail_arn().unwrap_or_default().to_string();
                    let is_logging = api
                        .call("GetTrailStatus", Some(&arn), || client.get_trail_status().name(&arn).send())
                        .await
                        .map(|s| s.is_logging().unwrap_or(false));
                    Trail {
                        name: t.name().unwrap_or_default().to_string(),
                        home_region: t.home_region().unwrap_or(region).to_string(),
                        is_multi_region: t.is_multi_region_trail().unwrap_or(false),
                        is_organization_trail: t.is_organization_trail().unwrap_or(false),
                        log_file_validation_enabled: t.log_file_validation_enabled().unwrap_or(false),
                        kms_key_id: t.kms_key_id().map(str::to_string),
                        s3_bucket_name: t.s3_bucket_name().map(str::to_string),
                        is_logging: is_logging.into(),
                        arn,
                    }
                }
            })
            .await),
        Err(e) => Err(e),
    };
    CloudTrailRegion { trails: trails.into() }
}
