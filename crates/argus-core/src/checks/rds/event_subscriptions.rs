//! The RDS event-notification checks (FSBP RDS.19 to RDS.22): per region, whether the region's event
//! subscriptions send the critical events of one source type.
//!
//! The finding's resource is the region: a subscription is a regional setting that covers every
//! source of its type there. A region is judged only where it holds what the events are about (DB
//! instances, or DB clusters for the cluster check); a region without any has nothing to notify about
//! and gets no finding (the compliance views show it as nothing to evaluate).
//!
//! A subscription counts when it is enabled, can deliver (its status is not `no-permission`,
//! `topic-not-exist` or `deleting`), is of the source type or of every source type (no `SourceType`),
//! and is not limited to named sources (a source added later would not be covered). The categories
//! of the subscriptions that count are pooled: one subscription for `maintenance` and another for
//! `failure` together notify both. An empty category list means every category.

use crate::engine::{CheckContext, Findings};
use crate::snapshot::{Fetched, RdsEventSubscription};

/// What one check requires.
pub(crate) struct Wanted {
    /// The subscription source type (`db-instance`, `db-cluster`, ...).
    pub source_type: &'static str,
    /// The source as messages name it (`DB instance`).
    pub source: &'static str,
    /// The event categories that must be sent.
    pub categories: &'static [&'static str],
    /// Which listing decides whether the region has anything to notify about.
    pub judged_where: Present,
}

/// The RDS resources whose presence makes a region's subscriptions matter.
pub(crate) enum Present {
    Instances,
    Clusters,
}

/// Why a subscription of the wanted source type does not count.
fn shortfall(s: &RdsEventSubscription) -> Option<String> {
    if !s.enabled {
        return Some(format!("{} is disabled", s.id));
    }
    if let Some(status @ ("no-permission" | "topic-not-exist" | "deleting")) = s.status.as_deref() {
        return Some(format!("{} cannot deliver (status {status})", s.id));
    }
    if !s.source_ids.is_empty() {
        return Some(format!("{} is limited to {}", s.id, s.source_ids.join(", ")));
    }
    None
}

fn of_type(s: &RdsEventSubscription, source_type: &str) -> bool {
    s.source_type.as_deref().is_none_or(|t| t.eq_ignore_ascii_case(source_type))
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(crate) fn judge(ctx: &CheckContext<'_>, out: &mut Findings, wanted: &Wanted) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(rds) = &data.rds else { continue };
        let r = ctx.region_resource(region);
        let present = match wanted.judged_where {
            Present::Instances => rds.instances.as_result().map(|l| !l.is_empty()),
            Present::Clusters => rds.clusters.as_result().map(|l| !l.is_empty()),
        };
        let subscriptions = match (present, &rds.event_subscriptions) {
            (Ok(false), _) => continue,
            (Ok(true), Fetched::Ok(list)) => list,
            (listing, subscriptions) => {
                for e in [listing.err(), subscriptions.err()].into_iter().flatten() {
                    out.error(r.clone(), e);
                }
                continue;
            }
        };
        let candidates: Vec<&RdsEventSubscription> =
            subscriptions.iter().filter(|s| of_type(s, wanted.source_type)).collect();
        let (counting, falling_short): (Vec<&RdsEventSubscription>, Vec<_>) =
            candidates.iter().partition(|s| shortfall(s).is_none());
        let all_categories = counting.iter().any(|s| s.event_categories.is_empty());
        let missing: Vec<&str> = wanted
            .categories
            .iter()
            .copied()
            .filter(|want| {
                !all_categories
                    && !counting.iter().any(|s| s.event_categories.iter().any(|c| c.trim().eq_ignore_ascii_case(want)))
            })
            .collect();
        let wanted_list = and_list(wanted.categories);
        if missing.is_empty() {
            let ids: Vec<&str> = counting.iter().map(|s| s.id.as_str()).collect();
            out.pass(
                r,
                format_args!(
                    "RDS event subscription{} {} send{} {} events of the categor{} {wanted_list} in {region}.",
                    if ids.len() == 1 { "" } else { "s" },
                    and_list(&ids),
                    plural_verb(ids.len()),
                    wanted.source,
                    if wanted.categories.len() == 1 { "y" } else { "ies" },
                ),
            );
            continue;
        }
        let mut notes: Vec<String> = Vec::new();
        if !counting.is_empty() {
            let ids: Vec<&str> = counting.iter().map(|s| s.id.as_str()).collect();
            notes.push(format!("{} send{} only other categories", and_list(&ids), plural_verb(ids.len())));
        }
        notes.extend(falling_short.iter().filter_map(|s| shortfall(s)));
        let notes = match (subscriptions.len(), notes.is_empty()) {
            (0, _) => "the region has no event subscription".to_string(),
            (1, true) => "its one subscription is for another source type".to_string(),
            (n, true) => format!("its {n} subscriptions are for other source types"),
            (_, false) => notes.join("; "),
        };
        out.fail(
            r,
            format_args!(
                "No enabled RDS event subscription for every {} in {region} sends the event categor{} {} ({notes}); \
                 required: {wanted_list}.",
                wanted.source,
                if missing.len() == 1 { "y" } else { "ies" },
                and_list(&missing),
            ),
        );
    }
}

/// The verb ending for `n` subjects: `sends` / `send`.
fn plural_verb(n: usize) -> &'static str {
    if n == 1 {
        "s"
    } else {
        ""
    }
}

/// A check's PASS (a subscription with its categories), FAIL (only other categories) and ERROR (no
/// listing), on one DB resource of the kind it is judged for: the four subscription checks share it.
#[cfg(test)]
pub(super) fn assert_pass_fail_error(check: crate::engine::Check, wanted: &Wanted) {
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::testing::*;
    let mut s = snapshot();
    match wanted.judged_where {
        Present::Clusters => clusters(&mut s).push(cluster("c1")),
        Present::Instances => instances(&mut s).push(instance("db1")),
    }
    event_subscriptions(&mut s).push(subscription("ops", wanted.source_type, wanted.categories));
    let f = run_check(check, &s);
    assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Pass)]);
    event_subscriptions(&mut s)[0].event_categories = vec!["deletion".into()];
    let f = run_check(check, &s);
    assert_eq!(status_of(&f, REGION), Status::Fail);
    assert!(finding_message(&f, REGION).contains("ops sends only other categories"), "{}", f[0].message);
    rds(&mut s).event_subscriptions = Fetched::Err(denied("rds", "DescribeEventSubscriptions"));
    let f = run_check(check, &s);
    assert_eq!(status_of(&f, REGION), Status::Error);
    assert!(finding_message(&f, REGION).contains("DescribeEventSubscriptions"), "{}", f[0].message);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::checks::rds::rds_cluster_critical_event_subscription::CHECK as CLUSTER;
    use crate::checks::rds::rds_instance_critical_event_subscription::CHECK as INSTANCE;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn a_region_without_db_resources_is_not_judged() {
        let mut s = snapshot();
        assert!(run_check(INSTANCE, &s).is_empty());
        // A failed subscription listing does not matter where there is nothing to notify about.
        rds(&mut s).event_subscriptions = Fetched::Err(denied("rds", "DescribeEventSubscriptions"));
        assert!(run_check(CLUSTER, &s).is_empty());
        // Instances alone do not make the cluster check judge the region.
        instances(&mut s).push(instance("db1"));
        assert!(run_check(CLUSTER, &s).is_empty());
    }

    #[test]
    fn an_unreadable_resource_listing_errors_naming_every_failed_call() {
        let mut s = snapshot();
        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        rds(&mut s).event_subscriptions = Fetched::Err(denied("rds", "DescribeEventSubscriptions"));
        let f = run_check(INSTANCE, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
        let m = finding_message(&f, REGION);
        assert!(m.contains("DescribeDBInstances") && m.contains("DescribeEventSubscriptions"), "{m}");
    }

    #[test]
    fn categories_are_pooled_and_an_empty_list_or_no_source_type_means_all() {
        let mut s = snapshot();
        instances(&mut s).push(instance("db1"));
        event_subscriptions(&mut s).extend([
            subscription("maint", "db-instance", &["maintenance", "notification"]),
            subscription("rest", "db-instance", &["configuration change", "Failure"]),
        ]);
        let f = run_check(INSTANCE, &s);
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert!(finding_message(&f, REGION).contains("subscriptions maint and rest send"), "{}", f[0].message);
        *event_subscriptions(&mut s) = vec![subscription("all", "db-instance", &[])];
        assert_eq!(status_of(&run_check(INSTANCE, &s), REGION), Status::Pass);
        let mut any_source = subscription("everything", "x", &[]);
        any_source.source_type = None;
        *event_subscriptions(&mut s) = vec![any_source];
        assert_eq!(status_of(&run_check(INSTANCE, &s), REGION), Status::Pass);
    }

    #[test]
    fn disabled_limited_or_undeliverable_subscriptions_do_not_count() {
        let mut s = snapshot();
        instances(&mut s).push(instance("db1"));
        let all = WANTED_INSTANCE;
        let mut off = subscription("off", "db-instance", all);
        off.enabled = false;
        let mut one = subscription("one", "db-instance", all);
        one.source_ids = vec!["db1".into()];
        let mut gone = subscription("gone", "db-instance", all);
        gone.status = Some("topic-not-exist".into());
        *event_subscriptions(&mut s) = vec![off, one, gone, subscription("clusters", "db-cluster", &[])];
        let f = run_check(INSTANCE, &s);
        assert_eq!(status_of(&f, REGION), Status::Fail);
        let m = finding_message(&f, REGION);
        for part in ["off is disabled", "one is limited to db1", "gone cannot deliver (status topic-not-exist)"] {
            assert!(m.contains(part), "{m}");
        }
        assert!(m.contains("categories maintenance, configuration change and failure"), "{m}");
        *event_subscriptions(&mut s) = vec![subscription("clusters", "db-cluster", &[])];
        let m = finding_message(&run_check(INSTANCE, &s), REGION);
        assert!(m.contains("its one subscription is for another source type"), "{m}");
        event_subscriptions(&mut s).clear();
        let m = finding_message(&run_check(INSTANCE, &s), REGION);
        assert!(m.contains("the region has no event subscription"), "{m}");
    }

    #[test]
    fn a_missing_category_is_named() {
        let mut s = snapshot();
        clusters(&mut s).push(cluster("c1"));
        *event_subscriptions(&mut s) = vec![subscription("ops", "db-cluster", &["maintenance"])];
        let f = run_check(CLUSTER, &s);
        assert_eq!(status_of(&f, REGION), Status::Fail);
        let m = finding_message(&f, REGION);
        assert!(m.contains("sends the event category failure (ops sends only other categories)"), "{m}");
    }

    const WANTED_INSTANCE: &[&str] = &["maintenance", "configuration change", "failure"];
}
