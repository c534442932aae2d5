//! Every instance has an IAM instance profile attached. Metadata: `checks/ec2/ec2_instance_profile_attached.toml`.

use super::common::{each_region, instance_resource, live_instances};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_instance_profile_attached", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            match instance.instance_profile_arn.as_deref().filter(|a| !a.trim().is_empty()) {
                Some(arn) => out.pass(r, format_args!("The instance has the instance profile {arn}.")),
                None => out.fail(r, "The instance has no IAM instance profile attached."),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn missing_profile_fails() {
        let mut s = snapshot();
        let mut bare = instance("i-bare");
        bare.instance_profile_arn = None;
        instances(&mut s).extend([instance("i-role"), bare]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-role"), Status::Pass);
        assert_eq!(status_of(&f, "i-bare"), Status::Fail);
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
