//! DB instances run inside a VPC (not EC2-Classic). Metadata: `checks/rds/rds_instance_inside_vpc.toml`.

use super::{each_instance, instance_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_inside_vpc", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, _, i, out| {
        let r = instance_resource(ctx, i, region);
        match i.vpc_id.as_deref().filter(|v| !v.is_empty()) {
            Some(vpc) => out.pass(r, format_args!("DB instance {} is deployed in VPC {vpc}.", i.id)),
            None => {
                out.fail(r, format_args!("DB instance {} is not deployed in a VPC (no DB subnet group VPC).", i.id))
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{DbInstance, Fetched};
    use crate::testing::*;

    #[test]
    fn vpc_decides_and_listing_failure_errors() {
        let mut s = snapshot();
        instances(&mut s).extend([instance("in-vpc"), DbInstance { vpc_id: None, ..instance("classic") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "in-vpc"), Status::Pass);
        assert_eq!(status_of(&f, "classic"), Status::Fail);

        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
