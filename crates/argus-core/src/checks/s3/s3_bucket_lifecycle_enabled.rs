//! The bucket has at least one enabled lifecycle rule. Metadata: `checks/s3/s3_bucket_lifecycle_enabled.toml`.

use super::bucket_resource;
use super::common::each_bucket;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "s3_bucket_lifecycle_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |_, b, out| {
        let r = bucket_resource(ctx, b);
        let rules = match &b.lifecycle_rules {
            Fetched::Err(e) => return out.error(r, e),
            Fetched::Ok(rules) => rules,
        };
        let enabled: Vec<&str> =
            rules.iter().filter(|l| l.status == "Enabled").map(|l| l.id.as_deref().unwrap_or("(unnamed)")).collect();
        if !enabled.is_empty() {
            out.pass(r, format_args!("Lifecycle rules enabled: {}.", enabled.join(", ")))
        } else if rules.is_empty() {
            out.fail(r, "The bucket has no lifecycle configuration.")
        } else {
            out.fail(r, format_args!("All {} lifecycle rule(s) of the bucket are disabled.", rules.len()))
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::LifecycleRule;
    use crate::testing::*;

    fn rule(id: &str, status: &str) -> LifecycleRule {
        LifecycleRule { id: Some(id.into()), status: status.into() }
    }

    #[test]
    fn an_enabled_rule_passes_none_or_disabled_fail_unreadable_errors() {
        let mut s = snapshot();
        let mut on = bucket("on");
        on.lifecycle_rules = Fetched::Ok(vec![rule("old", "Disabled"), rule("expire", "Enabled")]);
        let mut disabled = bucket("disabled");
        disabled.lifecycle_rules = Fetched::Ok(vec![rule("old", "Disabled")]);
        let mut unreadable = bucket("unreadable");
        unreadable.lifecycle_rules = Fetched::Err(denied("s3", "GetBucketLifecycleConfiguration"));
        buckets(&mut s).extend([on, disabled, bucket("none"), unreadable]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "on"), Status::Pass);
        assert_eq!(finding_message(&f, "on"), "Lifecycle rules enabled: expire.");
        assert_eq!(status_of(&f, "disabled"), Status::Fail);
        assert!(finding_message(&f, "disabled").contains("disabled"));
        assert_eq!(status_of(&f, "none"), Status::Fail);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
    }
}
