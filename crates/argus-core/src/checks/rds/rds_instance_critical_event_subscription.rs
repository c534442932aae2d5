//! DB instances have an RDS event subscription for critical instance events (FSBP RDS.20), judged per region. Metadata:
//! `checks/rds/rds_instance_critical_event_subscription.toml`; the shared logic is in `event_subscriptions.rs`.

use super::event_subscriptions::{judge, Present, Wanted};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_critical_event_subscription", run };

pub(crate) const WANTED: Wanted = Wanted {
    source_type: "db-instance",
    source: "DB instance",
    categories: &["maintenance", "configuration change", "failure"],
    judged_where: Present::Instances,
};

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge(ctx, out, &WANTED);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_categories_pass_others_fail_an_unreadable_listing_errors() {
        super::super::event_subscriptions::assert_pass_fail_error(CHECK, &WANTED);
    }
}
