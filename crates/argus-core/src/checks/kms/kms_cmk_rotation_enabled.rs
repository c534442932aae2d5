//! Enabled symmetric customer managed keys have automatic rotation on. Metadata:
//! `checks/kms/kms_cmk_rotation_enabled.toml`.
//!
//! Skipped (no finding): AWS managed keys, asymmetric and HMAC keys, keys not in the `Enabled`
//! state, keys with imported or custom-key-store material (origin other than `AWS_KMS`), and keys
//! whose rotation status the collector marked not applicable.

use super::{each_customer_key, key_label};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "kms_cmk_rotation_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_customer_key(ctx, out, |key, meta, r, out| {
        let kms_material = meta.origin.as_deref().is_none_or(|o| o == "AWS_KMS");
        if !meta.is_symmetric_encryption() || meta.state != "Enabled" || !kms_material {
            return;
        }
        match &key.rotation_enabled {
            None => {}
            Some(Fetched::Ok(true)) => {
                out.pass(r, format_args!("Automatic rotation is enabled for customer managed key {}.", key_label(key)))
            }
            Some(Fetched::Ok(false)) => {
                out.fail(r, format_args!("Automatic rotation is disabled for customer managed key {}.", key_label(key)))
            }
            Some(Fetched::Err(e)) => out.error(r, e),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::kms::fixtures::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn rotation_status_decides_for_eligible_keys() {
        let mut s = snapshot();
        let mut off = key("off");
        off.rotation_enabled = Some(Fetched::Ok(false));
        let mut unreadable = key("unreadable");
        unreadable.rotation_enabled = Some(Fetched::Err(denied("kms", "GetKeyRotationStatus")));
        let mut asymmetric = key("asym");
        meta(&mut asymmetric).spec = "RSA_2048".into();
        asymmetric.rotation_enabled = Some(Fetched::Ok(false));
        let mut disabled = key("disabled");
        meta(&mut disabled).state = "Disabled".into();
        disabled.rotation_enabled = Some(Fetched::Ok(false));
        let mut imported = key("imported");
        meta(&mut imported).origin = Some("EXTERNAL".into());
        imported.rotation_enabled = Some(Fetched::Ok(false));
        let mut not_applicable = key("na");
        not_applicable.rotation_enabled = None;
        let mut aws = aws_managed_key("aws");
        aws.rotation_enabled = Some(Fetched::Ok(false));
        keys(&mut s).extend([key("on"), off, unreadable, asymmetric, disabled, imported, not_applicable, aws]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "on"), Status::Pass);
        assert_eq!(status_of(&f, "off"), Status::Fail);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert_eq!(f.len(), 3, "other keys are skipped: {f:#?}");
    }

    #[test]
    fn metadata_or_listing_failures_error() {
        let mut s = snapshot();
        let mut k = key("k");
        k.metadata = Fetched::Err(denied("kms", "DescribeKey"));
        let mut aws = aws_managed_key("aws");
        aws.metadata = Fetched::Err(denied("kms", "DescribeKey"));
        keys(&mut s).extend([k, aws]);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![("k".to_string(), Status::Error)]);

        region_mut(&mut s, REGION).kms.as_mut().unwrap().keys = Fetched::Err(denied("kms", "ListKeys"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
