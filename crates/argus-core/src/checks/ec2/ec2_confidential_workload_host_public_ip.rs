//! Hosts of Nitro Enclaves are not reachable from the internet by address or subnet.
//! Metadata: `checks/ec2/ec2_confidential_workload_host_public_ip.toml`.

use super::common::is_globally_routable;
use super::enclave::{each_host, Hosts, HOST_ONLY};
use crate::engine::{Check, CheckContext, Findings};
use crate::network::RegionNetwork;
use crate::snapshot::Fetched;
use std::collections::HashMap;

pub const CHECK: Check = Check { id: "ec2_confidential_workload_host_public_ip", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let mut networks = HashMap::new();
    each_host(ctx, out, Hosts::Settled, |region, ec2, instance, r, out| {
        let network = networks.entry(region).or_insert_with(|| RegionNetwork::new(ec2));
        let mut exposure = Vec::new();
        let mut unknown = Vec::new();
        if let Some(ip) = instance.public_ip.as_deref().map(str::trim).filter(|ip| !ip.is_empty()) {
            exposure.push(format!("public IPv4 address {ip}"));
        }
        match &ec2.network_interfaces {
            Fetched::Ok(enis) => {
                for eni in enis.iter().filter(|e| e.attached_instance_id.as_deref() == Some(instance.id.as_str())) {
                    let global: Vec<&str> = eni
                        .ipv6_addresses
                        .iter()
                        .map(String::as_str)
                        .filter(|a| {
                            a.trim().parse::<std::net::IpAddr>().is_ok_and(|ip| is_globally_routable(ip.into()))
                        })
                        .collect();
                    if !global.is_empty() {
                        exposure.push(format!("global IPv6 address {} on {}", global.join(", "), eni.id));
                    }
                }
            }
            Fetched::Err(e) => unknown.push(format!("its network interfaces ({e})")),
        }
        if let Some(subnet) = instance.subnet_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            match network.public_subnet_route(subnet, instance.vpc_id.as_deref()) {
                Ok(Some(route)) => {
                    exposure.push(format!("its subnet {subnet} routes to an internet gateway ({route})"))
                }
                Ok(None) => {}
                Err(e) => unknown.push(format!("the routes of its subnet {subnet} ({e})")),
            }
        }
        if !exposure.is_empty() {
            out.fail(
                r,
                format_args!(
                    "Enclave host {} is exposed to the internet: {}. {HOST_ONLY}",
                    instance.id,
                    exposure.join("; ")
                ),
            );
        } else if !unknown.is_empty() {
            out.error_message(
                r,
                format_args!(
                    "could not be evaluated: enclave host {} has no public address of its own, but argus could not read {}",
                    instance.id,
                    unknown.join(" or ")
                ),
            );
        } else {
            out.pass(
                r,
                format_args!(
                    "Enclave host {} has no public IP address and its subnet does not route to an internet gateway. {HOST_ONLY}",
                    instance.id
                ),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, Instance, Snapshot};
    use crate::testing::*;

    fn host(id: &str, subnet: &str) -> Instance {
        Instance { enclave_enabled: Some(true), subnet_id: Some(subnet.into()), ..instance(id) }
    }

    fn network(s: &mut Snapshot) {
        subnets(s).extend([subnet("subnet-public"), subnet("subnet-private")]);
        route_tables(s).extend([
            route_table("rtb-public", &["subnet-public"], vec![route("0.0.0.0/0", "igw-1")]),
            main_route_table("rtb-main", vec![route("0.0.0.0/0", "nat-1")]),
        ]);
    }

    #[test]
    fn a_public_address_or_subnet_fails() {
        let mut s = snapshot();
        network(&mut s);
        let mut v6 = eni("eni-v6", &[]);
        v6.attached_instance_id = Some("i-v6".into());
        v6.ipv6_addresses = vec!["2600:1f18:abcd::10".into()];
        let mut ula = eni("eni-ula", &[]);
        ula.attached_instance_id = Some("i-private".into());
        ula.ipv6_addresses = vec!["fd00::10".into()];
        ec2(&mut s).network_interfaces = Fetched::Ok(vec![v6, ula]);
        instances(&mut s).extend([
            host("i-private", "subnet-private"),
            Instance { public_ip: Some("54.1.2.3".into()), ..host("i-ip", "subnet-private") },
            host("i-subnet", "subnet-public"),
            host("i-v6", "subnet-private"),
            Instance { public_ip: Some("54.1.2.4".into()), ..instance("i-plain") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-private"), Status::Pass, "NAT routes and unique-local IPv6 are not exposure");
        assert_eq!(status_of(&f, "i-ip"), Status::Fail);
        assert_eq!(status_of(&f, "i-subnet"), Status::Fail);
        assert_eq!(status_of(&f, "i-v6"), Status::Fail);
        assert_eq!(f.len(), 4, "instances without enclaves are not judged");
    }

    #[test]
    fn unreadable_routes_or_interfaces_are_an_error_unless_exposed() {
        let mut s = snapshot();
        network(&mut s);
        instances(&mut s).extend([
            host("i-private", "subnet-private"),
            Instance { public_ip: Some("54.1.2.3".into()), ..host("i-ip", "subnet-private") },
        ]);
        ec2(&mut s).vpc.route_tables = Fetched::Err(denied("ec2", "DescribeRouteTables"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-private"), Status::Error);
        assert_eq!(status_of(&f, "i-ip"), Status::Fail);
        ec2(&mut s).vpc.route_tables = Fetched::Ok(vec![]);
        network(&mut s);
        assert_eq!(status_of(&run_check(CHECK, &s), "i-private"), Status::Pass);
        ec2(&mut s).network_interfaces = Fetched::Err(denied("ec2", "DescribeNetworkInterfaces"));
        assert_eq!(status_of(&run_check(CHECK, &s), "i-private"), Status::Error);
        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
