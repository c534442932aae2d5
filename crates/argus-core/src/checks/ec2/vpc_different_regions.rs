//! Custom VPCs exist in more than one region. Metadata: `checks/ec2/vpc_different_regions.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "vpc_different_regions", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let mut regions_with_vpcs: Vec<&str> = Vec::new();
    let mut audited = 0;
    let mut unreadable = None;
    for (region, data) in &ctx.snapshot.regions {
        let Some(ec2) = &data.ec2 else { continue };
        audited += 1;
        match &ec2.vpcs {
            Fetched::Ok(vpcs) => {
                if vpcs.iter().any(|v| !v.is_default) {
                    regions_with_vpcs.push(region);
                }
            }
            Fetched::Err(e) => unreadable = unreadable.or(Some(e)),
        }
    }
    if audited == 0 {
        return;
    }
    let account = ctx.account_resource();
    // An unreadable region could hold the second VPC, unless two readable regions already do.
    if let Some(e) = unreadable.filter(|_| regions_with_vpcs.len() < 2) {
        return out.error(account, e);
    }
    match regions_with_vpcs.as_slice() {
        [] => out.pass(account, "No non-default VPC in the audited regions."),
        [only] => out.fail(account, format_args!("Every non-default VPC is in one region, {only}.")),
        several => out
            .pass(account, format_args!("Non-default VPCs are in {} regions: {}.", several.len(), several.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::vpc;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn one_region_fails_two_pass() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).vpcs).push(vpc("vpc-1"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Fail)]);
        let mut other = s.regions.get(REGION).cloned().expect("fixture region");
        if let Some(e) = other.ec2.as_mut() {
            e.vpcs = Fetched::Ok(vec![vpc("vpc-2")]);
        }
        s.regions.insert("eu-west-1".into(), other);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Pass)]);
        assert!(f[0].message.contains("2 regions"), "{}", f[0].message);
    }

    #[test]
    fn an_unreadable_region_is_an_error_unless_two_other_regions_have_vpcs() {
        let mut s = snapshot();
        ec2(&mut s).vpcs = Fetched::Err(denied("ec2", "DescribeVpcs"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
        let template = s.regions.get(REGION).cloned().expect("fixture region");
        let with_vpc = |id: &str| {
            let mut region = template.clone();
            if let Some(e) = region.ec2.as_mut() {
                e.vpcs = Fetched::Ok(vec![vpc(id)]);
            }
            region
        };
        let eu = with_vpc("vpc-2");
        s.regions.insert("eu-west-1".into(), eu);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)], "one VPC region seen");
        let ap = with_vpc("vpc-3");
        s.regions.insert("ap-south-1".into(), ap);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Pass)]);
    }
}
