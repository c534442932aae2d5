//! DB instance and cluster snapshots are not restorable by every AWS account. Metadata:
//! `checks/rds/rds_snapshots_public_access.toml`.

use super::{each_snapshot, snapshot_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "rds_snapshots_public_access", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_snapshot(ctx, out, |region, snap, kind, out| {
        let r = snapshot_resource(ctx, snap, region);
        let accounts = match &snap.restore_accounts {
            Fetched::Ok(a) => a,
            Fetched::Err(e) => return out.error(r, e),
        };
        if accounts.iter().any(|a| a.eq_ignore_ascii_case("all")) {
            out.fail(
                r,
                format_args!("{kind} {} is public: its restore attribute includes \"all\" (any AWS account).", snap.id),
            );
        } else if accounts.is_empty() {
            out.pass(r, format_args!("{kind} {} is not shared.", snap.id));
        } else {
            out.pass(r, format_args!("{kind} {} is not public; it is shared with {}.", snap.id, accounts.join(", ")));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::DbSnapshot;
    use crate::testing::*;

    #[test]
    fn instance_and_cluster_snapshots() {
        let mut s = snapshot();
        list(&mut rds(&mut s).snapshots).extend([
            db_snapshot("private"),
            DbSnapshot { restore_accounts: Fetched::Ok(vec!["all".into()]), ..db_snapshot("public") },
            DbSnapshot { restore_accounts: Fetched::Ok(vec!["444455556666".into()]), ..db_snapshot("shared") },
            DbSnapshot {
                restore_accounts: Fetched::Err(denied("rds", "DescribeDBSnapshotAttributes")),
                ..db_snapshot("unreadable")
            },
        ]);
        list(&mut rds(&mut s).cluster_snapshots)
            .push(DbSnapshot { restore_accounts: Fetched::Ok(vec!["all".into()]), ..db_snapshot("cluster-public") });
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "private"), Status::Pass);
        assert_eq!(status_of(&f, "public"), Status::Fail);
        assert_eq!(status_of(&f, "shared"), Status::Pass);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert_eq!(status_of(&f, "cluster-public"), Status::Fail);
    }

    #[test]
    fn failed_listing_errors_for_the_region() {
        let mut s = snapshot();
        rds(&mut s).cluster_snapshots = Fetched::Err(denied("rds", "DescribeDBClusterSnapshots"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
