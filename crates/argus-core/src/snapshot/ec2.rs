use super::{CidrBlock, Fetched, InstanceUserData, LaunchTemplateVersion, Tags, VpcRegion};
use crate::engine::ArcStr;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ec2Region {
    pub security_groups: Fetched<Vec<SecurityGroup>>,
    pub network_interfaces: Fetched<Vec<NetworkInterface>>,
    pub vpcs: Fetched<Vec<Vpc>>,
    pub flow_logs: Fetched<Vec<FlowLog>>,
    pub network_acls: Fetched<Vec<NetworkAcl>>,
    pub ebs_encryption_by_default: Fetched<bool>,
    pub volumes: Fetched<Vec<Volume>>,
    /// Snapshots owned by the audited account.
    pub snapshots: Fetched<Vec<EbsSnapshot>>,
    pub instances: Fetched<Vec<Instance>>,
    /// Subnets, route tables, peering connections and endpoints.
    #[serde(default)]
    pub vpc: VpcRegion,
    /// The user data of every instance that is not terminated, reduced to facts.
    #[serde(default = "super::user_data::instance_user_data_not_collected")]
    pub instance_user_data: Fetched<Vec<InstanceUserData>>,
    /// The `$Latest` and `$Default` version of every launch template.
    #[serde(default = "super::user_data::launch_templates_not_collected")]
    pub launch_templates: Fetched<Vec<LaunchTemplateVersion>>,
    /// DescribeAddresses; absent in snapshots from before argus collected Elastic IPs.
    #[serde(default = "elastic_ips_not_collected")]
    pub elastic_ips: Fetched<Vec<ElasticIp>>,
    /// DescribeTransitGateways; absent in snapshots from before argus collected transit gateways.
    #[serde(default = "transit_gateways_not_collected")]
    pub transit_gateways: Fetched<Vec<TransitGateway>>,
    /// DescribeVpnConnections (Site-to-Site VPN); absent in snapshots from before argus collected them.
    #[serde(default = "vpn_connections_not_collected")]
    pub vpn_connections: Fetched<Vec<VpnConnection>>,
    /// DescribeClientVpnEndpoints; absent in snapshots from before argus collected them.
    #[serde(default = "client_vpn_endpoints_not_collected")]
    pub client_vpn_endpoints: Fetched<Vec<ClientVpnEndpoint>>,
    /// GetImageBlockPublicAccessState: `block-new-sharing` or `unblocked`; absent in snapshots from
    /// before argus collected it.
    #[serde(default = "image_block_public_access_not_collected")]
    pub image_block_public_access: Fetched<String>,
    /// GetSnapshotBlockPublicAccessState: `block-all-sharing`, `block-new-sharing` or `unblocked`; absent
    /// in snapshots from before argus collected it.
    #[serde(default = "snapshot_block_public_access_not_collected")]
    pub snapshot_block_public_access: Fetched<String>,
    /// GetInstanceMetadataDefaults (the account-level defaults new instances get); absent in snapshots
    /// from before argus collected them.
    #[serde(default = "instance_metadata_defaults_not_collected")]
    pub instance_metadata_defaults: Fetched<InstanceMetadataDefaults>,
    /// DescribeImages with `Owners=self` (deprecated images included): the account's own AMIs.
    #[serde(default = "images_not_collected")]
    pub images: Fetched<Vec<Image>>,
    /// DescribeImages with an `image-id` filter (200 ids a call, deprecated images included): the AMIs of
    /// the region's instances that are not among `images`. An AMI that was deregistered, or that the
    /// account can no longer see, is not in the answer.
    #[serde(default = "images_not_collected")]
    pub instance_images: Fetched<Vec<Image>>,
}

fn image_block_public_access_not_collected() -> Fetched<String> {
    Fetched::Err(super::user_data::not_collected("ec2", "GetImageBlockPublicAccessState"))
}

fn snapshot_block_public_access_not_collected() -> Fetched<String> {
    Fetched::Err(super::user_data::not_collected("ec2", "GetSnapshotBlockPublicAccessState"))
}

fn instance_metadata_defaults_not_collected() -> Fetched<InstanceMetadataDefaults> {
    Fetched::Err(super::user_data::not_collected("ec2", "GetInstanceMetadataDefaults"))
}

fn images_not_collected() -> Fetched<Vec<Image>> {
    Fetched::Err(super::user_data::not_collected("ec2", "DescribeImages"))
}

/// The account-level instance metadata defaults of a region (GetInstanceMetadataDefaults'
/// `AccountLevel`); every field is `None` when the account set no default.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct InstanceMetadataDefaults {
    /// `required` (IMDSv2 only) or `optional`; `None`: no account default, each AMI's own applies.
    pub http_tokens: Option<String>,
    /// `enabled` or `disabled`.
    pub http_endpoint: Option<String>,
}

/// An AMI (DescribeImages).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Image {
    pub id: String,
    pub name: Option<String>,
    pub owner_id: Option<String>,
    /// `ImageOwnerAlias`: `amazon` for Amazon's AMIs, `aws-marketplace`, or `None` for others' AMIs.
    pub owner_alias: Option<String>,
    /// `Public`: whether the launch permissions include everyone; `None` when the answer holds no flag.
    pub public: Option<bool>,
    /// `DeprecationTime` as AWS writes it (ISO 8601), `None` when the AMI has no deprecation time.
    pub deprecation_time: Option<String>,
    pub state: Option<String>,
    pub tags: Tags,
}

fn elastic_ips_not_collected() -> Fetched<Vec<ElasticIp>> {
    Fetched::Err(super::user_data::not_collected("ec2", "DescribeAddresses"))
}

fn transit_gateways_not_collected() -> Fetched<Vec<TransitGateway>> {
    Fetched::Err(super::user_data::not_collected("ec2", "DescribeTransitGateways"))
}

fn vpn_connections_not_collected() -> Fetched<Vec<VpnConnection>> {
    Fetched::Err(super::user_data::not_collected("ec2", "DescribeVpnConnections"))
}

fn client_vpn_endpoints_not_collected() -> Fetched<Vec<ClientVpnEndpoint>> {
    Fetched::Err(super::user_data::not_collected("ec2", "DescribeClientVpnEndpoints"))
}

/// An Elastic IP address of the account (DescribeAddresses).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ElasticIp {
    /// The allocation id (`eipalloc-…`), or the public IP of an address that has none.
    pub id: String,
    pub public_ip: Option<String>,
    /// The association with an instance or network interface (`eipassoc-…`); `None` when unassociated.
    pub association_id: Option<String>,
    pub instance_id: Option<String>,
    pub network_interface_id: Option<String>,
    pub tags: Tags,
}

/// A transit gateway (DescribeTransitGateways): those the account owns and those shared with it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TransitGateway {
    pub id: String,
    pub owner_id: Option<String>,
    /// `available`, `pending`, `modifying`, `deleting`, `deleted`.
    pub state: Option<String>,
    /// `Options.AutoAcceptSharedAttachments`: `enable` or `disable`; `None` when the answer holds no such
    /// option.
    pub auto_accept_shared_attachments: Option<String>,
    pub tags: Tags,
}

/// A Site-to-Site VPN connection (DescribeVpnConnections). Its `CustomerGatewayConfiguration` (which
/// holds the tunnels' pre-shared keys) is never kept.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VpnConnection {
    pub id: String,
    /// `pending`, `available`, `deleting`, `deleted`.
    pub state: Option<String>,
    /// `VgwTelemetry`: one entry per tunnel AWS reports on (a connection has two tunnels).
    pub tunnels: Vec<VpnTunnel>,
    pub tags: Tags,
}

/// The telemetry of one VPN tunnel.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VpnTunnel {
    /// The tunnel's outside IP address on the AWS side.
    pub outside_ip_address: Option<String>,
    /// `UP` or `DOWN`; `None` when the entry holds no status.
    pub status: Option<String>,
    pub status_message: Option<String>,
}

/// A Client VPN endpoint (DescribeClientVpnEndpoints).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClientVpnEndpoint {
    pub id: String,
    /// `pending-associate`, `available`, `deleting`, `deleted`.
    pub status: Option<String>,
    /// `ConnectionLogOptions.Enabled`; `None` when the answer holds no connection-log options.
    pub connection_logging: Option<bool>,
    /// `ConnectionLogOptions.CloudwatchLogGroup`.
    pub log_group: Option<String>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SecurityGroup {
    /// Shared text: every finding about the group points at it instead of holding a copy.
    pub id: ArcStr,
    pub name: ArcStr,
    pub description: String,
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    pub ingress: Vec<SecurityGroupRule>,
    pub egress: Vec<SecurityGroupRule>,
    pub tags: Tags,
}

impl SecurityGroup {
    pub fn is_default(&self) -> bool {
        self.name == "default"
    }
}

/// One IpPermission: a protocol and port range with every source it admits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SecurityGroupRule {
    /// `-1` for all protocols, otherwise `tcp`, `udp`, `icmp`, `icmpv6` or a protocol number.
    pub protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    pub ipv4_ranges: Vec<CidrBlock>,
    pub ipv6_ranges: Vec<CidrBlock>,
    pub prefix_list_ids: Vec<String>,
    pub referenced_groups: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NetworkInterface {
    pub id: String,
    pub interface_type: Option<String>,
    pub description: Option<String>,
    pub group_ids: Vec<String>,
    pub attached_instance_id: Option<String>,
    pub public_ip: Option<String>,
    /// The Elastic IP allocation behind `public_ip`, when it is one.
    #[serde(default)]
    pub elastic_ip_allocation_id: Option<String>,
    #[serde(default)]
    pub subnet_id: Option<String>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    /// The interface's IPv6 addresses (globally routable when its subnet routes `::/0` to an internet gateway).
    #[serde(default)]
    pub ipv6_addresses: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Vpc {
    pub id: String,
    pub is_default: bool,
    pub cidr_block: Option<String>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FlowLog {
    pub id: String,
    pub resource_id: Option<String>,
    pub status: Option<String>,
    pub traffic_type: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NetworkAcl {
    pub id: String,
    pub vpc_id: Option<String>,
    pub is_default: bool,
    pub entries: Vec<NetworkAclEntry>,
    /// The subnets associated with the ACL (AWS lists implicit associations with the default ACL too).
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NetworkAclEntry {
    pub rule_number: i32,
    /// `-1` for all, otherwise a protocol number (`6` tcp, `17` udp).
    pub protocol: String,
    /// `allow` or `deny`.
    pub rule_action: String,
    pub egress: bool,
    pub cidr_block: Option<CidrBlock>,
    pub ipv6_cidr_block: Option<CidrBlock>,
    pub port_from: Option<i32>,
    pub port_to: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Volume {
    pub id: String,
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    pub size_gib: Option<i32>,
    pub state: Option<String>,
    pub attached_instances: Vec<String>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EbsSnapshot {
    pub id: String,
    pub volume_id: Option<String>,
    pub encrypted: bool,
    pub start_time: Option<DateTime<Utc>>,
    pub create_volume_permission: Fetched<CreateVolumePermission>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct CreateVolumePermission {
    /// Restorable by every AWS account (group `all`).
    pub public: bool,
    pub accounts: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Instance {
    pub id: String,
    pub state: Option<String>,
    pub public_ip: Option<String>,
    /// `required` means IMDSv2 only; `optional` still allows IMDSv1.
    pub metadata_http_tokens: Option<String>,
    /// `enabled` / `disabled`.
    pub metadata_http_endpoint: Option<String>,
    pub instance_profile_arn: Option<String>,
    pub security_group_ids: Vec<String>,
    pub vpc_id: Option<String>,
    pub subnet_id: Option<String>,
    pub launch_time: Option<DateTime<Utc>>,
    pub tags: Tags,
    /// `hvm` or `paravirtual` (VirtualizationType). `None` in snapshots from before argus collected it.
    #[serde(default)]
    pub virtualization_type: Option<String>,
    /// Why and when the instance last changed state (StateTransitionReason), such as
    /// `User initiated (2024-01-01 10:00:00 GMT)`; AWS gives an empty text for a running instance.
    /// `None` in snapshots from before argus collected it.
    #[serde(default)]
    pub state_transition_reason: Option<String>,
    /// CloudWatch monitoring (Monitoring.State): `enabled` (detailed, 1-minute metrics), `pending`,
    /// `disabling` or `disabled` (basic). `None` in snapshots from before argus collected it.
    #[serde(default)]
    pub monitoring_state: Option<String>,
    /// Whether Nitro Enclaves are enabled on the instance (EnclaveOptions.Enabled): it is the parent
    /// host of confidential workloads. A reply without EnclaveOptions reads as `false` (enclaves are
    /// off unless the instance was launched with them). `None` in snapshots from before argus collected it.
    #[serde(default)]
    pub enclave_enabled: Option<bool>,
    /// The AMI the instance was launched from (ImageId). `None` in snapshots from before argus collected it.
    #[serde(default)]
    pub image_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_from_before_the_connectivity_calls_load_with_them_not_collected() {
        let mut region = serde_json::to_value(crate::testing::region().ec2.expect("fixture has EC2")).unwrap();
        let object = region.as_object_mut().unwrap();
        for field in ["elastic_ips", "transit_gateways", "vpn_connections", "client_vpn_endpoints"] {
            object.remove(field).expect("the field is serialised");
        }
        let older: Ec2Region = serde_json::from_value(region).unwrap();
        let errors = [
            older.elastic_ips.err(),
            older.transit_gateways.err(),
            older.vpn_connections.err(),
            older.client_vpn_endpoints.err(),
        ];
        let named: Vec<(&str, &str)> =
            errors.iter().map(|e| e.expect("not collected")).map(|e| (e.operation.as_str(), e.code.as_str())).collect();
        assert_eq!(
            named,
            [
                ("DescribeAddresses", "NotCollected"),
                ("DescribeTransitGateways", "NotCollected"),
                ("DescribeVpnConnections", "NotCollected"),
                ("DescribeClientVpnEndpoints", "NotCollected"),
            ]
        );
    }

    #[test]
    fn snapshots_from_before_the_account_settings_and_images_load_with_them_not_collected() {
        let mut region = serde_json::to_value(crate::testing::region().ec2.expect("fixture has EC2")).unwrap();
        let object = region.as_object_mut().unwrap();
        for field in [
            "image_block_public_access",
            "snapshot_block_public_access",
            "instance_metadata_defaults",
            "images",
            "instance_images",
        ] {
            object.remove(field).expect("the field is serialised");
        }
        let older: Ec2Region = serde_json::from_value(region).unwrap();
        let errors = [
            older.image_block_public_access.err(),
            older.snapshot_block_public_access.err(),
            older.instance_metadata_defaults.err(),
            older.images.err(),
            older.instance_images.err(),
        ];
        let named: Vec<(&str, &str)> =
            errors.iter().map(|e| e.expect("not collected")).map(|e| (e.operation.as_str(), e.code.as_str())).collect();
        assert_eq!(
            named,
            [
                ("GetImageBlockPublicAccessState", "NotCollected"),
                ("GetSnapshotBlockPublicAccessState", "NotCollected"),
                ("GetInstanceMetadataDefaults", "NotCollected"),
                ("DescribeImages", "NotCollected"),
                ("DescribeImages", "NotCollected"),
            ]
        );
    }
}
