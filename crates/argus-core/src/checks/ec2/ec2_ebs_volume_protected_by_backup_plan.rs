//! EBS volumes are assigned to an AWS Backup plan (FSBP EC2.28). Metadata:
//! `checks/ec2/ec2_ebs_volume_protected_by_backup_plan.toml`; the assignment logic is in
//! `checks/backup/coverage.rs`.

use super::common::{each_region, ec2_resource};
use crate::checks::backup::coverage;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_ebs_volume_protected_by_backup_plan", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let volumes = match &ec2.volumes {
            Fetched::Ok(v) => v,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for volume in volumes {
            let r = ec2_resource(ctx, region, "volume", &volume.id, &volume.tags);
            let arn = r.arn.clone();
            coverage::judge(ctx, out, r, region, &format!("EBS volume {}", volume.id), &arn, &volume.tags);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::backup::fixtures::{backup, plan_selecting, plans};
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn assigned_passes_unassigned_fails_unreadable_errors() {
        let mut s = snapshot();
        let mut kept = volume("vol-kept", true);
        kept.tags = [("backup".to_string(), "daily".to_string())].into();
        list(&mut ec2(&mut s).volumes).extend([kept, volume("vol-other", true)]);
        let mut daily = plan_selecting("daily", &["arn:aws:ec2:*:*:volume/*"]);
        if let Fetched::Ok(entries) = &mut daily.selections {
            if let Fetched::Ok(sel) = &mut entries[0].selection {
                sel.conditions = vec![crate::snapshot::TagCondition {
                    operator: "StringEquals".into(),
                    key: "backup".into(),
                    value: "daily".into(),
                }];
            }
        }
        plans(&mut s).push(daily);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vol-kept"), Status::Pass);
        assert_eq!(status_of(&f, "vol-other"), Status::Fail);
        backup(&mut s).plans = Fetched::Err(denied("backup", "ListBackupPlans"));
        assert_eq!(status_of(&run_check(CHECK, &s), "vol-kept"), Status::Error);
        ec2(&mut s).volumes = Fetched::Err(denied("ec2", "DescribeVolumes"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
