//! Elastic Load Balancing: application, network and gateway load balancers (ELBv2), Classic Load
//! Balancers, and the WAFv2 web ACL of each internet-facing application load balancer.

use super::{Fetched, Tags};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ElbRegion {
    pub load_balancers: Fetched<Vec<LoadBalancerV2>>,
    pub classic_load_balancers: Fetched<Vec<ClassicLoadBalancer>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LoadBalancerV2 {
    pub name: String,
    pub arn: String,
    /// `application`, `network` or `gateway`.
    pub lb_type: String,
    /// `internet-facing` or `internal`.
    pub scheme: String,
    pub dns_name: Option<String>,
    pub vpc_id: Option<String>,
    pub security_groups: Vec<String>,
    pub availability_zones: Vec<String>,
    pub created: Option<DateTime<Utc>>,
    pub listeners: Fetched<Vec<ListenerV2>>,
    /// DescribeLoadBalancerAttributes, key to value (`deletion_protection.enabled` = `true`, ...).
    pub attributes: Fetched<BTreeMap<String, String>>,
    /// The WAFv2 web ACL associated with it (`Ok(None)`: none). Read for internet-facing application
    /// load balancers only; `None` for the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_acl: Option<Fetched<Option<String>>>,
    pub tags: Tags,
}

impl LoadBalancerV2 {
    pub fn is_application(&self) -> bool {
        self.lb_type == "application"
    }

    pub fn is_internet_facing(&self) -> bool {
        self.scheme == "internet-facing"
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ListenerV2 {
    pub arn: String,
    pub port: Option<i32>,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE`.
    pub protocol: String,
    /// The TLS security policy of an HTTPS or TLS listener.
    pub ssl_policy: Option<String>,
    pub default_actions: Vec<ListenerAction>,
    /// The listener's rules (DescribeRules), read only for HTTP listeners whose default action keeps
    /// plain HTTP off (a redirect to HTTPS): whether another rule still serves it. `None`: not read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Fetched<Vec<ListenerRule>>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ListenerAction {
    /// `forward`, `redirect`, `fixed-response`, `authenticate-oidc`, ...
    pub action_type: String,
    /// For a redirect: the protocol it redirects to (`HTTPS`, `HTTP` or `#{protocol}`).
    pub redirect_protocol: Option<String>,
}

impl ListenerAction {
    pub fn redirects_to_https(&self) -> bool {
        self.action_type == "redirect"
            && self.redirect_protocol.as_deref().is_some_and(|p| p.eq_ignore_ascii_case("HTTPS"))
    }

    /// A redirect to HTTPS or a fixed response: the request's content goes nowhere over plain HTTP.
    pub fn keeps_plain_http_off(&self) -> bool {
        self.redirects_to_https() || self.action_type == "fixed-response"
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ListenerRule {
    pub priority: String,
    pub is_default: bool,
    pub actions: Vec<ListenerAction>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClassicLoadBalancer {
    pub name: String,
    /// Built by argus (`arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/NAME`): Classic
    /// Load Balancers have no ARN in the API.
    pub arn: String,
    pub scheme: String,
    pub dns_name: Option<String>,
    pub vpc_id: Option<String>,
    pub security_groups: Vec<String>,
    pub availability_zones: Vec<String>,
    pub listeners: Vec<ClassicListener>,
    pub attributes: Fetched<ClassicAttributes>,
    /// The SSL negotiation policies of its HTTPS/SSL listeners (DescribeLoadBalancerPolicies); `None`
    /// when it has no such listener, so nothing was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_policies: Option<Fetched<Vec<ClassicSslPolicy>>>,
}

impl ClassicLoadBalancer {
    pub fn is_internet_facing(&self) -> bool {
        self.scheme == "internet-facing"
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClassicListener {
    /// Front-end protocol: `HTTP`, `HTTPS`, `TCP` or `SSL`.
    pub protocol: String,
    pub port: i32,
    pub instance_protocol: Option<String>,
    pub policy_names: Vec<String>,
    pub certificate_id: Option<String>,
}

impl ClassicListener {
    pub fn is_encrypted(&self) -> bool {
        matches!(self.protocol.to_ascii_uppercase().as_str(), "HTTPS" | "SSL")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClassicAttributes {
    pub access_log_enabled: bool,
    pub cross_zone_load_balancing: bool,
    pub connection_draining: bool,
    /// `elb.http.desyncmitigationmode`; `None` when the attribute is not reported.
    pub desync_mitigation_mode: Option<String>,
}

/// An `SSLNegotiationPolicyType` policy of a Classic Load Balancer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClassicSslPolicy {
    pub name: String,
    /// `Reference-Security-Policy`: the predefined policy it copies, when it copies one.
    pub reference_security_policy: Option<String>,
    /// The protocols it enables (`Protocol-TLSv1.2` = true gives `TLSv1.2`).
    pub enabled_protocols: Vec<String>,
}
