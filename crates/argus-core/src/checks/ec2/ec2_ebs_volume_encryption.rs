//! Every EBS volume is encrypted at rest. Metadata: `checks/ec2/ec2_ebs_volume_encryption.toml`.

use super::common::{each_region, ec2_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_ebs_volume_encryption", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let volumes = match &ec2.volumes {
            Fetched::Ok(v) => v,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for volume in volumes {
            let r = ec2_resource(ctx, region, "volume", &volume.id, &volume.tags);
            if volume.encrypted {
                match &volume.kms_key_id {
                    Some(key) => out.pass(r, format_args!("The volume is encrypted with KMS key {key}.")),
                    None => out.pass(r, "The volume is encrypted."),
                }
            } else {
                let attached = if volume.attached_instances.is_empty() {
                    "not attached to any instance".to_string()
                } else {
                    format!("attached to {}", volume.attached_instances.join(", "))
                };
                out.fail(r, format_args!("The volume is not encrypted ({attached})."));
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
    fn unencrypted_volume_fails() {
        let mut s = snapshot();
        let mut named = volume("vol-plain", false);
        named.tags.insert("Name".into(), "db-data".into());
        list(&mut ec2(&mut s).volumes).extend([volume("vol-enc", true), named]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vol-enc"), Status::Pass);
        assert_eq!(status_of(&f, "vol-plain"), Status::Fail);
        let plain = f.iter().find(|x| x.resource.id == "vol-plain").unwrap();
        assert_eq!(plain.resource.name, "db-data");
        assert_eq!(plain.resource.arn, format!("arn:aws:ec2:{REGION}:{ACCOUNT}:volume/vol-plain"));
        assert!(plain.message.contains("attached to i-1"), "{}", plain.message);
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).volumes = Fetched::Err(denied("ec2", "DescribeVolumes"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
