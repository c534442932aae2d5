//! Systems Manager, per region: Parameter Store metadata (DescribeParameters returns no values, and
//! argus never asks for one), the managed instances, and their patch compliance. Three paginated calls.

use super::{to_utc, Collector, Service};
use crate::snapshot::{ManagedInstance, Parameter, PatchCompliance, SsmRegion};
use aws_sdk_ssm::types::{ComplianceQueryOperatorType, ComplianceStringFilter};

pub(super) async fn collect(c: &Collector, region: &str) -> SsmRegion {
    let client = c.ctx.ssm(region);
    let api = c.api("SSM", Service::Ssm, Some(region));
    let patch_only = ComplianceStringFilter::builder()
        .key("ComplianceType")
        .values("Patch")
        .r#type(ComplianceQueryOperatorType::Equal)
        .build();
    let (parameters, managed, compliance) = futures::join!(
        // DescribeParameters' paginator has no item stream: collect the pages.
        api.call("DescribeParameters", None, || client.describe_parameters().into_paginator().send().try_collect()),
        api.call("DescribeInstanceInformation", None, || {
            client.describe_instance_information().into_paginator().items().send().try_collect()
        }),
        api.call("ListResourceComplianceSummaries", None, || {
            client
                .list_resource_compliance_summaries()
                .filters(patch_only)
                .into_paginator()
                .items()
                .send()
                .try_collect()
        }),
    );
    SsmRegion {
        parameters: parameters
            .map(|pages: Vec<_>| {
                pages
                    .iter()
                    .flat_map(|page| page.parameters())
                    .map(|p| Parameter {
                        name: p.name().unwrap_or_default().to_string(),
                        arn: p.arn().map(str::to_string),
                        parameter_type: p.r#type().map(|t| t.as_str().to_string()).unwrap_or_default(),
                        key_id: p.key_id().map(str::to_string),
                        tier: p.tier().map(|t| t.as_str().to_string()),
                        last_modified: to_utc(p.last_modified_date()),
                    })
                    .collect()
            })
            .into(),
        managed_instances: managed
            .map(|list: Vec<_>| {
                list.iter()
                    .map(|i| ManagedInstance {
                        id: i.instance_id().unwrap_or_default().to_string(),
                        ping_status: i.ping_status().map(|s| s.as_str().to_string()),
                        platform_type: i.platform_type().map(|s| s.as_str().to_string()),
                    })
                    .collect()
            })
            .into(),
        patch_compliance: compliance
            .map(|list: Vec<_>| {
                list.iter()
                    .map(|r| PatchCompliance {
                        id: r.resource_id().unwrap_or_default().to_string(),
                        resource_type: r.resource_type().map(str::to_string),
                        status: r.status().map(|s| s.as_str().to_string()).unwrap_or_default(),
                        overall_severity: r.overall_severity().map(|s| s.as_str().to_string()),
                        non_compliant_count: r.non_compliant_summary().map(|n| n.non_compliant_count()),
                    })
                    .collect()
            })
            .into(),
    }
}
