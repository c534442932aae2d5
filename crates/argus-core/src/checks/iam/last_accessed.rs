//! Helpers shared by the checks that read IAM's service last-accessed reports (Access Advisor): the
//! services a principal's policies grant and when it last used each.

use super::policy_common::{auth_details, role_resource, user_resource};
use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, ServiceLastAccessed};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Arc;

/// The reports of one account, by principal ARN.
pub(crate) struct Reports<'a> {
    by_arn: HashMap<&'a str, &'a Fetched<Vec<ServiceLastAccessed>>>,
}

/// The reports, or `None` after one account-level ERROR when they were not collected (or `None`
/// without a finding when IAM was not collected at all: the engine skips the check then).
pub(crate) fn reports<'a>(ctx: &'a CheckContext<'_>, out: &mut Findings) -> Option<Reports<'a>> {
    let iam = ctx.snapshot.iam.as_ref()?;
    match &iam.service_last_accessed {
        Fetched::Ok(list) => Some(Reports { by_arn: list.iter().map(|p| (p.arn.as_str(), &p.services)).collect() }),
        Fetched::Err(e) => {
            out.error(ctx.account_resource(), e);
            None
        }
    }
}

impl<'a> Reports<'a> {
    /// The services of the principal `arn`, or `None` after an ERROR finding about `resource` when its
    /// report could not be read or was not collected.
    pub(crate) fn of(
        &self,
        arn: &str,
        what: &str,
        resource: &Arc<Resource>,
        out: &mut Findings,
    ) -> Option<&'a [ServiceLastAccessed]> {
        match self.by_arn.get(arn) {
            Some(Fetched::Ok(services)) => Some(services),
            Some(Fetched::Err(e)) => {
                out.error(resource.clone(), e);
                None
            }
            None => {
                out.error_message(
                    resource.clone(),
                    format_args!("could not be evaluated: no service last-accessed report was collected for {what}"),
                );
                None
            }
        }
    }
}

/// Which principals a check judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Principals {
    Users,
    Roles,
    /// Users, then roles other than service-linked ones (AWS's, not the customer's to trim).
    UsersAndCustomerRoles,
}

/// One principal's report, as a check sees it.
pub(crate) struct PrincipalReport<'a> {
    pub resource: Arc<Resource>,
    /// "User alice", "Role app".
    pub who: String,
    pub created: Option<DateTime<Utc>>,
    pub services: &'a [ServiceLastAccessed],
}

/// Calls `judge` with the report of every principal of `which`, after the account-level and
/// per-principal ERRORs for reports that could not be read (IAM's authorization details included).
pub(crate) fn for_each_principal_report(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    which: Principals,
    mut judge: impl FnMut(&mut Findings, PrincipalReport<'_>),
) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    let Some(reports) = reports(ctx, out) else {
        return;
    };
    let mut one = |out: &mut Findings, resource: Arc<Resource>, kind: &str, name: &str, arn: &str, created| {
        if let Some(services) = reports.of(arn, &format!("{} {name}", kind.to_lowercase()), &resource, out) {
            judge(out, PrincipalReport { resource, who: format!("{kind} {name}"), created, services });
        }
    };
    if which != Principals::Roles {
        for u in &details.users {
            one(out, user_resource(u), "User", &u.name, &u.arn, u.create_date);
        }
    }
    if which != Principals::Users {
        let customer_only = which == Principals::UsersAndCustomerRoles;
        for role in details.roles.iter().filter(|r| !(customer_only && r.is_service_linked())) {
            one(out, role_resource(role), "Role", &role.name, &role.arn, role.create_date);
        }
    }
}

/// How long a granted service has gone unused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    /// Last used this many days ago.
    DaysAgo(i64),
    /// Not used within IAM's tracking period (400 days) since the principal was created this many days
    /// ago (`None`: creation date unknown).
    Never(Option<i64>),
}

impl Use {
    pub(crate) fn of(ctx: &CheckContext<'_>, service: &ServiceLastAccessed, created: Option<DateTime<Utc>>) -> Use {
        match service.last_authenticated {
            Some(t) => Use::DaysAgo(ctx.days_since(t)),
            None => Use::Never(created.map(|c| ctx.days_since(c))),
        }
    }

    /// Unused for more than `limit` days. A service never used by a principal created within the last
    /// `limit` days is not stale yet: it has not had the time.
    pub(crate) fn is_stale(self, limit: i64) -> bool {
        match self {
            Use::DaysAgo(days) => days > limit,
            Use::Never(Some(age)) => age > limit,
            Use::Never(None) => true,
        }
    }

    /// "last used 120 days ago" / "never used".
    pub(crate) fn phrase(self) -> String {
        match self {
            Use::DaysAgo(days) => format!("last used {days} days ago"),
            Use::Never(_) => "never used".to_string(),
        }
    }
}

/// The verdict of the Prowler checks about one service (`namespace`, e.g. `bedrock`) of one principal
/// (`who`: "User alice"); nothing when its policies do not grant the service.
#[allow(clippy::too_many_arguments)]
pub(crate) fn judge_one_service(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    resource: Arc<Resource>,
    who: &str,
    created: Option<DateTime<Utc>>,
    services: &[ServiceLastAccessed],
    (namespace, display): (&str, &str),
    limit: i64,
) {
    let Some(service) = services.iter().find(|s| s.namespace == namespace) else {
        // A service IAM named without its prefix could be this one.
        if let Some(unnamed) = services.iter().find(|s| s.namespace.is_empty()) {
            out.error_message(
                resource,
                format_args!(
                    "could not be evaluated: {who}'s service last-accessed report lists a service without its namespace ({:?})",
                    unnamed.name
                ),
            );
        }
        return;
    };
    match Use::of(ctx, service, created) {
        Use::DaysAgo(days) if days > limit => out.fail(
            resource,
            format_args!("{who} has {display} permissions and has not used them for {days} days (threshold: {limit} days)."),
        ),
        Use::DaysAgo(days) => out.pass(
            resource,
            format_args!("{who} used its {display} permissions {days} days ago (threshold: {limit} days)."),
        ),
        Use::Never(Some(age)) if age <= limit => out.pass(
            resource,
            format_args!(
                "{who} has {display} permissions it has not used yet, and was created {age} days ago (threshold: {limit} days)."
            ),
        ),
        Use::Never(_) => out.fail(
            resource,
            format_args!("{who} has {display} permissions but has never used them (threshold: {limit} days)."),
        ),
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use crate::snapshot::{PrincipalServiceAccess, ServiceLastAccessed, Snapshot};
    use crate::testing::*;

    /// A service of a report, last used `days` ago (`None`: never).
    pub(crate) fn service(namespace: &str, days: Option<i64>) -> ServiceLastAccessed {
        ServiceLastAccessed {
            namespace: namespace.into(),
            name: format!("Service {namespace}"),
            last_authenticated: days.map(days_ago),
            last_authenticated_region: days.map(|_| REGION.to_string()),
        }
    }

    /// Adds the report of principal `arn`.
    pub(crate) fn report(s: &mut Snapshot, arn: &str, services: Vec<ServiceLastAccessed>) {
        list(&mut iam(s).service_last_accessed)
            .push(PrincipalServiceAccess { arn: arn.into(), services: crate::snapshot::Fetched::Ok(services) });
    }

    /// Records that the report of principal `arn` could not be read.
    pub(crate) fn unreadable(s: &mut Snapshot, arn: &str) {
        list(&mut iam(s).service_last_accessed).push(PrincipalServiceAccess {
            arn: arn.into(),
            services: crate::snapshot::Fetched::Err(denied("iam", "GetServiceLastAccessedDetails")),
        });
    }

    pub(crate) fn user_arn(name: &str) -> String {
        format!("arn:aws:iam::{ACCOUNT}:user/{name}")
    }

    pub(crate) fn role_arn(name: &str) -> String {
        format!("arn:aws:iam::{ACCOUNT}:role/{name}")
    }
}
