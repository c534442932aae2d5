//! New EC2 instances require IMDSv2 by default in every region (the account-level metadata defaults).
//! Metadata: `checks/ec2/ec2_instance_account_imdsv2_enabled.toml`.

use super::common::each_region;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_instance_account_imdsv2_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let r = ctx.region_resource(region);
        match &ec2.instance_metadata_defaults {
            Fetched::Ok(defaults) => match defaults.http_tokens.as_deref().map(str::trim) {
                Some("required") => out.pass(r, format_args!("New instances in {region} require IMDSv2 by default.")),
                Some(t) if !t.is_empty() => out.fail(
                    r,
                    format_args!("New instances in {region} do not require IMDSv2 by default (HttpTokens {t})."),
                ),
                _ => out.fail(
                    r,
                    format_args!(
                        "{region} sets no account-level IMDSv2 default: new instances get their AMI's metadata \
                         settings, which may allow IMDSv1."
                    ),
                ),
            },
            Fetched::Err(e) => out.error(r, e),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::InstanceMetadataDefaults;
    use crate::testing::*;

    #[test]
    fn required_passes_optional_or_unset_fails_unread_is_an_error() {
        let mut s = snapshot();
        let optional = InstanceMetadataDefaults { http_tokens: Some("optional".into()), http_endpoint: None };
        region_mut(&mut s, "eu-west-1").ec2.as_mut().unwrap().instance_metadata_defaults = Fetched::Ok(optional);
        region_mut(&mut s, "us-west-2").ec2.as_mut().unwrap().instance_metadata_defaults =
            Fetched::Ok(InstanceMetadataDefaults::default());
        region_mut(&mut s, "ap-south-1").ec2.as_mut().unwrap().instance_metadata_defaults =
            Fetched::Err(denied("ec2", "GetInstanceMetadataDefaults"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert_eq!(status_of(&f, "eu-west-1"), Status::Fail);
        assert_eq!(status_of(&f, "us-west-2"), Status::Fail);
        assert_eq!(status_of(&f, "ap-south-1"), Status::Error);
        let unset = f.iter().find(|x| &*x.resource.id == "us-west-2").unwrap();
        assert!(unset.message.contains("no account-level IMDSv2 default"), "{}", unset.message);
        let error = f.iter().find(|x| x.status == Status::Error).unwrap();
        assert!(error.message.contains("ec2:GetInstanceMetadataDefaults"), "{}", error.message);
    }
}
