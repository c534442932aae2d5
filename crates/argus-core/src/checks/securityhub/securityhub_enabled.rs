//! Security Hub is enabled in every audited region, running at least one standard (or, without one,
//! receiving findings from an integration). Metadata: `checks/securityhub/securityhub_enabled.toml`.

use crate::engine::{Check, CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, Tags};
use std::sync::Arc;

pub const CHECK: Check = Check { id: "securityhub_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(sh) = &data.securityhub else { continue };
        let hub = match &sh.hub {
            Fetched::Ok(Some(hub)) => hub,
            Fetched::Ok(None) => {
                out.fail(ctx.region_resource(region), format_args!("Security Hub is not enabled in {region}."));
                continue;
            }
            Fetched::Err(e) => {
                out.error(ctx.region_resource(region), e);
                continue;
            }
        };
        let r = Arc::new(Resource::identified_by_arn(&hub.arn, "default", ctx.region_name(region), &Tags::new()));
        let standards = match &hub.standards {
            Fetched::Ok(s) => s,
            Fetched::Err(e) => {
                out.error(r, e);
                continue;
            }
        };
        if !standards.is_empty() {
            let names: Vec<String> = standards
                .iter()
                .map(
                    |s| if s.status == "READY" { s.name().to_string() } else { format!("{} ({})", s.name(), s.status) },
                )
                .collect();
            out.pass(r, format_args!("Security Hub is enabled in {region} with standards: {}.", names.join(", ")));
            continue;
        }
        match &hub.integrations {
            Some(Fetched::Ok(products)) if !products.is_empty() => out.pass(
                r,
                format_args!(
                    "Security Hub is enabled in {region} without standards, receiving findings from: {}.",
                    products.join(", ")
                ),
            ),
            Some(Fetched::Ok(_)) => {
                out.fail(r, format_args!("Security Hub is enabled in {region} but runs no standard and has no integration."))
            }
            Some(Fetched::Err(e)) => out.error(r, e),
            None => out.error_message(
                r,
                format_args!("could not be evaluated: the integrations of the Security Hub in {region}, which runs no standard, were not read"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    const EU: &str = "eu-west-1";

    fn hub_arn(region: &str) -> String {
        format!("arn:aws:securityhub:{region}:{ACCOUNT}:hub/default")
    }

    #[test]
    fn a_hub_with_standards_passes_and_no_hub_fails() {
        let mut s = snapshot();
        set_hub(&mut s, REGION, Fetched::Ok(Some(hub(REGION, &[CIS]))));
        set_hub(&mut s, EU, Fetched::Ok(None));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &hub_arn(REGION)), Status::Pass);
        assert!(f.iter().any(|x| x.message.contains("standards: cis-aws-foundations-benchmark/v/5.0.0.")));
        assert_eq!(status_of(&f, EU), Status::Fail);
    }

    #[test]
    fn without_standards_only_an_integration_passes() {
        let mut s = snapshot();
        let mut h = hub(REGION, &[]);
        h.integrations = Some(Fetched::Ok(vec![]));
        set_hub(&mut s, REGION, Fetched::Ok(Some(h.clone())));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(hub_arn(REGION), Status::Fail)]);
        h.integrations = Some(Fetched::Ok(vec!["arn:aws:securityhub:us-east-1::product/aws/guardduty".into()]));
        set_hub(&mut s, REGION, Fetched::Ok(Some(h)));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(hub_arn(REGION), Status::Pass)]);
    }

    #[test]
    fn unreadable_data_is_an_error() {
        let mut s = snapshot();
        set_hub(&mut s, REGION, Fetched::Err(denied("securityhub", "DescribeHub")));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
        let mut h = hub(REGION, &[]);
        h.standards = Fetched::Err(denied("securityhub", "GetEnabledStandards"));
        set_hub(&mut s, REGION, Fetched::Ok(Some(h)));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(hub_arn(REGION), Status::Error)]);
        assert!(f[0].message.contains("GetEnabledStandards"), "{}", f[0].message);
    }
}
