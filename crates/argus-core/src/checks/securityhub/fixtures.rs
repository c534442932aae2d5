//! Security Hub fixture data.

use crate::snapshot::*;
use crate::testing::*;

pub(crate) const CIS: &str = "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/5.0.0";

/// A hub with the given standards enabled (READY).
pub(crate) fn hub(region: &str, standards: &[&str]) -> SecurityHubHub {
    SecurityHubHub {
        arn: format!("arn:aws:securityhub:{region}:{ACCOUNT}:hub/default"),
        standards: Fetched::Ok(
            standards.iter().map(|a| SecurityHubStandard { arn: a.to_string(), status: "READY".into() }).collect(),
        ),
        integrations: None,
    }
}

pub(crate) fn set_hub(s: &mut Snapshot, region: &str, hub: Fetched<Option<SecurityHubHub>>) {
    region_mut(s, region).securityhub = Some(SecurityHubRegion { hub });
}
