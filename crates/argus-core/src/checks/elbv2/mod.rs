//! ELBv2 checks (per region): application, network and gateway load balancers.

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, LoadBalancerV2};
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_elbv2.rs"));

/// A load balancer as a finding's resource (id = its ARN).
pub(crate) fn lb_resource<'a>(ctx: &CheckContext<'a>, lb: &'a LoadBalancerV2, region: &str) -> Arc<Resource> {
    Arc::new(Resource::identified_by_arn(&lb.arn, &lb.name, ctx.region_name(region), &lb.tags))
}

/// Calls `judge` for every ELBv2 load balancer of every region where load balancers were collected,
/// with its region; a failed listing gets one ERROR for the region.
pub(crate) fn each_lb<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    mut judge: impl FnMut(&'a str, &'a LoadBalancerV2, Arc<Resource>, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.elb.as_ref().map(|e| &e.load_balancers),
        |region, _, lb, out| judge(region, lb, lb_resource(ctx, lb, region), out),
    );
}

/// [`each_lb`] for application load balancers only; a load balancer whose type was not reported
/// gets an ERROR (it may be one).
pub(crate) fn each_alb<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    mut judge: impl FnMut(&'a LoadBalancerV2, Arc<Resource>, &mut Findings),
) {
    each_lb(ctx, out, |_, lb, r, out| {
        if lb.lb_type.is_empty() {
            out.error_message(r, "could not be evaluated: DescribeLoadBalancers returned no Type");
        } else if lb.is_application() {
            judge(lb, r, out)
        }
    });
}

/// Whether the load balancer is internet-facing; `None` once an ERROR is written for a reply
/// without its scheme.
pub(crate) fn internet_facing(lb: &LoadBalancerV2, r: &Arc<Resource>, out: &mut Findings) -> Option<bool> {
    if lb.scheme.is_empty() {
        out.error_message(r.clone(), "could not be evaluated: DescribeLoadBalancers returned no Scheme");
        return None;
    }
    Some(lb.is_internet_facing())
}

/// The value of attribute `key`, or the ERROR finding when the attributes could not be read or
/// the reply does not hold it (`None` once the ERROR is written).
pub(crate) fn attribute<'a>(
    lb: &'a LoadBalancerV2,
    key: &str,
    r: &Arc<Resource>,
    out: &mut Findings,
) -> Option<&'a str> {
    match &lb.attributes {
        Fetched::Err(e) => {
            out.error(r.clone(), e);
            None
        }
        Fetched::Ok(attrs) => match attrs.get(key) {
            Some(v) => Some(v.as_str()),
            None => {
                out.error_message(
                    r.clone(),
                    format_args!(
                        "could not be evaluated: DescribeLoadBalancerAttributes returned no {key} for {}",
                        lb.name
                    ),
                );
                None
            }
        },
    }
}

/// Whether a TLS security policy (of an HTTPS or TLS listener) refuses TLS 1.0 and 1.1: the
/// predefined policies named `ELBSecurityPolicy-{TLS,TLS13,FS}-1-2-…` or `…-1-3-…` (FIPS and
/// post-quantum variants included). Every other predefined policy (`ELBSecurityPolicy-2016-08`,
/// `…-TLS-1-1-…`, `…-TLS13-1-0-…`, `…-FS-2018-06`) still accepts TLS 1.0 or 1.1.
pub(crate) fn policy_requires_tls12(policy: &str) -> bool {
    let Some(rest) = policy.strip_prefix("ELBSecurityPolicy-") else { return false };
    let version = ["TLS13-", "TLS-", "FS-"].iter().find_map(|p| rest.strip_prefix(p)).unwrap_or("");
    version.starts_with("1-2") || version.starts_with("1-3")
}

#[cfg(test)]
mod tests {
    use super::policy_requires_tls12;

    #[test]
    fn tls_policies_by_minimum_version() {
        for secure in [
            "ELBSecurityPolicy-TLS-1-2-2017-01",
            "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
            "ELBSecurityPolicy-FS-1-2-Res-2020-10",
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "ELBSecurityPolicy-TLS13-1-3-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
        ] {
            assert!(policy_requires_tls12(secure), "{secure}");
        }
        for weak in [
            "ELBSecurityPolicy-2016-08",
            "ELBSecurityPolicy-2015-05",
            "ELBSecurityPolicy-TLS-1-1-2017-01",
            "ELBSecurityPolicy-FS-2018-06",
            "ELBSecurityPolicy-FS-1-1-2019-08",
            "ELBSecurityPolicy-TLS13-1-0-2021-06",
            "ELBSecurityPolicy-TLS13-1-1-2021-06",
            "custom",
            "",
        ] {
            assert!(!policy_requires_tls12(weak), "{weak}");
        }
    }
}
