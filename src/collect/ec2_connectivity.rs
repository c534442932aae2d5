//! EC2 connectivity resources, per region, with the EC2 client: Elastic IPs (DescribeAddresses, one
//! unpaginated answer), transit gateways (DescribeTransitGateways, paginated), Site-to-Site VPN
//! connections (DescribeVpnConnections, one unpaginated answer) and Client VPN endpoints
//! (DescribeClientVpnEndpoints, paginated). A VPN connection's `CustomerGatewayConfiguration`, which
//! holds its tunnels' pre-shared keys, is dropped here.

use super::{tags_from, Api};
use crate::snapshot::{ClientVpnEndpoint, CollectionError, ElasticIp, Tags, TransitGateway, VpnConnection, VpnTunnel};
use aws_sdk_ec2::types::Tag;

fn tags(list: &[Tag]) -> Tags {
    tags_from(list, |t| t.key(), |t| t.value())
}

/// A text field, `None` when absent or blank (moto answers `""` for an unassociated address's instance).
fn present(s: Option<&str>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty()).map(str::to_string)
}

pub(super) async fn elastic_ips(
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
) -> Result<Vec<ElasticIp>, CollectionError> {
    let out = api.call("DescribeAddresses", None, || client.describe_addresses().send()).await?;
    Ok(out
        .addresses()
        .iter()
        .map(|a| ElasticIp {
            id: present(a.allocation_id()).or_else(|| present(a.public_ip())).unwrap_or_default(),
            public_ip: present(a.public_ip()),
            association_id: present(a.association_id()),
            instance_id: present(a.instance_id()),
            network_interface_id: present(a.network_interface_id()),
            tags: tags(a.tags()),
        })
        .collect())
}

pub(super) async fn transit_gateways(
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
) -> Result<Vec<TransitGateway>, CollectionError> {
    let list = api
        .call("DescribeTransitGateways", None, || {
            client.describe_transit_gateways().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(list
        .iter()
        .map(|t| TransitGateway {
            id: t.transit_gateway_id().unwrap_or_default().to_string(),
            owner_id: present(t.owner_id()),
            state: t.state().map(|s| s.as_str().to_string()),
            auto_accept_shared_attachments: t
                .options()
                .and_then(|o| o.auto_accept_shared_attachments())
                .map(|v| v.as_str().to_string()),
            tags: tags(t.tags()),
        })
        .collect())
}

pub(super) async fn vpn_connections(
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
) -> Result<Vec<VpnConnection>, CollectionError> {
    let out = api.call("DescribeVpnConnections", None, || client.describe_vpn_connections().send()).await?;
    Ok(out
        .vpn_connections()
        .iter()
        .map(|v| VpnConnection {
            id: v.vpn_connection_id().unwrap_or_default().to_string(),
            state: v.state().map(|s| s.as_str().to_string()),
            tunnels: v
                .vgw_telemetry()
                .iter()
                .map(|t| VpnTunnel {
                    outside_ip_address: present(t.outside_ip_address()),
                    status: t.status().map(|s| s.as_str().to_string()),
                    status_message: present(t.status_message()),
                })
                .collect(),
            tags: tags(v.tags()),
        })
        .collect())
}

pub(super) async fn client_vpn_endpoints(
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
) -> Result<Vec<ClientVpnEndpoint>, CollectionError> {
    let list = api
        .call("DescribeClientVpnEndpoints", None, || {
            client.describe_client_vpn_endpoints().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(list
        .iter()
        .map(|e| ClientVpnEndpoint {
            id: e.client_vpn_endpoint_id().unwrap_or_default().to_string(),
            status: e.status().and_then(|s| s.code()).map(|c| c.as_str().to_string()),
            connection_logging: e.connection_log_options().and_then(|o| o.enabled()),
            log_group: e.connection_log_options().and_then(|o| present(o.cloudwatch_log_group())),
            tags: tags(e.tags()),
        })
        .collect())
}
