//! Helpers of the VPC segmentation checks: resources and the region's VPC lists.

use super::common::ec2_resource;
use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{Ec2Region, Fetched, Subnet, Vpc, VpcEndpoint, VpcPeeringConnection};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

pub(crate) fn subnet_resource(ctx: &CheckContext<'_>, region: &str, subnet: &Subnet) -> Arc<Resource> {
    ec2_resource(ctx, region, "subnet", &subnet.id, &subnet.tags)
}

pub(crate) fn vpc_resource(ctx: &CheckContext<'_>, region: &str, vpc: &Vpc) -> Arc<Resource> {
    ec2_resource(ctx, region, "vpc", &vpc.id, &vpc.tags)
}

pub(crate) fn peering_resource(ctx: &CheckContext<'_>, region: &str, p: &VpcPeeringConnection) -> Arc<Resource> {
    ec2_resource(ctx, region, "vpc-peering-connection", &p.id, &p.tags)
}

pub(crate) fn endpoint_resource(ctx: &CheckContext<'_>, region: &str, e: &VpcEndpoint) -> Arc<Resource> {
    ec2_resource(ctx, region, "vpc-endpoint", &e.id, &e.tags)
}

/// A region's list, or — when it could not be read — one ERROR for the region.
pub(crate) fn listed<'a, T>(
    ctx: &CheckContext<'_>,
    region: &str,
    list: &'a Fetched<Vec<T>>,
    out: &mut Findings,
) -> Option<&'a [T]> {
    match list {
        Fetched::Ok(items) => Some(items),
        Fetched::Err(e) => {
            out.error(ctx.region_resource(region), e);
            None
        }
    }
}

/// The region's subnets, or one ERROR for the region.
pub(crate) fn subnets_or_error<'a>(
    ctx: &CheckContext<'_>,
    region: &str,
    ec2: &'a Ec2Region,
    out: &mut Findings,
) -> Option<&'a [Subnet]> {
    listed(ctx, region, &ec2.vpc.subnets, out)
}

/// Each listed subnet's Availability Zone, by subnet id.
pub(crate) fn zone_map(subnets: &[Subnet]) -> HashMap<&str, &str> {
    subnets.iter().filter_map(|s| Some((s.id.as_str(), s.availability_zone.as_deref()?))).collect()
}

/// The Availability Zones of `subnet_ids` (sorted, each once), and the ids `zones` does not know.
pub(crate) fn zones_of<'a>(subnet_ids: &'a [String], zones: &HashMap<&str, &'a str>) -> (Vec<&'a str>, Vec<&'a str>) {
    let found: BTreeSet<&str> = subnet_ids.iter().filter_map(|s| zones.get(s.as_str()).copied()).collect();
    let unknown = subnet_ids.iter().filter(|s| !zones.contains_key(s.as_str())).map(String::as_str).collect();
    (found.into_iter().collect(), unknown)
}
