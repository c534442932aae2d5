//! No running instance can be reached from the internet. Metadata:
//! `checks/ec2/ec2_instance_reachable_from_internet.toml`.
//!
//! One finding per instance from `network::reachability`: a FAIL names every hop of every path
//! (public address, internet route, network-ACL entries, security-group rules) and the open ports; a
//! PASS names the missing hop of each interface; data that could not be read is an ERROR. It answers
//! Prowler's per-port `ec2_instance_port_*_exposed_to_internet` checks: a FAIL names the ids whose
//! ports are open.

use super::common::{each_region, instance_resource, live_instances};
use crate::engine::metadata::{self, ProwlerAlias};
use crate::engine::{ArcStr, Check, CheckContext, Findings, ProwlerIds};
use crate::network::{InternetPath, Reachability, RegionNetwork, Transport};

pub const CHECK: Check = Check { id: "ec2_instance_reachable_from_internet", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let aliases: &[ProwlerAlias] = metadata::find(CHECK.id).map_or(&[], |m| &m.prowler_aliases);
    each_region(ctx, out, |region, ec2, out| {
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        let network = RegionNetwork::new(ec2);
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            match network.instance(instance) {
                Reachability::Reachable(paths) => {
                    let hops: Vec<String> = paths.iter().map(ToString::to_string).collect();
                    out.fail_answering(
                        answered(aliases, &paths),
                        r,
                        format_args!("The instance is reachable from the internet: {}.", hops.join(" | ")),
                    );
                }
                Reachability::NotReachable(blocked) => {
                    let why: Vec<String> = blocked.iter().map(ToString::to_string).collect();
                    let every = ProwlerIds {
                        ids: aliases.iter().map(|a| ArcStr::from(a.id.as_str())).collect(),
                        partial: true,
                    };
                    out.pass_answering(
                        every,
                        r,
                        format_args!("The instance is not reachable from the internet: {}.", why.join(" | ")),
                    );
                }
                Reachability::Unknown(unreadable) => {
                    let what: Vec<String> = unreadable.iter().map(ToString::to_string).collect();
                    out.error_message(r, format_args!("could not be evaluated: {}.", what.join("; ")));
                }
            }
        }
    });
}

/// The Prowler per-port ids whose TCP ports a path opens; partial when other ports are open too.
fn answered(aliases: &[ProwlerAlias], paths: &[InternetPath]) -> ProwlerIds {
    let tcp = || paths.iter().flat_map(|p| &p.ports).filter(|e| e.transport == Transport::Tcp);
    let open = |port: u16| tcp().any(|e| e.ports.from <= port && port <= e.ports.to);
    let ids: Box<[ArcStr]> =
        aliases.iter().filter(|a| a.tcp_ports.iter().any(|p| open(*p))).map(|a| ArcStr::from(a.id.as_str())).collect();
    // Open ports no alias names (443, or any UDP port) make the finding about more than those ids.
    let named = |port: u16| aliases.iter().any(|a| a.tcp_ports.contains(&port));
    let partial = paths
        .iter()
        .flat_map(|p| &p.ports)
        .any(|e| e.transport != Transport::Tcp || (e.ports.from..=e.ports.to).any(|port| !named(port)));
    ProwlerIds { ids, partial }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn a_reachable_instance_fails_naming_every_hop() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-web"), Status::Fail);
        let m = &f[0].message;
        for hop in
            ["203.0.113.10", "route 0.0.0.0/0 -> igw-1 in rtb-public", "network ACL acl-default", "sg-web rule tcp 22"]
        {
            assert!(m.contains(hop), "{hop}: {m}");
        }
        // The SSH alias is answered; 443 is open too, which no alias names.
        let prowler = &f[0].source.prowler;
        assert_eq!(&*prowler.ids, &[ArcStr::from("ec2_instance_port_ssh_exposed_to_internet")]);
        assert!(prowler.partial);
    }

    #[test]
    fn one_broken_hop_passes_naming_it() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        route_tables(&mut s).retain(|t| t.id != "rtb-public");
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-web"), Status::Pass);
        assert!(
            f[0].message.contains("no route to an internet gateway in rtb-main (the VPC's main route table)"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn unreadable_network_data_is_an_error() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        ec2(&mut s).vpc.route_tables = Fetched::Err(denied("ec2", "DescribeRouteTables"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-web"), Status::Error);
        assert!(f[0].message.contains("DescribeRouteTables"), "{}", f[0].message);
        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
