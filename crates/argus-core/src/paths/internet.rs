//! Which workloads the internet reaches, from what the snapshot holds today: an instance with a
//! public IP behind a security group open to the world, a Lambda function URL without
//! authentication, an RDS instance marked publicly accessible behind an open security group.
//!
//! This is the one place the graph learns about network reachability. It does not follow routes or
//! network ACLs: a hop-by-hop reachability analysis (subnets, route tables, NACLs, load balancers)
//! replaces this function by returning the same [`InternetExposure`] list, each with its hops named.

use crate::snapshot::{CollectionError, Fetched, SecurityGroup, SecurityGroupRule, Snapshot};
use std::collections::HashMap;

/// A workload the internet can reach, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternetExposure {
    /// The workload's ARN (instances: `arn:<partition>:ec2:<region>:<account>:instance/<id>`).
    pub workload: String,
    /// Each condition of the exposure, in the order a packet meets them (`public IP 203.0.113.5`,
    /// `SSH open to 0.0.0.0/0 in sg-1`), and weaknesses found on the way (`IMDSv1`).
    pub hops: Vec<String>,
    /// A condition could not be checked (the failed call): the exposure is possible, not known.
    pub missing: Option<String>,
}

/// Every internet exposure of the snapshot's workloads (see the module documentation).
pub fn internet_exposures(snapshot: &Snapshot) -> Vec<InternetExposure> {
    let account = &snapshot.identity.account_id;
    let partition = if snapshot.identity.partition.is_empty() { "aws" } else { &snapshot.identity.partition };
    let mut out = Vec::new();
    for (region, data) in &snapshot.regions {
        let groups: Result<HashMap<&str, &SecurityGroup>, &CollectionError> = match data.ec2.as_ref() {
            Some(ec2) => ec2.security_groups.as_result().map(|l| l.iter().map(|g| (g.id.as_str(), g)).collect()),
            None => Ok(HashMap::new()),
        };
        let open = |ids: &[String], port: Option<i32>| -> (Vec<String>, Option<String>) {
            match &groups {
                Err(e) => (Vec::new(), Some(e.to_string())),
                Ok(map) => {
                    let mut found = Vec::new();
                    let mut missing = None;
                    for id in ids {
                        match map.get(id.as_str()) {
                            Some(g) => found.extend(open_rules(g, port)),
                            None => missing = Some(format!("security group {id} was not in the listing")),
                        }
                    }
                    (found, missing)
                }
            }
        };
        if let Some(Fetched::Ok(instances)) = data.ec2.as_ref().map(|e| &e.instances) {
            for i in instances {
                let (Some(ip), true) = (&i.public_ip, i.state.as_deref().is_none_or(|s| s == "running")) else {
                    continue;
                };
                let (rules, missing) = open(&i.security_group_ids, None);
                if rules.is_empty() && missing.is_none() {
                    continue;
                }
                // An open group settles it; only without one does an unreadable group leave it open.
                let missing = if rules.is_empty() { missing } else { None };
                let mut hops = vec![format!("public IP {ip}")];
                hops.extend(rules);
                if i.metadata_http_tokens.as_deref() == Some("optional") {
                    hops.push("IMDSv1".to_string());
                }
                out.push(InternetExposure {
                    workload: format!("arn:{partition}:ec2:{region}:{account}:instance/{}", i.id),
                    hops,
                    missing,
                });
            }
        }
        if let Some(Fetched::Ok(functions)) = data.lambda.as_ref().map(|l| &l.functions) {
            for f in functions {
                match &f.url_config {
                    Fetched::Ok(Some(url)) if url.auth_type.eq_ignore_ascii_case("NONE") => {
                        out.push(InternetExposure {
                            workload: f.arn.clone(),
                            hops: vec!["function URL with auth NONE".to_string()],
                            missing: None,
                        });
                    }
                    Fetched::Err(e) => out.push(InternetExposure {
                        workload: f.arn.clone(),
                        hops: vec!["function URL".to_string()],
                        missing: Some(e.to_string()),
                    }),
                    _ => {}
                }
            }
        }
        if let Some(Fetched::Ok(dbs)) = data.rds.as_ref().map(|r| &r.instances) {
            // `None`: DescribeDBInstances left PubliclyAccessible out, so the exposure is unknown.
            for db in dbs.iter().filter(|d| d.publicly_accessible != Some(false)) {
                let (rules, missing) = open(&db.vpc_security_group_ids, db.endpoint_port);
                if rules.is_empty() && missing.is_none() {
                    continue;
                }
                let missing = if rules.is_empty() { missing } else { None }.or_else(|| {
                    db.publicly_accessible
                        .is_none()
                        .then(|| "rds:DescribeDBInstances returned no PubliclyAccessible".to_string())
                });
                let mut hops = vec!["publicly accessible".to_string()];
                hops.extend(rules);
                out.push(InternetExposure { workload: db.arn.clone(), hops, missing });
            }
        }
    }
    out
}

/// The group's ingress rules open to the whole internet, on `port` when given, as hop texts.
fn open_rules(g: &SecurityGroup, port: Option<i32>) -> Vec<String> {
    g.ingress
        .iter()
        .filter(|r| port.is_none_or(|p| covers_port(r, p)))
        .filter_map(|r| {
            let world = r.ipv4_ranges.iter().chain(&r.ipv6_ranges).find(|c| c.is_internet())?;
            Some(format!("{} open to {world} in {}", describe(r), g.id))
        })
        .collect()
}

fn covers_port(r: &SecurityGroupRule, port: i32) -> bool {
    r.protocol == "-1" || (r.from_port.unwrap_or(0) <= port && port <= r.to_port.unwrap_or(65535))
}

fn describe(r: &SecurityGroupRule) -> String {
    if r.protocol == "-1" {
        return "all traffic".to_string();
    }
    match (r.from_port, r.to_port) {
        (Some(22), Some(22)) => "SSH".to_string(),
        (Some(3389), Some(3389)) => "RDP".to_string(),
        (Some(a), Some(b)) if a == b => format!("{} {a}", r.protocol),
        (Some(a), Some(b)) => format!("{} {a}-{b}", r.protocol),
        _ => r.protocol.clone(),
    }
}
