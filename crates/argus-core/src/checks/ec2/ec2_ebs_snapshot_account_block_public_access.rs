//! EBS snapshot block public access blocks all sharing in every region.
//! Metadata: `checks/ec2/ec2_ebs_snapshot_account_block_public_access.toml`.

use super::common::each_region;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_ebs_snapshot_account_block_public_access", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let r = ctx.region_resource(region);
        match &ec2.snapshot_block_public_access {
            Fetched::Ok(state) => match state.trim() {
                "block-all-sharing" => {
                    out.pass(r, format_args!("EBS snapshot block public access blocks all public sharing in {region}."))
                }
                "block-new-sharing" => out.fail(
                    r,
                    format_args!(
                        "EBS snapshot block public access blocks only new public sharing in {region}: snapshots \
                         already public stay public."
                    ),
                ),
                "" => out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: GetSnapshotBlockPublicAccessState returned no state for {region}"
                    ),
                ),
                other => {
                    out.fail(r, format_args!("EBS snapshot public access is not blocked in {region} (state {other})."))
                }
            },
            Fetched::Err(e) => out.error(r, e),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn only_block_all_sharing_passes() {
        let mut s = snapshot();
        region_mut(&mut s, "eu-west-1").ec2.as_mut().unwrap().snapshot_block_public_access =
            Fetched::Ok("block-new-sharing".into());
        region_mut(&mut s, "ap-south-1").ec2.as_mut().unwrap().snapshot_block_public_access =
            Fetched::Ok("unblocked".into());
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert_eq!(status_of(&f, "eu-west-1"), Status::Fail);
        assert_eq!(status_of(&f, "ap-south-1"), Status::Fail);
        let partial = f.iter().find(|x| &*x.resource.id == "eu-west-1").unwrap();
        assert!(partial.message.contains("only new public sharing"), "{}", partial.message);
    }

    #[test]
    fn an_unread_or_empty_state_is_an_error() {
        let mut s = snapshot();
        ec2(&mut s).snapshot_block_public_access = Fetched::Err(denied("ec2", "GetSnapshotBlockPublicAccessState"));
        region_mut(&mut s, "eu-west-1").ec2.as_mut().unwrap().snapshot_block_public_access = Fetched::Ok(" ".into());
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Error);
        assert_eq!(status_of(&f, "eu-west-1"), Status::Error);
        let denied = f.iter().find(|x| &*x.resource.id == REGION).unwrap();
        assert!(denied.message.contains("ec2:GetSnapshotBlockPublicAccessState"), "{}", denied.message);
    }
}
