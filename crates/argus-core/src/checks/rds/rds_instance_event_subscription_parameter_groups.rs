//! DB parameter groups have an RDS event subscription for configuration changes (FSBP RDS.21), judged per region. Metadata:
//! `checks/rds/rds_instance_event_subscription_parameter_groups.toml`; the shared logic is in `event_subscriptions.rs`.

use super::event_subscriptions::{judge, Present, Wanted};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_event_subscription_parameter_groups", run };

pub(crate) const WANTED: Wanted = Wanted {
    source_type: "db-parameter-group",
    source: "DB parameter group",
    categories: &["configuration change"],
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
