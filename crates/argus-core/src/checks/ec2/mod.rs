//! EC2 and VPC checks (per region).

use crate::engine::Check;

pub(crate) mod common;
#[cfg(test)]
pub(crate) mod fixtures;

pub mod ec2_ebs_default_encryption;
pub mod ec2_ebs_public_snapshot;
pub mod ec2_ebs_snapshots_encrypted;
pub mod ec2_ebs_volume_encryption;
pub mod ec2_instance_imdsv2_enabled;
pub mod ec2_instance_profile_attached;
pub mod ec2_instance_public_ip;
pub mod ec2_networkacl_allow_ingress_any_port;
pub mod ec2_networkacl_allow_ingress_tcp_port_22;
pub mod ec2_networkacl_allow_ingress_tcp_port_3389;
pub mod ec2_securitygroup_allow_ingress_from_internet_to_all_ports;
pub mod ec2_securitygroup_allow_ingress_from_internet_to_any_port;
pub mod ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports;
pub mod ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22;
pub mod ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389;
pub mod ec2_securitygroup_default_restrict_traffic;
pub mod ec2_securitygroup_not_used;
pub mod vpc_flow_logs_enabled;

pub const CHECKS: &[Check] = &[
    ec2_ebs_default_encryption::CHECK,
    ec2_ebs_public_snapshot::CHECK,
    ec2_ebs_snapshots_encrypted::CHECK,
    ec2_ebs_volume_encryption::CHECK,
    ec2_instance_imdsv2_enabled::CHECK,
    ec2_instance_profile_attached::CHECK,
    ec2_instance_public_ip::CHECK,
    ec2_networkacl_allow_ingress_any_port::CHECK,
    ec2_networkacl_allow_ingress_tcp_port_22::CHECK,
    ec2_networkacl_allow_ingress_tcp_port_3389::CHECK,
    ec2_securitygroup_allow_ingress_from_internet_to_all_ports::CHECK,
    ec2_securitygroup_allow_ingress_from_internet_to_any_port::CHECK,
    ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports::CHECK,
    ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22::CHECK,
    ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389::CHECK,
    ec2_securitygroup_default_restrict_traffic::CHECK,
    ec2_securitygroup_not_used::CHECK,
    vpc_flow_logs_enabled::CHECK,
];
