//! DB security groups have an RDS event subscription for configuration changes and failures (FSBP RDS.22), judged per region. Metadata:
//! `checks/rds/rds_instance_event_subscription_security_groups.toml`; the shared logic is in `event_subscriptions.rs`.

use super::event_subscriptions::{judge, Present, Wanted};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_event_subscription_security_groups", run };

pub(crate) const WANTED: Wanted = Wanted {
    source_type: "db-security-group",
    source: "DB security group",
    categories: &["configuration change", "failure"],
    judged_where: Present::Instances,
};

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge(ctx, out, &WANTED);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn the_categories_pass_others_fail_an_unreadable_listing_errors() {
        let mut s = snapshot();
        instances(&mut s).push(instance("db1"));
        event_subscriptions(&mut s).push(subscription("ops", "db-security-group", WANTED.categories));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Pass)]);
        event_subscriptions(&mut s)[0].event_categories = vec!["deletion".into()];
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Fail);
        assert!(finding_message(&f, REGION).contains("ops sends only other categories"), "{}", f[0].message);
        rds(&mut s).event_subscriptions = Fetched::Err(denied("rds", "DescribeEventSubscriptions"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Error);
        assert!(finding_message(&f, REGION).contains("DescribeEventSubscriptions"), "{}", f[0].message);
    }
}
