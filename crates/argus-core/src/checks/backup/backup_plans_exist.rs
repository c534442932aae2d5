//! A region that keeps backup vaults has a backup plan. Metadata: `checks/backup/backup_plans_exist.toml`.
//!
//! As in Prowler, a region with neither plans nor vaults is not judged: AWS Backup is not in use there.

use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "backup_plans_exist", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(backup) = &data.backup else { continue };
        let r = ctx.region_resource(region);
        match (&backup.plans, &backup.vaults) {
            (Fetched::Err(e), _) => out.error(r, e),
            (Fetched::Ok(plans), _) if !plans.is_empty() => {
                let names: Vec<&str> = plans.iter().map(|p| p.name.as_str()).collect();
                out.pass(r, format_args!("{region} has {} backup plan(s): {}.", plans.len(), names.join(", ")))
            }
            (Fetched::Ok(_), Fetched::Err(e)) => out.error(r, e),
            (Fetched::Ok(_), Fetched::Ok(vaults)) if !vaults.is_empty() => out.fail(
                r,
                format_args!(
                    "{region} has {} backup vault(s) but no backup plan: nothing is backed up on a schedule.",
                    vaults.len()
                ),
            ),
            (Fetched::Ok(_), Fetched::Ok(_)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::backup::fixtures::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn plans_pass_vaults_without_plans_fail_unused_regions_are_not_judged() {
        let mut s = snapshot();
        list(&mut backup(&mut s).plans).push(plan("daily"));
        region_mut(&mut s, "eu-west-1").backup.as_mut().unwrap().vaults = Fetched::Ok(vec![vault("orphan")]);
        region_mut(&mut s, "ap-south-1");
        region_mut(&mut s, "sa-east-1").backup.as_mut().unwrap().plans =
            Fetched::Err(denied("backup", "ListBackupPlans"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert_eq!(status_of(&f, "eu-west-1"), Status::Fail);
        assert!(!f.iter().any(|x| x.resource.id == "ap-south-1"));
        assert_eq!(status_of(&f, "sa-east-1"), Status::Error);
    }
}
