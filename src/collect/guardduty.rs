//! GuardDuty, per region: the detector (at most one per account and region), its status and protection
//! plans, and whether it holds unarchived high-severity findings.

use super::{Collector, Service};
use crate::snapshot::{
    CollectionError, ErrorKind, Fetched, FindingCount, GuardDutyDetector, GuardDutyDetectorDetails, GuardDutyRegion,
};
use aws_sdk_guardduty::types::{Condition, FindingCriteria};
use std::collections::BTreeMap;

/// GuardDuty's high severities are 7.0-8.9 and its critical ones 9.0-10.0: both count.
const HIGH_SEVERITY: i64 = 7;
/// One page of finding ids is enough to tell "none" from "some"; AWS allows 50.
const FINDINGS_PAGE: i32 = 50;

pub(super) async fn collect(c: &Collector, region: &str) -> GuardDutyRegion {
    let client = c.ctx.guardduty(region);
    let api = c.api("GuardDuty", Service::GuardDuty, Some(region));
    let listed: Result<Vec<String>, CollectionError> =
        api.call("ListDetectors", None, || client.list_detectors().into_paginator().items().send().try_collect()).await;
    let detectors = match listed {
        Ok(ids) => Ok(c
            .fan_out(ids, |id| {
                let (api, client) = (&api, &client);
                async move {
                    let details = api
                        .call("GetDetector", Some(&id), || client.get_detector().detector_id(&id).send())
                        .await
                        .and_then(|out| {
                            let status = out.status().map(|s| s.as_str().to_string()).ok_or_else(|| {
                                api.local_error(
                                    "GetDetector",
                                    Some(&id),
                                    ErrorKind::InvalidResponse,
                                    "MissingStatus",
                                    "GetDetector returned no Status".into(),
                                )
                            })?;
                            Ok(GuardDutyDetectorDetails { status, features: features(&out) })
                        });
                    let high_severity_findings = match &details {
                        Ok(d) if d.is_enabled() => Some(Fetched::from(high_severity_findings(api, client, &id).await)),
                        _ => None,
                    };
                    GuardDutyDetector { details: details.into(), high_severity_findings, id }
                }
            })
            .await),
        Err(e) => Err(e),
    };
    GuardDutyRegion { detectors: detectors.into() }
}

async fn high_severity_findings(
    api: &super::Api<'_>,
    client: &aws_sdk_guardduty::Client,
    detector: &str,
) -> Result<FindingCount, CollectionError> {
    let criteria = FindingCriteria::builder()
        .criterion("severity", Condition::builder().greater_than_or_equal(HIGH_SEVERITY).build())
        .criterion("service.archived", Condition::builder().equals("false").build())
        .build();
    let out = api
        .call("ListFindings", Some(detector), || {
            client.list_findings().detector_id(detector).finding_criteria(criteria).max_results(FINDINGS_PAGE).send()
        })
        .await?;
    Ok(FindingCount { count: out.finding_ids().len(), more: out.next_token().is_some_and(|t| !t.is_empty()) })
}

/// Protection plans by feature name. `Features` replaced the deprecated `DataSources` block and AWS
/// reports it for every detector, older ones included.
fn features(out: &aws_sdk_guardduty::operation::get_detector::GetDetectorOutput) -> BTreeMap<String, String> {
    out.features()
        .iter()
        .filter_map(|f| Some((f.name()?.as_str().to_string(), f.status()?.as_str().to_string())))
        .collect()
}
