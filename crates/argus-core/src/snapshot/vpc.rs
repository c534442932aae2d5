//! VPC segmentation data of a region: subnets, route tables, peering connections and endpoints.
//! Collected with the EC2 service (same SDK and IAM prefix), one paginated list call each.

use super::{CidrBlock, CollectionError, CollectionErrorDetails, ErrorKind, Fetched, PolicyDocument, Tags};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VpcRegion {
    pub subnets: Fetched<Vec<Subnet>>,
    pub route_tables: Fetched<Vec<RouteTable>>,
    pub peering_connections: Fetched<Vec<VpcPeeringConnection>>,
    pub endpoints: Fetched<Vec<VpcEndpoint>>,
    /// The endpoint services the account provides (DescribeVpcEndpointServiceConfigurations), each with
    /// its allowed principals; absent in snapshots from before argus collected them.
    #[serde(default = "endpoint_services_not_in_snapshot")]
    pub endpoint_services: Fetched<Vec<VpcEndpointService>>,
}

fn endpoint_services_not_in_snapshot() -> Fetched<Vec<VpcEndpointService>> {
    not_in_snapshot("DescribeVpcEndpointServiceConfigurations")
}

impl Default for VpcRegion {
    /// What a snapshot written before this data was collected holds: every list unread, so the checks
    /// that need it report ERROR naming the call instead of judging an empty list.
    fn default() -> Self {
        VpcRegion {
            subnets: not_in_snapshot("DescribeSubnets"),
            route_tables: not_in_snapshot("DescribeRouteTables"),
            peering_connections: not_in_snapshot("DescribeVpcPeeringConnections"),
            endpoints: not_in_snapshot("DescribeVpcEndpoints"),
            endpoint_services: endpoint_services_not_in_snapshot(),
        }
    }
}

fn not_in_snapshot<T>(operation: &str) -> Fetched<T> {
    Fetched::Err(CollectionError::from(CollectionErrorDetails {
        service: "EC2".into(),
        region: None,
        operation: operation.into(),
        iam_action: format!("ec2:{operation}"),
        resource: None,
        kind: ErrorKind::Other,
        code: "NotInSnapshot".into(),
        message: "the snapshot was written by an argus version that did not collect this".into(),
    }))
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Subnet {
    pub id: String,
    pub vpc_id: Option<String>,
    pub availability_zone: Option<String>,
    pub cidr_block: Option<CidrBlock>,
    pub ipv6_cidr_blocks: Vec<CidrBlock>,
    /// Instances launched here get a public IPv4 address unless the launch says otherwise.
    pub map_public_ip_on_launch: bool,
    pub default_for_az: bool,
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RouteTable {
    pub id: String,
    pub vpc_id: Option<String>,
    pub routes: Vec<Route>,
    pub associations: Vec<RouteTableAssociation>,
    pub tags: Tags,
}

impl RouteTable {
    /// The VPC's main route table: the one of every subnet without an explicit association.
    pub fn is_main(&self) -> bool {
        self.associations.iter().any(|a| a.main)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Route {
    pub destination_cidr_block: Option<CidrBlock>,
    pub destination_ipv6_cidr_block: Option<CidrBlock>,
    pub destination_prefix_list_id: Option<String>,
    /// The id of the route's target, whatever its kind: `local`, `igw-…` (internet gateway),
    /// `eigw-…` (egress-only), `nat-…`, `pcx-…` (peering), `tgw-…`, `vgw-…`, `eni-…`, `i-…`.
    pub target: Option<String>,
    /// `active`, or `blackhole` when the target is gone (a detached gateway, a deleted peering).
    pub state: Option<String>,
}

impl Route {
    /// The destination as written (IPv4, IPv6 or prefix list), for messages.
    pub fn destination(&self) -> &str {
        self.destination_cidr_block
            .as_ref()
            .or(self.destination_ipv6_cidr_block.as_ref())
            .map(CidrBlock::as_str)
            .or(self.destination_prefix_list_id.as_deref())
            .unwrap_or("no destination")
    }

    /// Every destination CIDR of the route (none for a prefix-list route).
    pub fn destination_cidrs(&self) -> impl Iterator<Item = &CidrBlock> {
        self.destination_cidr_block.iter().chain(&self.destination_ipv6_cidr_block)
    }

    /// The route carries traffic (a `blackhole` route does not; a missing state is taken as active).
    pub fn is_active(&self) -> bool {
        !self.state.as_deref().is_some_and(|s| s.trim().eq_ignore_ascii_case("blackhole"))
    }

    pub fn targets_internet_gateway(&self) -> bool {
        self.target.as_deref().is_some_and(|t| t.trim().starts_with("igw-"))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RouteTableAssociation {
    pub id: Option<String>,
    pub main: bool,
    pub subnet_id: Option<String>,
    /// An edge association (an internet or virtual private gateway's ingress routing).
    pub gateway_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VpcPeeringConnection {
    pub id: String,
    /// `active`, `pending-acceptance`, `deleted`, ...
    pub status: Option<String>,
    pub requester: PeeringSide,
    pub accepter: PeeringSide,
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PeeringSide {
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    pub region: Option<String>,
    /// Every IPv4 and IPv6 CIDR of the VPC that the peering exposes.
    pub cidr_blocks: Vec<CidrBlock>,
}

/// A VPC endpoint service the account provides (PrivateLink), from DescribeVpcEndpointServiceConfigurations.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VpcEndpointService {
    /// `vpce-svc-…`.
    pub id: String,
    /// `com.amazonaws.vpce.<region>.vpce-svc-…`.
    pub service_name: Option<String>,
    /// `Available`, `Pending`, `Deleting`, `Deleted`, `Failed`.
    pub state: Option<String>,
    /// Whether connection requests must be accepted by the account.
    pub acceptance_required: Option<bool>,
    /// DescribeVpcEndpointServicePermissions: the principals allowed to create endpoints to the service
    /// (account ids, IAM ARNs, or `*`).
    pub allowed_principals: Fetched<Vec<String>>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VpcEndpoint {
    pub id: String,
    pub vpc_id: Option<String>,
    pub service_name: String,
    /// `Interface`, `Gateway`, `GatewayLoadBalancer`, ...
    pub endpoint_type: Option<String>,
    pub state: Option<String>,
    /// The endpoint policy; `None` when the endpoint type takes none.
    pub policy: Option<PolicyDocument>,
    pub subnet_ids: Vec<String>,
    pub route_table_ids: Vec<String>,
    pub tags: Tags,
}
