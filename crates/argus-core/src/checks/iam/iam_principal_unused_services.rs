//! Every service a user's or role's policies grant was used within the configured number of days, per
//! IAM's service last-accessed report. Metadata: `checks/iam/iam_principal_unused_services.toml`.

use super::last_accessed::{for_each_principal_report, Principals, Use};
use crate::engine::{Check, CheckContext, Findings, Resource};
use crate::snapshot::ServiceLastAccessed;
use chrono::{DateTime, Utc};
use std::sync::Arc;

pub const CHECK: Check = Check { id: "iam_principal_unused_services", run };

/// The most stale services a message names one by one; the rest are counted.
const NAMED: usize = 20;

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let limit = ctx.config.max_unused_service_days;
    for_each_principal_report(ctx, out, Principals::UsersAndCustomerRoles, |out, p| {
        judge(ctx, out, p.resource, &p.who, p.created, p.services, limit)
    });
}

fn judge(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    r: Arc<Resource>,
    who: &str,
    created: Option<DateTime<Utc>>,
    services: &[ServiceLastAccessed],
    limit: i64,
) {
    let mut stale: Vec<(&ServiceLastAccessed, Use)> =
        services.iter().map(|s| (s, Use::of(ctx, s, created))).filter(|(_, u)| u.is_stale(limit)).collect();
    if services.is_empty() {
        out.pass(r, format_args!("{who}'s policies grant no AWS service."));
        return;
    }
    if stale.is_empty() {
        out.pass(
            r,
            format_args!(
                "{who} used every service its policies grant ({}) within the last {limit} days, or was created since.",
                services.len()
            ),
        );
        return;
    }
    stale.sort_by(|a, b| a.0.namespace.cmp(&b.0.namespace));
    let mut named: Vec<String> =
        stale.iter().take(NAMED).map(|(s, u)| format!("{} ({}, {})", s.namespace, s.name, u.phrase())).collect();
    if stale.len() > NAMED {
        named.push(format!("and {} more", stale.len() - NAMED));
    }
    out.fail(
        r,
        format_args!(
            "{who} holds {} of {} granted services unused for more than {limit} days: {}.",
            stale.len(),
            services.len(),
            named.join(", ")
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::super::last_accessed::fixtures::*;
    use super::super::policy_fixtures::{role, user};
    use super::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn verdict_per_principal() {
        let mut s = snapshot();
        let mut fresh = role("fresh");
        fresh.create_date = Some(days_ago(10));
        let mut linked = role("AWSServiceRoleForSupport");
        linked.path = "/aws-service-role/support.amazonaws.com/".into();
        auth(&mut s).users.extend([user("busy"), user("idle"), user("broken"), user("missing")]);
        auth(&mut s).roles.extend([role("stale-role"), fresh, role("empty"), linked]);
        report(&mut s, &user_arn("busy"), vec![service("s3", Some(3)), service("kms", Some(90))]);
        report(&mut s, &user_arn("idle"), vec![service("s3", Some(3)), service("ec2", Some(91)), service("kms", None)]);
        unreadable(&mut s, &user_arn("broken"));
        report(&mut s, &role_arn("stale-role"), vec![service("bedrock", None)]);
        report(&mut s, &role_arn("fresh"), vec![service("bedrock", None)]);
        report(&mut s, &role_arn("empty"), vec![]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "busy"), Status::Pass);
        assert_eq!(status_of(&f, "idle"), Status::Fail);
        assert_eq!(status_of(&f, "broken"), Status::Error);
        assert_eq!(status_of(&f, "missing"), Status::Error);
        assert_eq!(status_of(&f, "stale-role"), Status::Fail);
        assert_eq!(status_of(&f, "fresh"), Status::Pass);
        assert_eq!(status_of(&f, "empty"), Status::Pass);
        assert!(!f.iter().any(|x| x.resource.id == "AWSServiceRoleForSupport"));
        let idle = finding_message(&f, "idle");
        assert!(
            idle.contains("2 of 3 granted services")
                && idle.contains("ec2 (Service ec2, last used 91 days ago)")
                && idle.contains("kms (Service kms, never used)")
                && !idle.contains("s3 ("),
            "{idle}"
        );
        assert!(
            finding_message(&f, "missing").contains("no service last-accessed report was collected for user missing")
        );
        let config = Config { max_unused_service_days: 100, ..Config::default() };
        let f = run_with(CHECK, &s, &config);
        assert_eq!(status_of(&f, "idle"), Status::Fail, "kms was never used by a 400-day-old user");
        assert!(!finding_message(&f, "idle").contains("ec2"));
    }

    #[test]
    fn a_long_list_is_cut_and_counted() {
        let mut s = snapshot();
        auth(&mut s).users.push(user("hoarder"));
        report(&mut s, &user_arn("hoarder"), (0..25).map(|i| service(&format!("svc{i:02}"), None)).collect());
        let m = finding_message(&run_check(CHECK, &s), "hoarder");
        assert!(
            m.contains("25 of 25") && m.contains("svc19 (") && !m.contains("svc20 (") && m.contains("and 5 more"),
            "{m}"
        );
    }

    #[test]
    fn reports_not_collected_are_one_account_error() {
        let mut s = snapshot();
        auth(&mut s).users.push(user("busy"));
        iam(&mut s).service_last_accessed = Fetched::Err(denied("iam", "GenerateServiceLastAccessedDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
