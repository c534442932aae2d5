//! Routes through a VPC peering connection name only the peer's subnets that are needed, never the
//! whole peer VPC or everything. Metadata: `checks/ec2/vpc_peering_routing_tables_with_least_privilege.toml`.

use super::common::each_region;
use super::vpc_common::{listed, peering_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{CidrBlock, Fetched, Route, RouteTable, VpcPeeringConnection};
use ipnet::IpNet;

pub const CHECK: Check = Check { id: "vpc_peering_routing_tables_with_least_privilege", run };

/// A route destination is too wide when it covers every address of one side's VPC CIDR (or all).
fn too_wide(destination: &CidrBlock, peering: &VpcPeeringConnection) -> Option<String> {
    let dest = destination.net()?;
    if dest.prefix_len() == 0 {
        return Some(format!("{destination} (everything)"));
    }
    let whole = |side_cidr: &CidrBlock| side_cidr.net().is_some_and(|vpc: IpNet| dest.contains(&vpc));
    let side = [&peering.accepter, &peering.requester].into_iter().find(|side| side.cidr_blocks.iter().any(whole))?;
    let vpc = side.vpc_id.as_deref().unwrap_or("the peer VPC");
    Some(format!("{destination} (all of {vpc})"))
}

fn routes_through<'a>(tables: &'a [RouteTable], id: &'a str) -> impl Iterator<Item = (&'a RouteTable, &'a Route)> {
    tables.iter().flat_map(move |t| {
        t.routes.iter().filter(move |r| r.target.as_deref().map(str::trim) == Some(id)).map(move |r| (t, r))
    })
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(peerings) = listed(ctx, region, &ec2.vpc.peering_connections, out) else {
            return;
        };
        if peerings.is_empty() {
            return;
        }
        let Some(_) = listed(ctx, region, &ec2.vpc.route_tables, out) else {
            return;
        };
        // A peering's other side may be another audited region: its route tables count too.
        let tables: Vec<&[RouteTable]> = ctx
            .snapshot
            .regions
            .values()
            .filter_map(|r| r.ec2.as_ref())
            .filter_map(|e| match &e.vpc.route_tables {
                Fetched::Ok(t) => Some(t.as_slice()),
                Fetched::Err(_) => None,
            })
            .collect();
        for peering in peerings {
            let r = peering_resource(ctx, region, peering);
            let mut wide = Vec::new();
            let mut narrow = Vec::new();
            let mut unreadable = Vec::new();
            for (table, route) in tables.iter().flat_map(|t| routes_through(t, &peering.id)) {
                for destination in route.destination_cidrs() {
                    if destination.net().is_none() {
                        unreadable.push(format!("{} '{destination}'", table.id));
                    } else if let Some(why) = too_wide(destination, peering) {
                        wide.push(format!("{} routes {why}", table.id));
                    } else {
                        narrow.push(format!("{} {destination}", table.id));
                    }
                }
                if let Some(list) = &route.destination_prefix_list_id {
                    narrow.push(format!("{} prefix list {list}", table.id));
                }
            }
            if !wide.is_empty() {
                out.fail(
                    r,
                    format_args!(
                        "Route tables send more than the needed subnets through the peering: {}.",
                        wide.join("; ")
                    ),
                );
            } else if !unreadable.is_empty() {
                out.error_message(
                    r,
                    format_args!("could not be evaluated: unparseable route destination {}.", unreadable.join(", ")),
                );
            } else if narrow.is_empty() {
                out.pass(r, "No route table sends traffic through the peering connection.");
            } else {
                out.pass(
                    r,
                    format_args!("Routes through the peering name narrower ranges only: {}.", narrow.join(", ")),
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
    fn routes_to_the_whole_peer_vpc_fail_narrow_ones_pass() {
        let mut s = snapshot();
        peerings(&mut s).extend([
            peering("pcx-wide"),
            peering("pcx-narrow"),
            peering("pcx-unused"),
            peering("pcx-all"),
        ]);
        route_tables(&mut s).extend([
            route_table(
                "rtb-a",
                &["subnet-a"],
                vec![route("10.1.0.0/16", "pcx-wide"), route("10.1.2.0/24", "pcx-narrow")],
            ),
            route_table("rtb-b", &["subnet-b"], vec![route("0.0.0.0/0", "pcx-all"), route("10.0.0.0/8", "pcx-wide")]),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "pcx-wide"), Status::Fail);
        assert_eq!(status_of(&f, "pcx-all"), Status::Fail);
        assert_eq!(status_of(&f, "pcx-narrow"), Status::Pass);
        assert_eq!(status_of(&f, "pcx-unused"), Status::Pass);
        let wide = f.iter().find(|x| x.resource.id == "pcx-wide").unwrap();
        assert!(wide.message.contains("rtb-a routes 10.1.0.0/16 (all of vpc-2)"), "{}", wide.message);
        assert!(wide.message.contains("rtb-b routes 10.0.0.0/8 (all of vpc-2)"), "{}", wide.message);
        assert_eq!(wide.resource.arn, format!("arn:aws:ec2:{REGION}:{ACCOUNT}:vpc-peering-connection/pcx-wide"));
    }

    #[test]
    fn unreadable_data_is_an_error() {
        let mut s = snapshot();
        peerings(&mut s).push(peering("pcx-1"));
        ec2(&mut s).vpc.route_tables = Fetched::Err(denied("ec2", "DescribeRouteTables"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
        assert!(f[0].message.contains("DescribeRouteTables"), "{}", f[0].message);
        let mut s = snapshot();
        ec2(&mut s).vpc.peering_connections = Fetched::Err(denied("ec2", "DescribeVpcPeeringConnections"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
