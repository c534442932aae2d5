//! Every Block Public Access setting is on for the bucket, at bucket level or through the account-level
//! configuration. Metadata: `checks/s3/s3_bucket_level_public_access_block.toml`.

use super::bucket_resource;
use super::common::{each_bucket, in_force, settings_off, BpaSetting, InForce};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "s3_bucket_level_public_access_block", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |s3, b, out| {
        let r = bucket_resource(ctx, b);
        // What the bucket itself has, for the message.
        let own = match &b.public_access_block {
            Fetched::Ok(Some(c)) if c.all_enabled() => {
                return out.pass(r, "All four Block Public Access settings are on for the bucket.")
            }
            Fetched::Ok(None) => "the bucket has no Block Public Access configuration".to_string(),
            Fetched::Ok(Some(c)) => {
                format!("the bucket's Block Public Access has {} off", settings_off(Some(c)).join(", "))
            }
            Fetched::Err(_) => "the bucket's Block Public Access configuration could not be read".to_string(),
        };
        let mut off = Vec::new();
        let mut unknown = None;
        for setting in BpaSetting::ALL {
            match in_force(s3, b, setting) {
                InForce::Enabled(_) => {}
                InForce::Disabled => off.push(setting.name()),
                InForce::Unknown(e) => unknown = unknown.or(Some(e)),
            }
        }
        match (off.is_empty(), unknown) {
            (false, _) => out.fail(
                r,
                format_args!(
                    "Block Public Access is not fully on: {own}, and the account-level settings do not cover {} either.",
                    off.join(", ")
                ),
            ),
            (true, Some(e)) => out.error_message(
                r,
                format_args!("could not be evaluated: {own}, and whether the account-level settings cover it is unknown: {e}"),
            ),
            (true, None) => out.pass(r, format_args!("Covered by the account-level Block Public Access settings ({own}).")),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::s3::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::PublicAccessBlock;
    use crate::testing::*;

    #[test]
    fn bucket_or_account_coverage_passes_gaps_fail() {
        let mut s = snapshot();
        let mut full = bucket("full");
        full.public_access_block = Fetched::Ok(Some(BPA_ALL));
        let mut partial = bucket("partial");
        partial.public_access_block =
            Fetched::Ok(Some(PublicAccessBlock { restrict_public_buckets: false, ..BPA_ALL }));
        buckets(&mut s).extend([full, partial, bucket("none")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "full"), Status::Pass);
        assert_eq!(status_of(&f, "partial"), Status::Fail);
        assert!(message_of(&f, "partial").contains("do not cover RestrictPublicBuckets"), "{f:#?}");
        assert_eq!(status_of(&f, "none"), Status::Fail);
        assert!(message_of(&f, "none").contains("no Block Public Access configuration"), "{f:#?}");

        // The account level fills the gap the partial bucket leaves.
        set_account_bpa(
            &mut s,
            Fetched::Ok(Some(PublicAccessBlock {
                block_public_acls: false,
                ignore_public_acls: false,
                block_public_policy: false,
                restrict_public_buckets: true,
            })),
        );
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "partial"), Status::Pass);
        assert_eq!(status_of(&f, "none"), Status::Fail);
        set_account_bpa(&mut s, Fetched::Ok(Some(BPA_ALL)));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "none"), Status::Pass);
    }

    #[test]
    fn unreadable_levels_are_errors_unless_the_other_covers() {
        let mut s = snapshot();
        let mut unreadable = bucket("unreadable");
        unreadable.public_access_block = Fetched::Err(denied("s3", "GetBucketPublicAccessBlock"));
        let mut full = bucket("full");
        full.public_access_block = Fetched::Ok(Some(BPA_ALL));
        buckets(&mut s).extend([unreadable, full, bucket("none")]);
        // Account level unknown: the bucket with nothing configured cannot be judged either way...
        set_account_bpa(&mut s, Fetched::Err(denied("s3", "GetPublicAccessBlock")));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert_eq!(status_of(&f, "none"), Status::Error);
        assert!(message_of(&f, "none").contains("s3:GetPublicAccessBlock"), "{f:#?}");
        assert_eq!(status_of(&f, "full"), Status::Pass);
        // ...but a known-off account level with an unreadable bucket level is still unknown, and a
        // fully-on account level covers it.
        set_account_bpa(&mut s, Fetched::Ok(None));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert!(message_of(&f, "unreadable").contains("s3:GetBucketPublicAccessBlock"), "{f:#?}");
        set_account_bpa(&mut s, Fetched::Ok(Some(BPA_ALL)));
        assert_eq!(status_of(&run_check(CHECK, &s), "unreadable"), Status::Pass);
    }

    #[test]
    fn failed_bucket_list_is_one_account_error() {
        let mut s = snapshot();
        if let Some(s3) = s.s3.as_mut() {
            s3.buckets = Fetched::Err(denied("s3", "ListAllMyBuckets"));
        }
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
