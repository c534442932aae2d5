//! Security Hub, per region: whether the account is subscribed, the standards it enabled and, when it
//! enabled none, the products that send it findings.

use super::{Collector, Service};
use crate::snapshot::{CollectionError, SecurityHubHub, SecurityHubRegion, SecurityHubStandard};

/// DescribeHub's answer for an account that is not subscribed to Security Hub in the region.
const NOT_SUBSCRIBED: &str = "InvalidAccessException";

pub(super) async fn collect(c: &Collector, region: &str) -> SecurityHubRegion {
    let client = c.ctx.securityhub(region);
    let api = c.api("SecurityHub", Service::SecurityHub, Some(region));
    let described = api.call_or_absent("DescribeHub", None, &[NOT_SUBSCRIBED], || client.describe_hub().send()).await;
    let hub = match described {
        Ok(Some(out)) => {
            let arn = out.hub_arn().unwrap_or_default().to_string();
            let standards: Result<Vec<SecurityHubStandard>, CollectionError> = api
                .call("GetEnabledStandards", None, || {
                    client.get_enabled_standards().into_paginator().items().send().try_collect()
                })
                .await
                .map(|subscriptions| {
                    subscriptions
                        .iter()
                        .map(|s| SecurityHubStandard {
                            arn: s.standards_arn().unwrap_or_default().to_string(),
                            status: s.standards_status().map(|x| x.as_str().to_string()).unwrap_or_default(),
                        })
                        .collect()
                });
            // Integrations matter only to a hub without standards (it may still aggregate other tools'
            // findings); one more call there, none elsewhere.
            let integrations = match &standards {
                Ok(list) if list.is_empty() => Some(
                    api.call("ListEnabledProductsForImport", None, || {
                        client.list_enabled_products_for_import().into_paginator().items().send().try_collect()
                    })
                    .await
                    .map(|products: Vec<String>| {
                        products.into_iter().filter(|p| !p.contains("/aws/securityhub")).collect::<Vec<_>>()
                    })
                    .into(),
                ),
                _ => None,
            };
            Ok(Some(SecurityHubHub { arn, standards: standards.into(), integrations }))
        }
        Ok(None) => Ok(None),
        Err(e) => Err(e),
    };
    SecurityHubRegion { hub: hub.into() }
}
