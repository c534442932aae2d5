//! DB clusters encrypt their storage at rest. Metadata: `checks/rds/rds_cluster_storage_encrypted.toml`.

use super::each_cluster;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_cluster_storage_encrypted", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_cluster(ctx, out, |c, r, out| {
        if c.storage_encrypted {
            let key = c.kms_key_id.as_deref().unwrap_or("the default RDS key");
            out.pass(r, format_args!("DB cluster {} ({}) storage is encrypted with {key}.", c.id, c.engine));
        } else {
            out.fail(r, format_args!("DB cluster {} ({}) storage is not encrypted at rest.", c.id, c.engine));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::DbCluster;
    use crate::snapshot::Fetched;
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
