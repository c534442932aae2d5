//! Customer managed keys are not scheduled for deletion. Metadata:
//! `checks/kms/kms_cmk_not_deleted_unintentionally.toml`.

use super::{each_customer_key, is_pending_deletion, key_label, missing_field};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "kms_cmk_not_deleted_unintentionally", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_customer_key(ctx, out, |key, meta, r, out| {
        if meta.state.is_empty() {
            return out.error_message(r, missing_field(key, "KeyState"));
        }
        if !is_pending_deletion(&meta.state) {
            return out.pass(
                r,
                format_args!("Customer managed key {} is not scheduled for deletion ({}).", key_label(key), meta.state),
            );
        }
        let when = match meta.deletion_date {
            Some(date) => {
                let days_left = -ctx.days_since(date);
                format!("on {} (in {days_left} days)", date.format("%Y-%m-%d"))
            }
            None => "(deletion date unknown)".to_string(),
        };
        out.fail(
            r,
            format_args!(
                "Customer managed key {} is scheduled for deletion {when}; data encrypted under it becomes unrecoverable then.",
                key_label(key)
            ),
        );
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
    fn pending_deletion_fails_with_the_date() {
        let mut s = snapshot();
        let mut doomed = key("doomed");
        meta(&mut doomed).state = "PendingDeletion".into();
        meta(&mut doomed).deletion_date = Some(days_ago(-7));
        let mut disabled = key("disabled");
        meta(&mut disabled).state = "Disabled".into();
        keys(&mut s).extend([key("kept"), doomed, disabled, aws_managed_key("aws")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "kept"), Status::Pass);
        assert_eq!(status_of(&f, "disabled"), Status::Pass);
        assert_eq!(status_of(&f, "doomed"), Status::Fail);
        let msg = &f.iter().find(|x| x.resource.id == "doomed").unwrap().message;
        assert!(msg.contains("on 2026-06-08 (in 7 days)"), "{msg}");
        assert_eq!(f.len(), 3);
    }

    #[test]
    fn unreadable_metadata_errors() {
        let mut s = snapshot();
        let mut k = key("k");
        k.metadata = Fetched::Err(denied("kms", "DescribeKey"));
        keys(&mut s).push(k);
        assert_eq!(status_of(&run_check(CHECK, &s), "k"), Status::Error);
    }
}
