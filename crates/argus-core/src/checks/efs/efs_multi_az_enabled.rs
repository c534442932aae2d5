//! Every EFS file system keeps its data in several Availability Zones and is mounted from more than
//! one. Metadata: `checks/efs/efs_multi_az_enabled.toml`.

use super::each_file_system;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{Fetched, MountTarget};
use std::collections::BTreeSet;

pub const CHECK: Check = Check { id: "efs_multi_az_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_file_system(ctx, out, |_, _, fs, r, out| {
        if let Some(zone) = fs.availability_zone.as_deref().filter(|z| !z.trim().is_empty()) {
            return out.fail(r, format_args!("The file system is One Zone: its data lives only in {zone}."));
        }
        let targets = match &fs.mount_targets {
            Fetched::Ok(t) => t,
            Fetched::Err(e) => return out.error(r, e),
        };
        fn zone(t: &MountTarget) -> Option<&str> {
            t.availability_zone.as_deref().filter(|z| !z.trim().is_empty())
        }
        let zones: BTreeSet<&str> = targets.iter().filter_map(zone).collect();
        let unknown: Vec<&str> = targets.iter().filter(|t| zone(t).is_none()).map(|t| t.id.as_str()).collect();
        if zones.len() > 1 {
            let zones: Vec<&str> = zones.into_iter().collect();
            out.pass(r, format_args!("The file system is Regional and mounted in {}.", zones.join(", ")));
        } else if !unknown.is_empty() {
            out.error_message(
                r,
                format_args!("could not be evaluated: EFS reported no Availability Zone for {}.", unknown.join(", ")),
            );
        } else if targets.is_empty() {
            out.fail(r, "The file system is Regional but has no mount target: no client can reach it.");
        } else {
            let zones: Vec<&str> = zones.into_iter().collect();
            out.fail(
                r,
                format_args!(
                    "The file system is Regional but mounted only in {}: an outage there cuts every client off.",
                    zones.join(", ")
                ),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::efs::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::FileSystem;
    use crate::testing::*;

    #[test]
    fn one_zone_or_one_mount_zone_fails() {
        let mut s = snapshot();
        let in_zone =
            |id: &str, az: &str| MountTarget { availability_zone: Some(az.into()), ..mount_target(id, "subnet-1") };
        file_systems(&mut s).extend([
            FileSystem {
                mount_targets: Fetched::Ok(vec![in_zone("fsmt-a", "us-east-1a"), in_zone("fsmt-b", "us-east-1b")]),
                ..file_system("fs-multi")
            },
            FileSystem {
                mount_targets: Fetched::Ok(vec![in_zone("fsmt-c", "us-east-1a")]),
                ..file_system("fs-single")
            },
            FileSystem { availability_zone: Some("us-east-1a".into()), ..file_system("fs-onezone") },
            FileSystem {
                mount_targets: Fetched::Err(denied("efs", "DescribeMountTargets")),
                ..file_system("fs-denied")
            },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "fs-multi"), Status::Pass);
        assert_eq!(status_of(&f, "fs-single"), Status::Fail);
        assert_eq!(status_of(&f, "fs-onezone"), Status::Fail);
        assert_eq!(status_of(&f, "fs-denied"), Status::Error);
    }
}
