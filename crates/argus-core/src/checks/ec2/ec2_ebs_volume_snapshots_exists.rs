//! Every EBS volume has at least one snapshot. Metadata: `checks/ec2/ec2_ebs_volume_snapshots_exists.toml`.

use super::common::{each_region, ec2_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_ebs_volume_snapshots_exists", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let volumes = match &ec2.volumes {
            Fetched::Ok(v) => v,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for volume in volumes {
            let r = ec2_resource(ctx, region, "volume", &volume.id, &volume.tags);
            let snapshots = match &ec2.snapshots {
                Fetched::Ok(s) => s,
                Fetched::Err(e) => {
                    out.error(r, e);
                    continue;
                }
            };
            let taken = snapshots.iter().filter(|s| s.volume_id.as_deref() == Some(volume.id.as_str())).count();
            if taken == 0 {
                out.fail(r, format_args!("Volume {} has no snapshot.", volume.id));
            } else {
                out.pass(r, format_args!("Volume {} has {taken} snapshot(s).", volume.id));
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
    fn a_volume_without_snapshot_fails() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).volumes).extend([volume("vol-1", true), volume("vol-2", true)]);
        list(&mut ec2(&mut s).snapshots).push(ebs_snapshot("snap-1", true));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vol-1"), Status::Pass);
        assert_eq!(status_of(&f, "vol-2"), Status::Fail);
    }

    #[test]
    fn unreadable_listings_are_errors() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).volumes).push(volume("vol-1", true));
        ec2(&mut s).snapshots = Fetched::Err(denied("ec2", "DescribeSnapshots"));
        assert_eq!(status_of(&run_check(CHECK, &s), "vol-1"), Status::Error);
        ec2(&mut s).volumes = Fetched::Err(denied("ec2", "DescribeVolumes"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
