//! DB clusters encrypt their storage at rest. Metadata: `checks/rds/rds_cluster_storage_encrypted.toml`.

use super::cluster_resource;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "rds_cluster_storage_encrypted", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(rds) = &data.rds else { continue };
        let clusters = match &rds.clusters {
            Fetched::Ok(c) => c,
            Fetched::Err(e) => {
                out.error(ctx.region_resource(region), e);
                continue;
            }
        };
        for c in clusters {
            let r = cluster_resource(ctx, c, region);
            if c.storage_encrypted {
                let key = c.kms_key_id.as_deref().unwrap_or("the default RDS key");
                out.pass(r, format_args!("DB cluster {} ({}) storage is encrypted with {key}.", c.id, c.engine));
            } else {
                out.fail(r, format_args!("DB cluster {} ({}) storage is not encrypted at rest.", c.id, c.engine));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::DbCluster;
    use crate::testing::*;

    #[test]
    fn encrypted_passes_plain_fails_unlisted_errors() {
        let mut s = snapshot();
        clusters(&mut s).extend([cluster("enc"), DbCluster { storage_encrypted: false, ..cluster("plain") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "enc"), Status::Pass);
        assert_eq!(status_of(&f, "plain"), Status::Fail);

        rds(&mut s).clusters = Fetched::Err(denied("rds", "DescribeDBClusters"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
