//! VPC segmentation data, per region, with the EC2 client: one paginated list call for each of
//! subnets, route tables, peering connections and endpoints (4 calls per region however many there
//! are; each route names its target, so internet and egress-only gateways need no call of their own).

use super::{tags_from, Api, Collector};
use crate::snapshot::{
    CidrBlock, CollectionError, PeeringSide, PolicyDocument, Route, RouteTable, RouteTableAssociation, Subnet, Tags,
    VpcEndpoint, VpcEndpointService, VpcPeeringConnection, VpcRegion,
};
use aws_sdk_ec2::types::{Tag, VpcPeeringConnectionVpcInfo};

fn tags(list: &[Tag]) -> Tags {
    tags_from(list, |t| t.key(), |t| t.value())
}

fn owned(s: Option<&str>) -> Option<String> {
    s.map(str::to_string)
}

pub(super) async fn collect(c: &Collector, api: &Api<'_>, client: &aws_sdk_ec2::Client) -> VpcRegion {
    let (subnets, route_tables, peering_connections, endpoints, endpoint_services) = futures::join!(
        subnets(api, client),
        route_tables(api, client),
        peerings(api, client),
        endpoints(api, client),
        endpoint_services(c, api, client),
    );
    VpcRegion {
        subnets: subnets.into(),
        route_tables: route_tables.into(),
        peering_connections: peering_connections.into(),
        endpoints: endpoints.into(),
        endpoint_services: endpoint_services.into(),
    }
}

/// The endpoint services the account provides (one paginated call), then each one's allowed principals
/// (DescribeVpcEndpointServicePermissions, one call per service, as Prowler makes; a failure is recorded
/// for that service).
async fn endpoint_services(
    c: &Collector,
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
) -> Result<Vec<VpcEndpointService>, CollectionError> {
    let list = api
        .call("DescribeVpcEndpointServiceConfigurations", None, || {
            client.describe_vpc_endpoint_service_configurations().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(c.fan_out(list, |s| async move {
        let id = s.service_id().unwrap_or_default().to_string();
        let allowed_principals = api
            .call("DescribeVpcEndpointServicePermissions", Some(&id), || {
                client
                    .describe_vpc_endpoint_service_permissions()
                    .service_id(&id)
                    .into_paginator()
                    .items()
                    .send()
                    .try_collect()
            })
            .await
            .map(|list| list.iter().filter_map(|p| p.principal().map(str::to_string)).collect());
        VpcEndpointService {
            service_name: owned(s.service_name()),
            state: s.service_state().map(|st| st.as_str().to_string()),
            acceptance_required: s.acceptance_required(),
            allowed_principals: allowed_principals.into(),
            tags: tags(s.tags()),
            id,
        }
    })
    .await)
}

async fn subnets(api: &Api<'_>, client: &aws_sdk_ec2::Client) -> Result<Vec<Subnet>, CollectionError> {
    let list = api
        .call("DescribeSubnets", None, || client.describe_subnets().into_paginator().items().send().try_collect())
        .await?;
    Ok(list
        .iter()
        .map(|s| Subnet {
            id: s.subnet_id().unwrap_or_default().to_string(),
            vpc_id: owned(s.vpc_id()),
            availability_zone: owned(s.availability_zone()),
            cidr_block: s.cidr_block().map(CidrBlock::from),
            ipv6_cidr_blocks: s
                .ipv6_cidr_block_association_set()
                .iter()
                .filter_map(|a| a.ipv6_cidr_block().map(CidrBlock::from))
                .collect(),
            map_public_ip_on_launch: s.map_public_ip_on_launch().unwrap_or(false),
            default_for_az: s.default_for_az().unwrap_or(false),
            tags: tags(s.tags()),
        })
        .collect())
}

/// Whatever the route points at, by its id (the id's prefix says the kind).
fn route_target(r: &aws_sdk_ec2::types::Route) -> Option<String> {
    [
        r.gateway_id(),
        r.egress_only_internet_gateway_id(),
        r.nat_gateway_id(),
        r.vpc_peering_connection_id(),
        r.transit_gateway_id(),
        r.network_interface_id(),
        r.instance_id(),
        r.local_gateway_id(),
        r.carrier_gateway_id(),
        r.core_network_arn(),
    ]
    .into_iter()
    .flatten()
    .find(|t| !t.trim().is_empty())
    .map(str::to_string)
}

async fn route_tables(api: &Api<'_>, client: &aws_sdk_ec2::Client) -> Result<Vec<RouteTable>, CollectionError> {
    let list = api
        .call("DescribeRouteTables", None, || {
            client.describe_route_tables().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(list
        .iter()
        .map(|t| RouteTable {
            id: t.route_table_id().unwrap_or_default().to_string(),
            vpc_id: owned(t.vpc_id()),
            routes: t
                .routes()
                .iter()
                .map(|r| Route {
                    destination_cidr_block: r.destination_cidr_block().map(CidrBlock::from),
                    destination_ipv6_cidr_block: r.destination_ipv6_cidr_block().map(CidrBlock::from),
                    destination_prefix_list_id: owned(r.destination_prefix_list_id()),
                    target: route_target(r),
                    state: r.state().map(|s| s.as_str().to_string()),
                })
                .collect(),
            associations: t
                .associations()
                .iter()
                .map(|a| RouteTableAssociation {
                    id: owned(a.route_table_association_id()),
                    main: a.main().unwrap_or(false),
                    subnet_id: owned(a.subnet_id()),
                    gateway_id: owned(a.gateway_id()),
                })
                .collect(),
            tags: tags(t.tags()),
        })
        .collect())
}

fn peering_side(info: Option<&VpcPeeringConnectionVpcInfo>) -> PeeringSide {
    let Some(info) = info else {
        return PeeringSide { vpc_id: None, owner_id: None, region: None, cidr_blocks: vec![] };
    };
    let mut cidr_blocks: Vec<CidrBlock> =
        info.cidr_block_set().iter().filter_map(|c| c.cidr_block()).map(CidrBlock::from).collect();
    if let Some(primary) = info.cidr_block() {
        if !cidr_blocks.iter().any(|c| c.as_str() == primary) {
            cidr_blocks.insert(0, CidrBlock::from(primary));
        }
    }
    cidr_blocks.extend(info.ipv6_cidr_block_set().iter().filter_map(|c| c.ipv6_cidr_block()).map(CidrBlock::from));
    PeeringSide {
        vpc_id: owned(info.vpc_id()),
        owner_id: owned(info.owner_id()),
        region: owned(info.region()),
        cidr_blocks,
    }
}

async fn peerings(api: &Api<'_>, client: &aws_sdk_ec2::Client) -> Result<Vec<VpcPeeringConnection>, CollectionError> {
    let list = api
        .call("DescribeVpcPeeringConnections", None, || {
            client.describe_vpc_peering_connections().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(list
        .iter()
        .map(|p| VpcPeeringConnection {
            id: p.vpc_peering_connection_id().unwrap_or_default().to_string(),
            status: p.status().and_then(|s| s.code()).map(|c| c.as_str().to_string()),
            requester: peering_side(p.requester_vpc_info()),
            accepter: peering_side(p.accepter_vpc_info()),
            tags: tags(p.tags()),
        })
        .collect())
}

async fn endpoints(api: &Api<'_>, client: &aws_sdk_ec2::Client) -> Result<Vec<VpcEndpoint>, CollectionError> {
    let list = api
        .call("DescribeVpcEndpoints", None, || {
            client.describe_vpc_endpoints().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(list
        .iter()
        .map(|e| VpcEndpoint {
            id: e.vpc_endpoint_id().unwrap_or_default().to_string(),
            vpc_id: owned(e.vpc_id()),
            service_name: e.service_name().unwrap_or_default().to_string(),
            endpoint_type: e.vpc_endpoint_type().map(|t| t.as_str().to_string()),
            state: e.state().map(|s| s.as_str().to_string()),
            policy: e.policy_document().filter(|p| !p.trim().is_empty()).map(PolicyDocument::from_json_text),
            subnet_ids: e.subnet_ids().to_vec(),
            route_table_ids: e.route_table_ids().to_vec(),
            tags: tags(e.tags()),
        })
        .collect())
}
