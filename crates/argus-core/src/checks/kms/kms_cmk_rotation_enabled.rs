//! Enabled symmetric customer managed keys have automatic rotation on. Metadata:
//! `checks/kms/kms_cmk_rotation_enabled.toml`.
//!
//! Skipped (no finding), each on a value DescribeKey returned: AWS managed keys, asymmetric and
//! HMAC keys, keys not in the `Enabled` state, and keys with imported or custom-key-store material
//! (origin other than `AWS_KMS`). A reply without the state or spec, or an eligible key without a
//! rotation status, is an ERROR.

use super::{each_customer_key, key_label, missing_field};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "kms_cmk_rotation_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_customer_key(ctx, out, |key, meta, r, out| {
        if meta.spec.is_empty() {
            return out.error_message(r, missing_field(key, "KeySpec"));
        }
        if meta.state.is_empty() {
            return out.error_message(r, missing_field(key, "KeyState"));
        }
        // CreateKey's default origin is AWS_KMS.
        let kms_material = meta.origin.as_deref().is_none_or(|o| o.is_empty() || o == "AWS_KMS");
        if !meta.is_symmetric_encryption() || meta.state != "Enabled" || !kms_material {
            return;
        }
        match &key.rotation_enabled {
            None => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: the rotation status of key {} was not collected (kms:GetKeyRotationStatus)",
                    key_label(key)
                ),
            ),
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
        let mut aws = aws_managed_key("aws");
        aws.rotation_enabled = Some(Fetched::Ok(false));
        keys(&mut s).extend([key("on"), off, unreadable, asymmetric, disabled, imported, aws]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "on"), Status::Pass);
        assert_eq!(status_of(&f, "off"), Status::Fail);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert_eq!(f.len(), 3, "other keys are skipped: {f:#?}");
    }

    #[test]
    fn a_symmetric_key_whose_reply_omits_its_usage_is_still_judged() {
        // DescribeKey may leave KeyUsage out (moto does for a key created without one); a
        // SYMMETRIC_DEFAULT key can only be ENCRYPT_DECRYPT.
        let mut s = snapshot();
        let mut on = key("on");
        meta(&mut on).usage = String::new();
        let mut off = key("off");
        meta(&mut off).usage = String::new();
        off.rotation_enabled = Some(Fetched::Ok(false));
        keys(&mut s).extend([on, off]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "on"), Status::Pass);
        assert_eq!(status_of(&f, "off"), Status::Fail);
    }

    #[test]
    fn an_empty_origin_is_the_default_aws_kms() {
        let mut s = snapshot();
        let mut k = key("k");
        meta(&mut k).origin = Some(String::new());
        k.rotation_enabled = Some(Fetched::Ok(false));
        keys(&mut s).push(k);
        assert_eq!(status_of(&run_check(CHECK, &s), "k"), Status::Fail);
    }

    #[test]
    fn an_eligible_key_without_a_collected_rotation_status_errors() {
        // A snapshot written before the usage was inferred holds no rotation status for such a key.
        let mut s = snapshot();
        let mut k = key("k");
        meta(&mut k).usage = String::new();
        k.rotation_enabled = None;
        keys(&mut s).push(k);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "k"), Status::Error);
        assert!(f[0].message.contains("GetKeyRotationStatus"), "{}", f[0].message);
    }

    #[test]
    fn a_key_whose_spec_or_state_is_missing_errors_naming_the_field() {
        let mut s = snapshot();
        let mut no_spec = key("no-spec");
        meta(&mut no_spec).spec = String::new();
        let mut no_state = key("no-state");
        meta(&mut no_state).state = String::new();
        let mut no_manager = key("no-manager");
        meta(&mut no_manager).manager = String::new();
        keys(&mut s).extend([no_spec, no_state, no_manager]);
        let f = run_check(CHECK, &s);
        for (id, field) in [("no-spec", "KeySpec"), ("no-state", "KeyState"), ("no-manager", "KeyManager")] {
            assert_eq!(status_of(&f, id), Status::Error);
            let m = &f.iter().find(|x| x.resource.id == id).unwrap().message;
            assert!(m.contains(field), "{id}: {m}");
        }
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
