//! Customer managed keys are enabled (not left disabled and unused). Metadata:
//! `checks/kms/kms_cmk_are_used.toml`.
//!
//! Keys pending deletion are left to `kms_cmk_not_deleted_unintentionally`; any other state than
//! `Enabled` (Disabled, PendingImport, Unavailable…) FAILs with the state named.

use super::{each_customer_key, is_pending_deletion, key_label, missing_field};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "kms_cmk_are_used", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_customer_key(ctx, out, |key, meta, r, out| match meta.state.as_str() {
        "Enabled" => out.pass(r, format_args!("Customer managed key {} is enabled.", key_label(key))),
        "" => out.error_message(r, missing_field(key, "KeyState")),
        state if is_pending_deletion(state) => {}
        "Disabled" => {
            out.fail(r, format_args!("Customer managed key {} is disabled and cannot be used.", key_label(key)))
        }
        state => out.fail(r, format_args!("Customer managed key {} is not usable (state {state}).", key_label(key))),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::kms::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn enabled_passes_disabled_fails_pending_deletion_skipped() {
        let mut s = snapshot();
        let mut disabled = key("disabled");
        meta(&mut disabled).state = "Disabled".into();
        let mut doomed = key("doomed");
        meta(&mut doomed).state = "PendingDeletion".into();
        let mut broken = key("broken");
        broken.metadata = Fetched::Err(denied("kms", "DescribeKey"));
        keys(&mut s).extend([key("enabled"), disabled, doomed, broken, aws_managed_key("aws")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "enabled"), Status::Pass);
        assert_eq!(status_of(&f, "disabled"), Status::Fail);
        assert_eq!(status_of(&f, "broken"), Status::Error);
        assert_eq!(f.len(), 3);
    }
}
