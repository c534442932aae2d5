//! DB instance and cluster snapshots are encrypted. Metadata: `checks/rds/rds_snapshots_encrypted.toml`.

use super::{each_snapshot, snapshot_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_snapshots_encrypted", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_snapshot(ctx, out, |region, snap, kind, out| {
        let r = snapshot_resource(ctx, snap, region);
        if snap.encrypted {
            out.pass(r, format_args!("{kind} {} is encrypted.", snap.id));
        } else {
            let source = snap.source_id.as_deref().map(|s| format!(" (taken from {s})")).unwrap_or_default();
            out.fail(r, format_args!("{kind} {}{source} is not encrypted.", snap.id));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{DbSnapshot, Fetched};
    use crate::testing::*;

    #[test]
    fn encrypted_passes_plain_fails_unlisted_errors() {
        let mut s = snapshot();
        list(&mut rds(&mut s).snapshots)
            .extend([db_snapshot("enc"), DbSnapshot { encrypted: false, ..db_snapshot("plain") }]);
        list(&mut rds(&mut s).cluster_snapshots).push(DbSnapshot { encrypted: false, ..db_snapshot("cplain") });
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "enc"), Status::Pass);
        assert_eq!(status_of(&f, "plain"), Status::Fail);
        assert_eq!(status_of(&f, "cplain"), Status::Fail);

        rds(&mut s).snapshots = Fetched::Err(denied("rds", "DescribeDBSnapshots"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);

        // Both lists missing: one ERROR for the region that names both calls.
        rds(&mut s).cluster_snapshots = Fetched::Err(denied("rds", "DescribeDBClusterSnapshots"));
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("DescribeDBSnapshots") && f[0].message.contains("DescribeDBClusterSnapshots"));
    }
}
