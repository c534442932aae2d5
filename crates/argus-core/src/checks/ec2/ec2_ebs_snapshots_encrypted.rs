//! Every EBS snapshot owned by the account is encrypted. Metadata: `checks/ec2/ec2_ebs_snapshots_encrypted.toml`.

use super::common::{each_region, snapshot_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_ebs_snapshots_encrypted", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let snapshots = match &ec2.snapshots {
            Fetched::Ok(v) => v,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for snap in snapshots {
            let r = snapshot_resource(ctx, region, snap);
            let source = snap.volume_id.as_deref().map(|v| format!(" (from volume {v})")).unwrap_or_default();
            if snap.encrypted {
                out.pass(r, format_args!("The snapshot{source} is encrypted."));
            } else {
                out.fail(r, format_args!("The snapshot{source} is not encrypted."));
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
    fn unencrypted_snapshot_fails() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).snapshots).extend([ebs_snapshot("snap-enc", true), ebs_snapshot("snap-plain", false)]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "snap-enc"), Status::Pass);
        assert_eq!(status_of(&f, "snap-plain"), Status::Fail);
        let plain = f.iter().find(|x| x.resource.id == "snap-plain").unwrap();
        assert_eq!(plain.resource.arn, format!("arn:aws:ec2:{REGION}::snapshot/snap-plain"));
        assert!(plain.message.contains("vol-1"), "{}", plain.message);
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).snapshots = Fetched::Err(denied("ec2", "DescribeSnapshots"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
