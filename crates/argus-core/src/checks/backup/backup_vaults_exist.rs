//! Every region has at least one AWS Backup vault. Metadata: `checks/backup/backup_vaults_exist.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "backup_vaults_exist", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(backup) = &data.backup else { continue };
        let r = ctx.region_resource(region);
        match &backup.vaults {
            Fetched::Err(e) => out.error(r, e),
            Fetched::Ok(v) if v.is_empty() => out.fail(r, format_args!("{region} has no AWS Backup vault.")),
            Fetched::Ok(v) => {
                let names: Vec<&str> = v.iter().map(|v| v.name.as_str()).collect();
                out.pass(r, format_args!("{region} has {} backup vault(s): {}.", v.len(), names.join(", ")))
            }
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
    fn vaults_decide_per_region() {
        let mut s = snapshot();
        list(&mut backup(&mut s).vaults).push(vault("main"));
        region_mut(&mut s, "eu-west-1");
        region_mut(&mut s, "sa-east-1").backup.as_mut().unwrap().vaults =
            Fetched::Err(denied("backup", "ListBackupVaults"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert_eq!(status_of(&f, "eu-west-1"), Status::Fail);
        assert_eq!(status_of(&f, "sa-east-1"), Status::Error);
    }
}
