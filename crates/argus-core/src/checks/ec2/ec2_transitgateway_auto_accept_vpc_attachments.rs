//! No transit gateway accepts shared VPC attachments automatically. Metadata:
//! `checks/ec2/ec2_transitgateway_auto_accept_vpc_attachments.toml`.

use super::common::{display_name, each_region};
use crate::engine::{ArcStr, Check, CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, TransitGateway};
use std::sync::Arc;

pub const CHECK: Check = Check { id: "ec2_transitgateway_auto_accept_vpc_attachments", run };

/// A transit gateway as a finding's resource; its ARN names its owner, which for a gateway shared with the
/// audited account is another account.
fn tgw_resource(ctx: &CheckContext<'_>, region: &str, tgw: &TransitGateway) -> Arc<Resource> {
    let owner = tgw.owner_id.as_deref().filter(|o| !o.is_empty()).unwrap_or(ctx.account_id());
    let id = ArcStr::from(tgw.id.as_str());
    Arc::new(Resource {
        arn: format!("arn:{}:ec2:{region}:{owner}:transit-gateway/{id}", ctx.partition()).into(),
        name: display_name(&tgw.tags, &id),
        id,
        region: ctx.region_name(region),
        tags: tgw.tags.clone(),
    })
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let gateways = match &ec2.transit_gateways {
            Fetched::Ok(g) => g,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for tgw in gateways {
            let r = tgw_resource(ctx, region, tgw);
            let shared = match tgw.owner_id.as_deref() {
                Some(owner) if !owner.is_empty() && owner != ctx.account_id() => {
                    format!(" (shared with this account by {owner})")
                }
                _ => String::new(),
            };
            match tgw.auto_accept_shared_attachments.as_deref().map(str::trim) {
                Some(v) if v.eq_ignore_ascii_case("enable") => out.fail(
                    r,
                    format_args!(
                        "The transit gateway{shared} automatically accepts attachments shared from other accounts \
                         (AutoAcceptSharedAttachments enable)."
                    ),
                ),
                Some(v) if v.eq_ignore_ascii_case("disable") => out.pass(
                    r,
                    format_args!(
                        "The transit gateway{shared} requires each shared attachment to be accepted \
                         (AutoAcceptSharedAttachments disable)."
                    ),
                ),
                Some(other) => out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: DescribeTransitGateways reported AutoAcceptSharedAttachments \
                         '{other}', neither enable nor disable."
                    ),
                ),
                None => out.error_message(
                    r,
                    "could not be evaluated: DescribeTransitGateways reported no AutoAcceptSharedAttachments option \
                     for the transit gateway.",
                ),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn auto_accepting_gateway_fails() {
        let mut s = snapshot();
        let mut open = transit_gateway("tgw-open", "enable");
        open.tags.insert("Name".into(), "hub".into());
        let mut shared = transit_gateway("tgw-shared", "enable");
        shared.owner_id = Some("999988887777".into());
        transit_gateways(&mut s).extend([open, transit_gateway("tgw-closed", "disable"), shared]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "tgw-open"), Status::Fail);
        assert_eq!(status_of(&f, "tgw-closed"), Status::Pass);
        assert_eq!(status_of(&f, "tgw-shared"), Status::Fail);
        let finding = |id: &str| f.iter().find(|x| x.resource.id == id).unwrap();
        assert_eq!(finding("tgw-open").resource.name, "hub");
        assert_eq!(
            finding("tgw-open").resource.arn,
            format!("arn:aws:ec2:{REGION}:{ACCOUNT}:transit-gateway/tgw-open")
        );
        assert!(finding("tgw-open").message.contains("automatically accepts"), "{}", finding("tgw-open").message);
        assert_eq!(
            finding("tgw-shared").resource.arn,
            format!("arn:aws:ec2:{REGION}:999988887777:transit-gateway/tgw-shared")
        );
        assert!(finding("tgw-shared").message.contains("shared with this account by 999988887777"));
    }

    #[test]
    fn a_missing_or_unknown_option_is_an_error() {
        let mut s = snapshot();
        let mut missing = transit_gateway("tgw-missing", "disable");
        missing.auto_accept_shared_attachments = None;
        transit_gateways(&mut s).extend([missing, transit_gateway("tgw-odd", "sometimes")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "tgw-missing"), Status::Error);
        assert_eq!(status_of(&f, "tgw-odd"), Status::Error);
        let odd = f.iter().find(|x| x.resource.id == "tgw-odd").unwrap();
        assert!(odd.message.contains("'sometimes'"), "{}", odd.message);
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).transit_gateways = Fetched::Err(denied("ec2", "DescribeTransitGateways"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
        assert!(f[0].message.contains("DescribeTransitGateways"), "{}", f[0].message);
    }
}
