//! Security groups have at most 50 inbound and 50 outbound rules.
//! Metadata: `checks/ec2/ec2_securitygroup_with_many_ingress_egress_rules.toml`.

use super::common::{each_region, groups_or_error, sg_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_securitygroup_with_many_ingress_egress_rules", run };

/// Prowler's default `max_security_group_rules`.
const MAX_RULES: usize = 50;

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(groups) = groups_or_error(ctx, region, ec2, out) else {
            return;
        };
        for sg in groups {
            let r = sg_resource(ctx, region, sg);
            let (inbound, outbound) = (sg.ingress.len(), sg.egress.len());
            let counts = format!("{inbound} inbound and {outbound} outbound rules");
            if inbound > MAX_RULES || outbound > MAX_RULES {
                out.fail(
                    r,
                    format_args!("Security group {} ({}) has {counts}, more than {MAX_RULES}.", sg.name, sg.id),
                );
            } else {
                out.pass(r, format_args!("Security group {} ({}) has {counts}.", sg.name, sg.id));
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
    fn more_than_fifty_rules_fail() {
        let mut s = snapshot();
        let mut busy = sg("sg-busy", "busy");
        busy.egress = (0..51).map(|p| tcp(1000 + p, 1000 + p, &["10.0.0.0/8"], &[])).collect();
        let mut full = sg("sg-full", "full");
        full.ingress = (0..50).map(|p| tcp(1000 + p, 1000 + p, &["10.0.0.0/8"], &[])).collect();
        groups(&mut s).extend([busy, full]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-busy"), Status::Fail);
        assert_eq!(status_of(&f, "sg-full"), Status::Pass);
    }

    #[test]
    fn failed_listing_is_an_error() {
        let mut s = snapshot();
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
