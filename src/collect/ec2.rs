//! EC2 / VPC, per region.

use super::{tags_from, to_utc, Api, Collector, Service};
use crate::snapshot::{
    CidrBlock, CollectionError, CreateVolumePermission, EbsSnapshot, Ec2Region, FlowLog, Instance, NetworkAcl,
    NetworkAclEntry, NetworkInterface, SecurityGroup, SecurityGroupRule, Tags, Volume, Vpc,
};
use aws_sdk_ec2::types::{IpPermission, PermissionGroup, SnapshotAttributeName, Tag};

fn tags(list: &[Tag]) -> Tags {
    tags_from(list, |t| t.key(), |t| t.value())
}

pub(super) async fn collect(c: &Collector, region: &str) -> Ec2Region {
    let client = c.ctx.ec2(region);
    let api = c.api("EC2", Service::Ec2, Some(region));
    let (
        security_groups,
        network_interfaces,
        vpcs,
        flow_logs,
        network_acls,
        ebs_default,
        volumes,
        snapshots,
        (instances, instance_user_data, images, instance_images),
        launch_templates,
        vpc,
        elastic_ips,
        transit_gateways,
        vpn_connections,
        client_vpn_endpoints,
        image_block_public_access,
        snapshot_block_public_access,
        instance_metadata_defaults,
    ) = futures::join!(
        security_groups(&api, &client),
        network_interfaces(&api, &client),
        vpcs(&api, &client),
        flow_logs(&api, &client),
        network_acls(&api, &client),
        api.call("GetEbsEncryptionByDefault", None, || client.get_ebs_encryption_by_default().send()),
        volumes(&api, &client),
        snapshots(c, &api, &client),
        async {
            let (instances, images) =
                futures::join!(instances(&api, &client), super::ec2_account::own_images(&api, &client));
            let (user_data, instance_images) = futures::join!(
                super::ec2_user_data::instance_user_data(c, &api, &client, &instances),
                super::ec2_account::instance_images(c, &api, &client, &instances, &images),
            );
            (instances, user_data, images, instance_images)
        },
        super::ec2_user_data::launch_templates(c, &api, &client),
        super::vpc::collect(c, &api, &client),
        super::ec2_connectivity::elastic_ips(&api, &client),
        super::ec2_connectivity::transit_gateways(&api, &client),
        super::ec2_connectivity::vpn_connections(&api, &client),
        super::ec2_connectivity::client_vpn_endpoints(&api, &client),
        super::ec2_account::image_block_public_access(&api, &client),
        super::ec2_account::snapshot_block_public_access(&api, &client),
        super::ec2_account::instance_metadata_defaults(&api, &client),
    );
    Ec2Region {
        security_groups: security_groups.into(),
        network_interfaces: network_interfaces.into(),
        vpcs: vpcs.into(),
        flow_logs: flow_logs.into(),
        network_acls: network_acls.into(),
        ebs_encryption_by_default: ebs_default.map(|o| o.ebs_encryption_by_default().unwrap_or(false)).into(),
        volumes: volumes.into(),
        snapshots: snapshots.into(),
        instances: instances.into(),
        instance_user_data: instance_user_data.into(),
        launch_templates: launch_templates.into(),
        vpc,
        elastic_ips: elastic_ips.into(),
        transit_gateways: transit_gateways.into(),
        vpn_connections: vpn_connections.into(),
        client_vpn_endpoints: client_vpn_endpoints.into(),
        image_block_public_access: image_block_public_access.into(),
        snapshot_block_public_access: snapshot_block_public_access.into(),
        instance_metadata_defaults: instance_metadata_defaults.into(),
        images: images.into(),
        instance_images: instance_images.into(),
    }
}

fn rule(p: &IpPermission) -> SecurityGroupRule {
    SecurityGroupRule {
        protocol: p.ip_protocol().unwrap_or("-1").to_string(),
        from_port: p.from_port(),
        to_port: p.to_port(),
        ipv4_ranges: p.ip_ranges().iter().filter_map(|r| r.cidr_ip().map(CidrBlock::from)).collect(),
        ipv6_ranges: p.ipv6_ranges().iter().filter_map(|r| r.cidr_ipv6().map(CidrBlock::from)).collect(),
        prefix_list_ids: p.prefix_list_ids().iter().filter_map(|r| r.prefix_list_id().map(str::to_string)).collect(),
        referenced_groups: p.user_id_group_pairs().iter().filter_map(|r| r.group_id().map(str::to_string)).collect(),
    }
}

async fn security_groups(api: &Api<'_>, client: &aws_sdk_ec2::Client) -> Result<Vec<SecurityGroup>, CollectionError> {
    let groups = api
        .call("DescribeSecurityGroups", None, || {
            client.describe_security_groups().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(groups
        .iter()
        .map(|g| SecurityGroup {
            id: g.group_id().unwrap_or_default().into(),
            name: g.group_name().unwrap_or_default().into(),
            description: g.description().unwrap_or_default().to_string(),
            vpc_id: g.vpc_id().map(str::to_string),
            owner_id: g.owner_id().map(str::to_string),
            ingress: g.ip_permissions().iter().map(rule).collect(),
            egress: g.ip_permissions_egress().iter().map(rule).collect(),
            tags: tags(g.tags()),
        })
        .collect())
}

async fn network_interfaces(
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
) -> Result<Vec<NetworkInterface>, CollectionError> {
    let enis = api
        .call("DescribeNetworkInterfaces", None, || {
            client.describe_network_interfaces().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(enis
        .iter()
        .map(|n| NetworkInterface {
            id: n.network_interface_id().unwrap_or_default().to_string(),
            interface_type: n.interface_type().map(|t| t.as_str().to_string()),
            description: n.description().map(str::to_string),
            group_ids: n.groups().iter().filter_map(|g| g.group_id().map(str::to_string)).collect(),
            attached_instance_id: n.attachment().and_then(|a| a.instance_id()).map(str::to_string),
            public_ip: n.association().and_then(|a| a.public_ip()).map(str::to_string),
            elastic_ip_allocation_id: n.association().and_then(|a| a.allocation_id()).map(str::to_string),
            subnet_id: n.subnet_id().map(str::to_string),
            vpc_id: n.vpc_id().map(str::to_string),
            ipv6_addresses: n.ipv6_addresses().iter().filter_map(|a| a.ipv6_address().map(str::to_string)).collect(),
        })
        .collect())
}

async fn vpcs(api: &Api<'_>, client: &aws_sdk_ec2::Client) -> Result<Vec<Vpc>, CollectionError> {
    let vpcs =
        api.call("DescribeVpcs", None, || client.describe_vpcs().into_paginator().items().send().try_collect()).await?;
    Ok(vpcs
        .iter()
        .map(|v| Vpc {
            id: v.vpc_id().unwrap_or_default().to_string(),
            is_default: v.is_default().unwrap_or(false),
            cidr_block: v.cidr_block().map(str::to_string),
            tags: tags(v.tags()),
        })
        .collect())
}

async fn flow_logs(api: &Api<'_>, client: &aws_sdk_ec2::Client) -> Result<Vec<FlowLog>, CollectionError> {
    let logs = api
        .call("DescribeFlowLogs", None, || client.describe_flow_logs().into_paginator().items().send().try_collect())
        .await?;
    Ok(logs
        .iter()
        .map(|f| FlowLog {
            id: f.flow_log_id().unwrap_or_default().to_string(),
            resource_id: f.resource_id().map(str::to_string),
            status: f.flow_log_status().map(str::to_string),
            traffic_type: f.traffic_type().map(|t| t.as_str().to_string()),
        })
        .collect())
}

async fn network_acls(api: &Api<'_>, client: &aws_sdk_ec2::Client) -> Result<Vec<NetworkAcl>, CollectionError> {
    let acls = api
        .call("DescribeNetworkAcls", None, || {
            client.describe_network_acls().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(acls
        .iter()
        .map(|a| NetworkAcl {
            id: a.network_acl_id().unwrap_or_default().to_string(),
            vpc_id: a.vpc_id().map(str::to_string),
            is_default: a.is_default().unwrap_or(false),
            entries: a
                .entries()
                .iter()
                .map(|e| NetworkAclEntry {
                    rule_number: e.rule_number().unwrap_or_default(),
                    protocol: e.protocol().unwrap_or("-1").to_string(),
                    rule_action: e.rule_action().map(|r| r.as_str().to_string()).unwrap_or_default(),
                    egress: e.egress().unwrap_or(false),
                    cidr_block: e.cidr_block().map(CidrBlock::from),
                    ipv6_cidr_block: e.ipv6_cidr_block().map(CidrBlock::from),
                    port_from: e.port_range().and_then(|p| p.from()),
                    port_to: e.port_range().and_then(|p| p.to()),
                })
                .collect(),
            subnet_ids: a.associations().iter().filter_map(|x| x.subnet_id().map(str::to_string)).collect(),
            tags: tags(a.tags()),
        })
        .collect())
}

async fn volumes(api: &Api<'_>, client: &aws_sdk_ec2::Client) -> Result<Vec<Volume>, CollectionError> {
    let vols = api
        .call("DescribeVolumes", None, || client.describe_volumes().into_paginator().items().send().try_collect())
        .await?;
    Ok(vols
        .iter()
        .map(|v| Volume {
            id: v.volume_id().unwrap_or_default().to_string(),
            encrypted: v.encrypted().unwrap_or(false),
            kms_key_id: v.kms_key_id().map(str::to_string),
            size_gib: v.size(),
            state: v.state().map(|s| s.as_str().to_string()),
            attached_instances: v.attachments().iter().filter_map(|a| a.instance_id().map(str::to_string)).collect(),
            tags: tags(v.tags()),
        })
        .collect())
}

async fn snapshots(
    c: &Collector,
    api: &Api<'_>,
    client: &aws_sdk_ec2::Client,
) -> Result<Vec<EbsSnapshot>, CollectionError> {
    let snaps = api
        .call("DescribeSnapshots", None, || {
            client.describe_snapshots().owner_ids("self").into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(c.fan_out(snaps, |s| async move {
        let id = s.snapshot_id().unwrap_or_default().to_string();
        let permission = api
            .call("DescribeSnapshotAttribute", Some(&id), || {
                client
                    .describe_snapshot_attribute()
                    .snapshot_id(&id)
                    .attribute(SnapshotAttributeName::CreateVolumePermission)
                    .send()
            })
            .await
            .map(|o| CreateVolumePermission {
                public: o.create_volume_permissions().iter().any(|p| p.group() == Some(&PermissionGroup::All)),
                accounts: o
                    .create_volume_permissions()
                    .iter()
                    .filter_map(|p| p.user_id().map(str::to_string))
                    .collect(),
            });
        EbsSnapshot {
            id,
            volume_id: s.volume_id().map(str::to_string),
            encrypted: s.encrypted().unwrap_or(false),
            start_time: to_utc(s.start_time()),
            create_volume_permission: permission.into(),
            tags: tags(s.tags()),
        }
    })
    .await)
}

/// The instance's security groups, including those only listed on its network interfaces (instances
/// launched with explicit interfaces report them there).
fn instance_groups(i: &aws_sdk_ec2::types::Instance) -> Vec<String> {
    let mut ids: Vec<String> = i
        .security_groups()
        .iter()
        .chain(i.network_interfaces().iter().flat_map(|n| n.groups()))
        .filter_map(|g| g.group_id().map(str::to_string))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

async fn instances(api: &Api<'_>, client: &aws_sdk_ec2::Client) -> Result<Vec<Instance>, CollectionError> {
    let reservations = api
        .call("DescribeInstances", None, || client.describe_instances().into_paginator().items().send().try_collect())
        .await?;
    Ok(reservations
        .iter()
        .flat_map(|r| r.instances().iter())
        .map(|i| Instance {
            id: i.instance_id().unwrap_or_default().to_string(),
            state: i.state().and_then(|s| s.name()).map(|n| n.as_str().to_string()),
            public_ip: i.public_ip_address().map(str::to_string),
            metadata_http_tokens: i.metadata_options().and_then(|m| m.http_tokens()).map(|t| t.as_str().to_string()),
            metadata_http_endpoint: i
                .metadata_options()
                .and_then(|m| m.http_endpoint())
                .map(|t| t.as_str().to_string()),
            instance_profile_arn: i.iam_instance_profile().and_then(|p| p.arn()).map(str::to_string),
            security_group_ids: instance_groups(i),
            vpc_id: i.vpc_id().map(str::to_string),
            subnet_id: i.subnet_id().map(str::to_string),
            launch_time: to_utc(i.launch_time()),
            tags: tags(i.tags()),
            virtualization_type: i.virtualization_type().map(|v| v.as_str().to_string()),
            // AWS leaves the reason empty (or out) for an instance that has not changed state since launch.
            state_transition_reason: Some(i.state_transition_reason().unwrap_or_default().to_string()),
            monitoring_state: i.monitoring().and_then(|m| m.state()).map(|s| s.as_str().to_string()),
            // Enclaves are enabled only at launch, and AWS then reports EnclaveOptions.Enabled=true; a
            // reply without the option (moto's) is an instance launched without enclaves.
            enclave_enabled: Some(i.enclave_options().and_then(|e| e.enabled()).unwrap_or(false)),
            image_id: i.image_id().map(str::to_string),
        })
        .collect())
}
