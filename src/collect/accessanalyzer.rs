//! IAM Access Analyzer, per region: every analyzer, and for each active external-access analyzer (of the
//! account or the organization) whether it has active findings.

use super::{Collector, Service};
use crate::snapshot::{AccessAnalyzer, AccessAnalyzerRegion, CollectionError, FindingCount};
use aws_sdk_accessanalyzer::types::Criterion;

/// One page tells "none" from "some"; the count shown is a lower bound beyond it.
const FINDINGS_PAGE: i32 = 100;

pub(super) async fn collect(c: &Collector, region: &str) -> AccessAnalyzerRegion {
    let client = c.ctx.accessanalyzer(region);
    let api = c.api("AccessAnalyzer", Service::AccessAnalyzer, Some(region));
    let listed: Result<Vec<_>, CollectionError> =
        api.call("ListAnalyzers", None, || client.list_analyzers().into_paginator().items().send().try_collect()).await;
    let analyzers = match listed {
        Ok(list) => Ok(c
            .fan_out(list, |a| {
                let (api, client) = (&api, &client);
                async move {
                    let mut analyzer = AccessAnalyzer {
                        arn: a.arn().to_string(),
                        name: a.name().to_string(),
                        kind: a.r#type().as_str().to_string(),
                        status: a.status().as_str().to_string(),
                        active_findings: None,
                    };
                    if analyzer.is_external_access() && analyzer.is_active() {
                        // ListFindings (not V2): external-access findings are the same, and AWS's
                        // SecurityAudit policy grants only this one.
                        let arn = analyzer.arn.as_str();
                        let count = api
                            .call("ListFindings", Some(arn), || {
                                client
                                    .list_findings()
                                    .analyzer_arn(arn)
                                    .filter("status", Criterion::builder().eq("ACTIVE").build())
                                    .max_results(FINDINGS_PAGE)
                                    .send()
                            })
                            .await
                            .map(|out| FindingCount {
                                count: out.findings().len(),
                                more: out.next_token().is_some_and(|t| !t.is_empty()),
                            });
                        analyzer.active_findings = Some(count.into());
                    }
                    analyzer
                }
            })
            .await),
        Err(e) => Err(e),
    };
    AccessAnalyzerRegion { analyzers: analyzers.into() }
}
