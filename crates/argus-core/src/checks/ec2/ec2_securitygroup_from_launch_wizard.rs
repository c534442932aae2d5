//! No security group was created by the EC2 launch wizard.
//! Metadata: `checks/ec2/ec2_securitygroup_from_launch_wizard.toml`.

use super::common::{each_region, groups_or_error, sg_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_securitygroup_from_launch_wizard", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(groups) = groups_or_error(ctx, region, ec2, out) else {
            return;
        };
        for sg in groups {
            let r = sg_resource(ctx, region, sg);
            if sg.name.starts_with("launch-wizard") {
                out.fail(
                    r,
                    format_args!("Security group {} ({}) was created by the EC2 launch wizard.", sg.name, sg.id),
                );
            } else {
                out.pass(
                    r,
                    format_args!("Security group {} ({}) was not created by the EC2 launch wizard.", sg.name, sg.id),
                );
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
    fn launch_wizard_groups_fail() {
        let mut s = snapshot();
        groups(&mut s).extend([sg("sg-1", "launch-wizard-3"), sg("sg-2", "web")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-1"), Status::Fail);
        assert_eq!(status_of(&f, "sg-2"), Status::Pass);
    }

    #[test]
    fn failed_listing_is_an_error() {
        let mut s = snapshot();
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
