//! Enabled customer managed keys are single-Region keys. Metadata:
//! `checks/kms/kms_cmk_not_multi_region.toml`.
//!
//! Only enabled keys are judged, as Prowler does: a disabled key or one pending deletion encrypts
//! nothing new, wherever its replicas are.

use super::{each_customer_key, key_label, missing_field};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "kms_cmk_not_multi_region", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_customer_key(ctx, out, |key, meta, r, out| {
        if meta.state.is_empty() {
            return out.error_message(r, missing_field(key, "KeyState"));
        }
        if meta.state != "Enabled" {
            return;
        }
        match meta.multi_region {
            Some(true) => out.fail(
                r,
                format_args!(
                    "Customer managed key {} is a multi-Region key: its key material is shared with its replicas in other Regions.",
                    key_label(key)
                ),
            ),
            Some(false) => out.pass(r, format_args!("Customer managed key {} is a single-Region key.", key_label(key))),
            None => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: the snapshot holds no MultiRegion flag for key {} (taken before argus kept DescribeKey's MultiRegion)",
                    key_label(key)
                ),
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::kms::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, KmsKeyMetadata};
    use crate::testing::*;

    #[test]
    fn enabled_multi_region_keys_fail() {
        let mut s = snapshot();
        let mut global = key("global");
        meta(&mut global).multi_region = Some(true);
        let mut disabled = key("disabled-global");
        meta(&mut disabled).multi_region = Some(true);
        meta(&mut disabled).state = "Disabled".into();
        let mut aws = aws_managed_key("aws");
        meta(&mut aws).multi_region = Some(true);
        keys(&mut s).extend([key("local"), global, disabled, aws]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "local"), Status::Pass);
        assert_eq!(status_of(&f, "global"), Status::Fail);
        assert_eq!(f.len(), 2, "disabled and AWS managed keys are not judged");
    }

    #[test]
    fn unknown_flag_state_or_listing_is_an_error() {
        let mut s = snapshot();
        let mut unknown = key("unknown");
        meta(&mut unknown).multi_region = None;
        let mut stateless = key("stateless");
        meta(&mut stateless).state = String::new();
        let mut unread = key("unread");
        unread.metadata = Fetched::Err(denied("kms", "DescribeKey"));
        keys(&mut s).extend([unknown, stateless, unread]);
        let f = run_check(CHECK, &s);
        for id in ["unknown", "stateless", "unread"] {
            assert_eq!(status_of(&f, id), Status::Error, "{id}");
        }
        region_mut(&mut s, REGION).kms.as_mut().unwrap().keys = Fetched::Err(denied("kms", "ListKeys"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }

    #[test]
    fn metadata_saved_before_argus_kept_the_flag_is_an_error() {
        let mut k = key("old");
        let mut json = serde_json::to_value(meta(&mut k).clone()).unwrap();
        json.as_object_mut().unwrap().remove("multi_region");
        let old: KmsKeyMetadata = serde_json::from_value(json).unwrap();
        assert_eq!(old.multi_region, None);
        k.metadata = Fetched::Ok(old);
        let mut s = snapshot();
        keys(&mut s).push(k);
        assert_eq!(status_of(&run_check(CHECK, &s), "old"), Status::Error);
    }
}
