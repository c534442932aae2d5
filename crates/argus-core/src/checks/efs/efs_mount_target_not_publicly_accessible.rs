//! No EFS mount target lies in a public subnet. Metadata:
//! `checks/efs/efs_mount_target_not_publicly_accessible.toml`.

use super::each_file_system;
use crate::engine::{Check, CheckContext, Findings};
use crate::network::RegionNetwork;
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "efs_mount_target_not_publicly_accessible", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_file_system(ctx, out, |_, data, fs, r, out| {
        let targets = match &fs.mount_targets {
            Fetched::Ok(t) => t,
            Fetched::Err(e) => return out.error(r, e),
        };
        if targets.is_empty() {
            return out.pass(r, "The file system has no mount targets.");
        }
        let Some(ec2) = &data.ec2 else {
            return out.error_message(
                r,
                "could not be evaluated: the subnets of its mount targets need the EC2 data (DescribeSubnets, DescribeRouteTables), which was not collected.",
            );
        };
        let network = RegionNetwork::new(ec2);
        let subnets = ec2.vpc.subnets.ok();
        let mut public = Vec::new();
        let mut private = Vec::new();
        let mut unknown = Vec::new();
        for target in targets {
            let Some(subnet_id) = target.subnet_id.as_deref().filter(|s| !s.trim().is_empty()) else {
                unknown.push(format!("{} has no subnet", target.id));
                continue;
            };
            let assigns_public_ips = subnets
                .and_then(|list| list.iter().find(|s| s.id == subnet_id))
                .is_some_and(|s| s.map_public_ip_on_launch);
            match network.public_subnet_route(subnet_id, target.vpc_id.as_deref()) {
                Ok(Some(route)) => public.push(format!("{} in {subnet_id} ({route})", target.id)),
                Ok(None) if assigns_public_ips => public
                    .push(format!("{} in {subnet_id} (the subnet assigns public IPv4 addresses at launch)", target.id)),
                Ok(None) => private.push(format!("{} in {subnet_id}", target.id)),
                Err(e) => unknown.push(format!("{}: {e}", target.id)),
            }
        }
        if !public.is_empty() {
            out.fail(r, format_args!("Mount targets are in public subnets: {}.", public.join("; ")));
        } else if !unknown.is_empty() {
            out.error_message(r, format_args!("could not be evaluated: {}.", unknown.join("; ")));
        } else {
            out.pass(r, format_args!("Every mount target is in a private subnet: {}.", private.join(", ")));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::reachable_web_server;
    use crate::checks::efs::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::FileSystem;
    use crate::testing::*;

    fn with_targets(id: &str, subnets: &[&str]) -> FileSystem {
        let targets = subnets.iter().enumerate().map(|(i, s)| mount_target(&format!("fsmt-{id}-{i}"), s)).collect();
        FileSystem { mount_targets: Fetched::Ok(targets), ..file_system(id) }
    }

    #[test]
    fn a_mount_target_in_a_public_subnet_fails() {
        let mut s = snapshot();
        // subnet-public routes 0.0.0.0/0 to igw-1; subnet-private uses the main table (local only).
        reachable_web_server(&mut s);
        file_systems(&mut s).extend([
            with_targets("fs-public", &["subnet-private", "subnet-public"]),
            with_targets("fs-private", &["subnet-private"]),
            file_system("fs-unmounted"),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "fs-public"), Status::Fail);
        assert_eq!(status_of(&f, "fs-private"), Status::Pass);
        assert_eq!(status_of(&f, "fs-unmounted"), Status::Pass);
        let public = f.iter().find(|x| x.resource.id == "fs-public").unwrap();
        assert!(
            public.message.contains("fsmt-fs-public-1 in subnet-public (route 0.0.0.0/0 -> igw-1 in rtb-public"),
            "{}",
            public.message
        );
    }

    #[test]
    fn unreadable_routes_or_targets_are_errors() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        file_systems(&mut s).extend([
            with_targets("fs-1", &["subnet-private"]),
            FileSystem { mount_targets: Fetched::Err(denied("efs", "DescribeMountTargets")), ..file_system("fs-2") },
        ]);
        ec2(&mut s).vpc.route_tables = Fetched::Err(denied("ec2", "DescribeRouteTables"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "fs-1"), Status::Error);
        assert_eq!(status_of(&f, "fs-2"), Status::Error);
        assert!(f.iter().any(|x| x.message.contains("DescribeRouteTables")), "{f:?}");
        // Without EC2 data the subnets cannot be judged.
        region_mut(&mut s, REGION).ec2 = None;
        assert_eq!(status_of(&run_check(CHECK, &s), "fs-1"), Status::Error);
    }
}
