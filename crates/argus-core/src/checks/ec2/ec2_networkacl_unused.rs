//! Every network ACL other than a VPC's default is associated with a subnet: an unused ACL is a rule
//! set nobody reviews that can be attached at any time. Metadata: `checks/ec2/ec2_networkacl_unused.toml`.

use super::common::{each_region, nacl_resource};
use super::vpc_common::listed;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;
use std::collections::HashSet;

pub const CHECK: Check = Check { id: "ec2_networkacl_unused", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(acls) = listed(ctx, region, &ec2.network_acls, out) else {
            return;
        };
        // Every subnet is associated with exactly one ACL of its VPC, and EC2 lists the default ACL's
        // implicit associations too. A VPC with subnets whose ACLs list no association at all means the
        // associations were not reported, not that every ACL is unused.
        let vpcs_with_associations: HashSet<&str> =
            acls.iter().filter(|a| !a.subnet_ids.is_empty()).filter_map(|a| a.vpc_id.as_deref()).collect();
        for acl in acls.iter().filter(|a| !a.is_default) {
            let r = nacl_resource(ctx, region, acl);
            if !acl.subnet_ids.is_empty() {
                out.pass(r, format_args!("Network ACL is associated with {}.", acl.subnet_ids.join(", ")));
                continue;
            }
            let vpc = acl.vpc_id.as_deref().unwrap_or_default();
            if !vpcs_with_associations.contains(vpc) {
                match &ec2.vpc.subnets {
                    Fetched::Err(e) => {
                        out.error(r, e);
                        continue;
                    }
                    Fetched::Ok(subnets) if subnets.iter().any(|s| s.vpc_id.as_deref() == Some(vpc)) => {
                        out.error_message(
                            r,
                            format_args!(
                                "could not be evaluated: EC2 listed subnets in {vpc} but no network ACL association for any of them"
                            ),
                        );
                        continue;
                    }
                    Fetched::Ok(_) => {}
                }
            }
            out.fail(r, "Network ACL is not associated with any subnet.");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, NetworkAcl};
    use crate::testing::*;

    fn with_subnets(id: &str, subnets: &[&str]) -> NetworkAcl {
        NetworkAcl { subnet_ids: subnets.iter().map(|s| s.to_string()).collect(), ..nacl(id, vec![]) }
    }

    #[test]
    fn an_acl_without_subnets_fails_the_default_acl_is_not_judged() {
        let mut s = snapshot();
        subnets(&mut s).extend([subnet("subnet-a"), subnet("subnet-b")]);
        acls(&mut s).extend([
            NetworkAcl { is_default: true, ..with_subnets("acl-default", &["subnet-a"]) },
            with_subnets("acl-used", &["subnet-b"]),
            with_subnets("acl-unused", &[]),
            NetworkAcl { is_default: true, vpc_id: Some("vpc-2".into()), ..with_subnets("acl-default-2", &[]) },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "acl-used"), Status::Pass);
        assert_eq!(status_of(&f, "acl-unused"), Status::Fail);
        assert!(!f.iter().any(|x| x.resource.id.starts_with("acl-default")), "{f:#?}");
    }

    #[test]
    fn associations_missing_for_a_whole_vpc_are_an_error_not_a_fail() {
        let mut s = snapshot();
        subnets(&mut s).push(subnet("subnet-a"));
        acls(&mut s)
            .extend([NetworkAcl { is_default: true, ..with_subnets("acl-default", &[]) }, with_subnets("acl-x", &[])]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "acl-x"), Status::Error);
        // A VPC without subnets: nothing can be associated, so the ACL is unused.
        subnets(&mut s).clear();
        assert_eq!(status_of(&run_check(CHECK, &s), "acl-x"), Status::Fail);
        // The subnets could not be read: the missing associations cannot be told apart.
        ec2(&mut s).vpc.subnets = Fetched::Err(denied("ec2", "DescribeSubnets"));
        assert_eq!(status_of(&run_check(CHECK, &s), "acl-x"), Status::Error);
    }

    #[test]
    fn a_failed_listing_is_one_error_for_the_region() {
        let mut s = snapshot();
        ec2(&mut s).network_acls = Fetched::Err(denied("ec2", "DescribeNetworkAcls"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
