//! All four account-level Block Public Access settings are on. Metadata: `checks/s3/s3_account_level_public_access_blocks.toml`.

use super::common::settings_off;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "s3_account_level_public_access_blocks", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(s3) = &ctx.snapshot.s3 else { return };
    let r = ctx.account_resource();
    match &s3.account_public_access_block {
        Fetched::Err(e) => out.error(r, e),
        Fetched::Ok(None) => out.fail(r, "The account has no account-level Block Public Access configuration."),
        Fetched::Ok(Some(c)) if c.all_enabled() => {
            out.pass(r, "All four account-level Block Public Access settings are on.")
        }
        Fetched::Ok(Some(c)) => out.fail(
            r,
            format_args!("Account-level Block Public Access is partial: {} off.", settings_off(Some(c)).join(", ")),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::s3::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::PublicAccessBlock;
    use crate::testing::*;

    #[test]
    fn all_four_on_passes() {
        let mut s = snapshot();
        set_account_bpa(&mut s, Fetched::Ok(Some(BPA_ALL)));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Pass)]);
    }

    #[test]
    fn missing_or_partial_fails() {
        let s = snapshot();
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Fail)]);
        let mut s = snapshot();
        set_account_bpa(
            &mut s,
            Fetched::Ok(Some(PublicAccessBlock {
                restrict_public_buckets: false,
                ignore_public_acls: false,
                ..BPA_ALL
            })),
        );
        let f = run_check(CHECK, &s);
        assert_eq!(f[0].status, Status::Fail);
        assert!(f[0].message.contains("IgnorePublicAcls, RestrictPublicBuckets off"), "{}", f[0].message);
    }

    #[test]
    fn unreadable_is_an_error() {
        let mut s = snapshot();
        set_account_bpa(&mut s, Fetched::Err(denied("s3", "GetPublicAccessBlock")));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
        assert!(f[0].message.contains("s3:GetPublicAccessBlock"), "{}", f[0].message);
    }

    #[test]
    fn judged_even_when_the_bucket_list_failed() {
        let mut s = snapshot();
        if let Some(s3) = s.s3.as_mut() {
            s3.buckets = Fetched::Err(denied("s3", "ListAllMyBuckets"));
        }
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Fail)]);
    }
}
