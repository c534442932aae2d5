//! EBS encryption by default is on in every region. Metadata: `checks/ec2/ec2_ebs_default_encryption.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_ebs_default_encryption", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(ec2) = &data.ec2 else { continue };
        let r = ctx.region_resource(region);
        match &ec2.ebs_encryption_by_default {
            Fetched::Ok(true) => out.pass(r, format_args!("EBS encryption by default is enabled in {region}.")),
            Fetched::Ok(false) => out.fail(r, format_args!("EBS encryption by default is disabled in {region}.")),
            Fetched::Err(e) => out.error(r, e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn per_region_verdicts() {
        let mut s = snapshot();
        region_mut(&mut s, "eu-west-1").ec2.as_mut().unwrap().ebs_encryption_by_default = Fetched::Ok(false);
        region_mut(&mut s, "ap-south-1").ec2.as_mut().unwrap().ebs_encryption_by_default =
            Fetched::Err(denied("ec2", "GetEbsEncryptionByDefault"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert_eq!(status_of(&f, "eu-west-1"), Status::Fail);
        assert_eq!(status_of(&f, "ap-south-1"), Status::Error);
    }
}
