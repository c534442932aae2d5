//! Both tunnels of every Site-to-Site VPN connection are up. Metadata:
//! `checks/ec2/vpc_vpn_connection_tunnels_up.toml`.

use super::common::{each_region, ec2_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{Fetched, VpnTunnel};

pub const CHECK: Check = Check { id: "vpc_vpn_connection_tunnels_up", run };

/// Every Site-to-Site VPN connection has two tunnels.
const TUNNELS: usize = 2;

fn is_up(t: &VpnTunnel) -> bool {
    t.status.as_deref().is_some_and(|s| s.trim().eq_ignore_ascii_case("UP"))
}

/// `tunnel 192.0.2.1 DOWN (IPSEC IS DOWN)`.
fn describe(t: &VpnTunnel) -> String {
    let mut text = format!(
        "tunnel {} {}",
        t.outside_ip_address.as_deref().unwrap_or("(no outside address)"),
        t.status.as_deref().unwrap_or("(no status)")
    );
    if let Some(why) = t.status_message.as_deref().filter(|m| !m.trim().is_empty()) {
        text.push_str(&format!(" ({why})"));
    }
    text
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let connections = match &ec2.vpn_connections {
            Fetched::Ok(c) => c,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for vpn in connections {
            let r = ec2_resource(ctx, region, "vpn-connection", &vpn.id, &vpn.tags);
            let state = match vpn.state.as_deref() {
                Some(s) if !s.eq_ignore_ascii_case("available") => format!(" (connection state {s})"),
                _ => String::new(),
            };
            // A tunnel reported with a status other than UP is down, whatever the other entries say.
            let down: Vec<String> =
                vpn.tunnels.iter().filter(|t| t.status.is_some() && !is_up(t)).map(describe).collect();
            let up = vpn.tunnels.iter().filter(|t| is_up(t)).count();
            if !down.is_empty() {
                out.fail(
                    r,
                    format_args!("The VPN connection{state} has a tunnel that is not up: {}.", down.join("; ")),
                );
            } else if up >= TUNNELS {
                out.pass(r, format_args!("Both tunnels of the VPN connection{state} are up."));
            } else {
                // No tunnel is reported down, but the answer does not say both are up.
                out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: DescribeVpnConnections reported an UP or DOWN status (VgwTelemetry) \
                         for {up} of the connection's {TUNNELS} tunnels{state}."
                    ),
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn a_connection_with_a_tunnel_down_fails() {
        let mut s = snapshot();
        let mut half = vpn_connection("vpn-half", &["UP", "DOWN"]);
        half.tunnels[1].status_message = Some("IPSEC IS DOWN".into());
        half.tags.insert("Name".into(), "branch-office".into());
        vpn_connections(&mut s).extend([
            vpn_connection("vpn-healthy", &["UP", "UP"]),
            half,
            vpn_connection("vpn-dark", &["DOWN", "DOWN"]),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vpn-healthy"), Status::Pass);
        assert_eq!(status_of(&f, "vpn-half"), Status::Fail);
        assert_eq!(status_of(&f, "vpn-dark"), Status::Fail);
        let half = f.iter().find(|x| x.resource.id == "vpn-half").unwrap();
        assert_eq!(half.resource.name, "branch-office");
        assert_eq!(half.resource.arn, format!("arn:aws:ec2:{REGION}:{ACCOUNT}:vpn-connection/vpn-half"));
        assert!(half.message.contains("tunnel 192.0.2.2 DOWN (IPSEC IS DOWN)"), "{}", half.message);
        assert!(!half.message.contains("192.0.2.1"), "{}", half.message);
    }

    #[test]
    fn telemetry_for_fewer_than_two_tunnels_is_an_error_unless_one_is_down() {
        let mut s = snapshot();
        let mut no_status = vpn_connection("vpn-no-status", &["UP", "UP"]);
        no_status.tunnels[1].status = None;
        let mut pending = vpn_connection("vpn-pending", &[]);
        pending.state = Some("pending".into());
        vpn_connections(&mut s).extend([
            pending,
            vpn_connection("vpn-one-up", &["UP"]),
            vpn_connection("vpn-one-down", &["DOWN"]),
            no_status,
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vpn-pending"), Status::Error);
        assert_eq!(status_of(&f, "vpn-one-up"), Status::Error);
        assert_eq!(status_of(&f, "vpn-no-status"), Status::Error);
        assert_eq!(status_of(&f, "vpn-one-down"), Status::Fail);
        let pending = f.iter().find(|x| x.resource.id == "vpn-pending").unwrap();
        assert!(pending.message.contains("for 0 of the connection's 2 tunnels"), "{}", pending.message);
        assert!(pending.message.contains("connection state pending"), "{}", pending.message);
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).vpn_connections = Fetched::Err(denied("ec2", "DescribeVpnConnections"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
        assert!(f[0].message.contains("DescribeVpnConnections"), "{}", f[0].message);
    }
}
