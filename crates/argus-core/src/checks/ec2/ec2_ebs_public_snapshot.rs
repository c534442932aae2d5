//! No EBS snapshot owned by the account is restorable by everyone (createVolumePermission group `all`).
//! Metadata: `checks/ec2/ec2_ebs_public_snapshot.toml`.

use super::common::{each_region, snapshot_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_ebs_public_snapshot", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let snapshots = match &ec2.snapshots {
            Fetched::Ok(v) => v,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for snap in snapshots {
            let r = snapshot_resource(ctx, region, snap);
            match &snap.create_volume_permission {
                Fetched::Err(e) => out.error(r, e),
                Fetched::Ok(p) if p.public => out.fail(
                    r,
                    format_args!(
                        "The {}snapshot is public: any AWS account can create a volume from it.",
                        if snap.encrypted { "" } else { "unencrypted " }
                    ),
                ),
                Fetched::Ok(p) if p.accounts.is_empty() => out.pass(r, "The snapshot is not shared."),
                Fetched::Ok(p) => out.pass(
                    r,
                    format_args!("The snapshot is not public (shared with {} specific account(s)).", p.accounts.len()),
                ),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::CreateVolumePermission;
    use crate::testing::*;

    #[test]
    fn public_fails_shared_passes_unreadable_errors() {
        let mut s = snapshot();
        let mut public = ebs_snapshot("snap-public", false);
        public.create_volume_permission = Fetched::Ok(CreateVolumePermission { public: true, accounts: vec![] });
        let mut shared = ebs_snapshot("snap-shared", true);
        shared.create_volume_permission =
            Fetched::Ok(CreateVolumePermission { public: false, accounts: vec!["210987654321".into()] });
        let mut unreadable = ebs_snapshot("snap-unreadable", true);
        unreadable.create_volume_permission = Fetched::Err(denied("ec2", "DescribeSnapshotAttribute"));
        list(&mut ec2(&mut s).snapshots).extend([public, shared, unreadable, ebs_snapshot("snap-private", true)]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "snap-public"), Status::Fail);
        assert_eq!(status_of(&f, "snap-shared"), Status::Pass);
        assert_eq!(status_of(&f, "snap-private"), Status::Pass);
        assert_eq!(status_of(&f, "snap-unreadable"), Status::Error);
        let msg = &f.iter().find(|x| x.resource.id == "snap-unreadable").unwrap().message;
        assert!(msg.contains("ec2:DescribeSnapshotAttribute"), "{msg}");
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).snapshots = Fetched::Err(denied("ec2", "DescribeSnapshots"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
