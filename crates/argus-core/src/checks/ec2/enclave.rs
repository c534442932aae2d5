//! The hosts of confidential workloads: EC2 instances with Nitro Enclaves enabled
//! (EnclaveOptions.Enabled), and the world-facing security-group rules the
//! `ec2_confidential_workload_host_*` checks read. These checks judge the host, never the enclave.

use super::common::{each_region, instance_resource, is_globally_routable, port_range, Protocol, MAX_PORT};
use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{Ec2Region, Fetched, Instance, SecurityGroup, SecurityGroupRule};
use std::sync::Arc;

/// Which enclave-enabled instances a check judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hosts {
    /// Every one, whatever its state (terminated included).
    All,
    /// Those that are not pending, shutting down or terminated, as Prowler's `is_enclave_parent`.
    Settled,
}

/// Calls `judge` for every enclave host of every region where EC2 was collected. A failed instance
/// listing is one ERROR for the region; an instance whose enclave option is unknown (a snapshot
/// taken before argus collected it) is an ERROR, since whether it is a host is unknown.
pub(crate) fn each_host<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    hosts: Hosts,
    mut judge: impl FnMut(&'a str, &'a Ec2Region, &'a Instance, Arc<Resource>, &mut Findings),
) {
    each_region(ctx, out, |region, ec2, out| {
        let instances = match &ec2.instances {
            Fetched::Ok(list) => list,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for instance in instances {
            let state = instance.state.as_deref().map(str::trim).unwrap_or_default().to_ascii_lowercase();
            if hosts == Hosts::Settled && matches!(state.as_str(), "pending" | "shutting-down" | "terminated") {
                continue;
            }
            match instance.enclave_enabled {
                Some(true) => judge(region, ec2, instance, instance_resource(ctx, region, instance), out),
                Some(false) => {}
                None => out.error_message(
                    instance_resource(ctx, region, instance),
                    format_args!(
                        "could not be evaluated: the snapshot holds no EnclaveOptions for instance {} (taken before argus collected them), so whether it hosts Nitro Enclaves is unknown",
                        instance.id
                    ),
                ),
            }
        }
    });
}

/// What a rule opens to the world: every port, or one range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Opened {
    All,
    Range(i32, i32),
}

/// The ports an ingress rule opens to the world, for the transports `udp_too` selects (TCP, and UDP
/// when true), as Prowler reads it: the world is any `/0` or globally routable source (a single
/// public address included); an all-traffic rule or a 0-65535 range opens every port; a TCP/UDP rule
/// without port bounds opens none. `Err` names sources argus cannot parse, when no other source of
/// the rule is world-facing.
pub(crate) fn world_facing(rule: &SecurityGroupRule, udp_too: bool) -> Result<Option<(Opened, String)>, String> {
    let mut sources = Vec::new();
    let mut unparseable = Vec::new();
    for cidr in rule.ipv4_ranges.iter().chain(&rule.ipv6_ranges) {
        match cidr.net() {
            Some(net) if net.prefix_len() == 0 || is_globally_routable(net) => sources.push(cidr.as_str()),
            Some(_) => {}
            None => unparseable.push(format!("{:?}", cidr.as_str())),
        }
    }
    if sources.is_empty() {
        return if unparseable.is_empty() { Ok(None) } else { Err(unparseable.join(", ")) };
    }
    let from = sources.join(", ");
    let protocol = Protocol::parse(&rule.protocol);
    let opened = match protocol {
        Protocol::All => Opened::All,
        Protocol::Tcp | Protocol::Udp if protocol == Protocol::Tcp || udp_too => {
            let (Some(lo), Some(hi)) = (rule.from_port, rule.to_port) else {
                return Ok(None);
            };
            let (lo, hi) = port_range(Some(lo), Some(hi));
            if (lo, hi) == (0, MAX_PORT) {
                Opened::All
            } else {
                Opened::Range(lo, hi)
            }
        }
        _ => return Ok(None),
    };
    Ok(Some((opened, from)))
}

/// The instance's security groups, or why some cannot be judged: the listing failed (its error) or
/// groups it names are not in the listing.
pub(crate) enum HostGroups<'a> {
    Listed(Vec<&'a SecurityGroup>, Vec<&'a str>),
    Unreadable,
}

/// The groups of `instance`; a failed listing is reported as the ERROR of `r` and gives `Unreadable`.
pub(crate) fn host_groups<'a>(
    ec2: &'a Ec2Region,
    instance: &'a Instance,
    r: &Arc<Resource>,
    out: &mut Findings,
) -> HostGroups<'a> {
    match &ec2.security_groups {
        Fetched::Err(e) => {
            out.error(r.clone(), e);
            HostGroups::Unreadable
        }
        Fetched::Ok(groups) => {
            let mut found = Vec::new();
            let mut missing = Vec::new();
            for id in &instance.security_group_ids {
                match groups.iter().find(|g| g.id.as_str() == id.as_str()) {
                    Some(g) => found.push(g),
                    None => missing.push(id.as_str()),
                }
            }
            HostGroups::Listed(found, missing)
        }
    }
}

/// The sentence every finding ends with: what it is about.
pub(crate) const HOST_ONLY: &str =
    "This concerns the host: the isolation of the enclaves it runs does not depend on it.";

/// Judges the world-facing ingress of an enclave host's security groups: `exposed` turns a rule's
/// opened ports into the ports the check cares about (empty: none), `what` names them in messages.
pub(crate) fn judge_host_ingress(
    ec2: &Ec2Region,
    instance: &Instance,
    r: Arc<Resource>,
    out: &mut Findings,
    udp_too: bool,
    what: &str,
    exposed: impl Fn(Opened) -> Vec<String>,
) {
    let HostGroups::Listed(groups, missing) = host_groups(ec2, instance, &r, out) else {
        return;
    };
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    for sg in groups {
        for rule in &sg.ingress {
            match world_facing(rule, udp_too) {
                Ok(Some((opened, from))) => {
                    let ports = exposed(opened);
                    if !ports.is_empty() {
                        let protocol = match Protocol::parse(&rule.protocol) {
                            Protocol::All => "all traffic,".to_string(),
                            _ => rule.protocol.trim().to_ascii_lowercase(),
                        };
                        found.push(format!("{}: {protocol} {} from {from}", sg.id, ports.join(", ")));
                    }
                }
                Ok(None) => {}
                Err(sources) => unreadable.push(format!("{} from {sources}", sg.id)),
            }
        }
    }
    if !found.is_empty() {
        out.fail(
            r,
            format_args!(
                "Enclave host {} exposes {what} to the internet: {}. {HOST_ONLY}",
                instance.id,
                found.join("; ")
            ),
        );
    } else if !missing.is_empty() || !unreadable.is_empty() {
        let mut reasons = Vec::new();
        if !missing.is_empty() {
            reasons.push(format!(
                "its security groups {} are not in the DescribeSecurityGroups listing",
                missing.join(", ")
            ));
        }
        if !unreadable.is_empty() {
            reasons.push(format!("ingress sources argus cannot parse: {}", unreadable.join("; ")));
        }
        out.error_message(r, format_args!("could not be evaluated: {}", reasons.join("; ")));
    } else {
        out.pass(r, format_args!("Enclave host {} exposes no {what} to the internet. {HOST_ONLY}", instance.id));
    }
}

/// Ports as sorted spans: `22`, `8000-8090`.
pub(crate) fn spans(ports: impl IntoIterator<Item = i32>) -> Vec<String> {
    let mut ports: Vec<i32> = ports.into_iter().collect();
    ports.sort_unstable();
    ports.dedup();
    let mut out: Vec<(i32, i32)> = Vec::new();
    for p in ports {
        match out.last_mut() {
            Some((_, hi)) if *hi + 1 == p => *hi = p,
            _ => out.push((p, p)),
        }
    }
    out.into_iter().map(|(lo, hi)| if lo == hi { lo.to_string() } else { format!("{lo}-{hi}") }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;

    #[test]
    fn spans_merge_consecutive_ports() {
        assert_eq!(spans([9000, 8001, 8000, 5000, 8002]), ["5000", "8000-8002", "9000"]);
        assert!(spans([]).is_empty());
    }

    #[test]
    fn world_facing_rules_as_prowler_reads_them() {
        let open = |r: &SecurityGroupRule| world_facing(r, false).unwrap().map(|(o, _)| o);
        assert_eq!(open(&tcp(8080, 8080, &["0.0.0.0/0"], &[])), Some(Opened::Range(8080, 8080)));
        assert_eq!(open(&tcp(8080, 8080, &["52.94.76.10/32"], &[])), Some(Opened::Range(8080, 8080)));
        assert_eq!(open(&tcp(0, 65535, &[], &["::/0"])), Some(Opened::All));
        assert_eq!(open(&all_traffic(&["0.0.0.0/0"], &[])), Some(Opened::All));
        assert_eq!(open(&tcp(8080, 8080, &["10.0.0.0/8"], &[])), None);
        assert_eq!(open(&rule("udp", Some(53), Some(53), &["0.0.0.0/0"], &[])), None, "UDP only when asked");
        assert_eq!(
            world_facing(&rule("udp", Some(53), Some(53), &["0.0.0.0/0"], &[]), true).unwrap().map(|(o, _)| o),
            Some(Opened::Range(53, 53))
        );
        assert_eq!(open(&rule("tcp", None, None, &["0.0.0.0/0"], &[])), None, "no port bounds");
        assert_eq!(open(&rule("icmp", Some(-1), Some(-1), &["0.0.0.0/0"], &[])), None);
        assert!(world_facing(&tcp(22, 22, &["bad"], &[]), false).is_err());
        assert!(world_facing(&tcp(22, 22, &["bad", "0.0.0.0/0"], &[]), false).unwrap().is_some());
    }
}
