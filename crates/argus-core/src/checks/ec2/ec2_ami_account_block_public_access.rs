//! AMI block public access is on in every region.
//! Metadata: `checks/ec2/ec2_ami_account_block_public_access.toml`.

use super::common::each_region;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_ami_account_block_public_access", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let r = ctx.region_resource(region);
        match &ec2.image_block_public_access {
            Fetched::Ok(state) => match state.trim() {
                "block-new-sharing" => {
                    out.pass(r, format_args!("AMI block public access is enabled in {region} (block-new-sharing)."))
                }
                "" => out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: GetImageBlockPublicAccessState returned no state for {region}"
                    ),
                ),
                other => {
                    out.fail(r, format_args!("AMI block public access is not enabled in {region} (state {other})."))
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
    fn blocked_passes_unblocked_fails_unread_is_an_error() {
        let mut s = snapshot();
        region_mut(&mut s, "eu-west-1").ec2.as_mut().unwrap().image_block_public_access =
            Fetched::Ok("unblocked".into());
        region_mut(&mut s, "ap-south-1").ec2.as_mut().unwrap().image_block_public_access =
            Fetched::Err(denied("ec2", "GetImageBlockPublicAccessState"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert_eq!(status_of(&f, "eu-west-1"), Status::Fail);
        assert_eq!(status_of(&f, "ap-south-1"), Status::Error);
        let error = f.iter().find(|x| x.status == Status::Error).unwrap();
        assert!(error.message.contains("ec2:GetImageBlockPublicAccessState"), "{}", error.message);
    }

    #[test]
    fn an_empty_state_is_an_error_not_a_verdict() {
        let mut s = snapshot();
        ec2(&mut s).image_block_public_access = Fetched::Ok(String::new());
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Error);
    }
}
