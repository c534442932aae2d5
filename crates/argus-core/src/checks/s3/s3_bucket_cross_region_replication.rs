//! The bucket replicates, through an enabled rule and with versioning on, to a bucket of another
//! region. Metadata: `checks/s3/s3_bucket_cross_region_replication.toml`.

use super::bucket_resource;
use super::common::each_bucket;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "s3_bucket_cross_region_replication", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    // Each destination is looked up by name: one map for the account, not a scan of every bucket per rule.
    let regions: crate::engine::FastMap<&str, &str> =
        ctx.index().buckets().iter().map(|d| (&*d.name, d.region.as_str())).collect();
    each_bucket(ctx, out, |_, b, out| {
        let r = bucket_resource(ctx, b);
        let rules = match &b.replication_rules {
            Fetched::Err(e) => return out.error(r, e),
            Fetched::Ok(rules) => rules,
        };
        if rules.is_empty() {
            return out.fail(r, "The bucket has no replication configuration.");
        }
        let enabled: Vec<_> = rules.iter().filter(|rule| rule.status == "Enabled").collect();
        if enabled.is_empty() {
            return out.fail(r, format_args!("All {} replication rule(s) of the bucket are disabled.", rules.len()));
        }
        // S3 replicates nothing while versioning is suspended.
        match &b.versioning {
            Fetched::Err(e) => return out.error(r, e),
            Fetched::Ok(v) if v.status.as_deref() != Some("Enabled") => {
                return out.fail(
                    r,
                    "The bucket has replication rules but versioning is not enabled, so nothing is replicated.",
                )
            }
            Fetched::Ok(_) => {}
        }
        let (mut same_region, mut unknown) = (Vec::new(), Vec::new());
        for rule in enabled {
            let id = rule.id.as_deref().unwrap_or("(unnamed)");
            let dest = rule.destination_name();
            match regions.get(dest).copied() {
                Some(region) if region != b.region => {
                    return out
                        .pass(r, format_args!("Replication rule {id} copies objects to bucket {dest} in {region}."))
                }
                Some(_) => same_region.push(format!("rule {id} replicates to {dest}, in the same region")),
                None => {
                    unknown.push(format!("rule {id} replicates to {dest}, which is not in this account's bucket list"))
                }
            }
        }
        if unknown.is_empty() {
            out.fail(
                r,
                format_args!("No replication rule copies objects to another region: {}.", same_region.join("; ")),
            )
        } else {
            unknown.extend(same_region);
            out.error_message(
                r,
                format_args!(
                    "could not be evaluated: the destination's region is unknown ({}); judge it in the account that owns the destination",
                    unknown.join("; ")
                ),
            )
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::{Bucket, ReplicationRule, Versioning};
    use crate::testing::*;

    fn replicating(name: &str, to: &str, status: &str) -> Bucket {
        let mut b = bucket(name);
        b.versioning = Fetched::Ok(Versioning { status: Some("Enabled".into()), mfa_delete: None });
        b.replication_rules = Fetched::Ok(vec![ReplicationRule {
            id: Some("dr".into()),
            status: status.into(),
            destination_bucket: format!("arn:aws:s3:::{to}"),
            destination_account: None,
        }]);
        b
    }

    #[test]
    fn another_region_passes_same_region_or_none_fail_unknown_errors() {
        let mut s = snapshot();
        let mut far = bucket("far");
        far.region = "eu-west-1".into();
        let mut unversioned = replicating("unversioned", "far", "Enabled");
        unversioned.versioning = Fetched::Ok(Versioning::default());
        let mut unreadable = bucket("unreadable");
        unreadable.replication_rules = Fetched::Err(denied("s3", "GetBucketReplication"));
        buckets(&mut s).extend([
            far,
            bucket("near"),
            replicating("cross", "far", "Enabled"),
            replicating("local", "near", "Enabled"),
            replicating("off", "far", "Disabled"),
            replicating("elsewhere", "other-account-bucket", "Enabled"),
            unversioned,
            unreadable,
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "cross"), Status::Pass);
        assert_eq!(finding_message(&f, "cross"), "Replication rule dr copies objects to bucket far in eu-west-1.");
        assert_eq!(status_of(&f, "local"), Status::Fail);
        assert!(finding_message(&f, "local").contains("same region"));
        assert_eq!(status_of(&f, "off"), Status::Fail);
        assert_eq!(status_of(&f, "unversioned"), Status::Fail);
        assert_eq!(status_of(&f, "near"), Status::Fail);
        assert_eq!(status_of(&f, "elsewhere"), Status::Error);
        assert!(finding_message(&f, "elsewhere").contains("not in this account's bucket list"));
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
    }
}
