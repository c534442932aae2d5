//! A principal's permissions (its policies, its groups' policies, its boundary), which statements
//! grant a hop, and whether a resource or trust policy lets a given principal in.

use super::{DataTarget, Edge, Grant, Graph, NodeId, ResourcePolicy};
use crate::engine::FastMap;
use crate::policy::{
    Access, Effect, PermissionSet, Policy, Principal, PrincipalSpec, Request, Statement, StatementRef,
};
use crate::snapshot::{AttachedPolicy, AuthorizationDetails, InlinePolicy, ManagedPolicy, PolicyDocument};

/// The policies of one principal as the snapshot lists them.
pub(super) struct Holder<'a> {
    pub(super) attached: &'a [AttachedPolicy],
    pub(super) inline: &'a [InlinePolicy],
    /// `(group name, its attached policies, its inline policies)` for a user's groups.
    pub(super) groups: Vec<(&'a str, &'a [AttachedPolicy], &'a [InlinePolicy])>,
    pub(super) boundary: Option<&'a str>,
}

pub(super) fn parse(doc: &PolicyDocument) -> Result<Policy, String> {
    doc.policy().cloned().map_err(str::to_string)
}

/// The principal's permission set; a policy that cannot be read leaves a problem naming it (the
/// remaining policies still count, so a hop they grant is found, marked unverified).
pub(super) fn permissions_of(
    holder: &Holder<'_>,
    policies: &FastMap<&str, &ManagedPolicy>,
) -> super::PrincipalPermissions {
    permissions_with(holder, policies, None)
}

/// A version of a managed policy standing in for its default one.
pub(super) struct VersionSwap<'a> {
    pub(super) arn: &'a str,
    pub(super) version_id: &'a str,
    pub(super) document: &'a PolicyDocument,
}

/// [`permissions_of`], with one attached policy's document replaced by another of its versions (what
/// the principal would hold once that version is made the default).
pub(super) fn permissions_with(
    holder: &Holder<'_>,
    policies: &FastMap<&str, &ManagedPolicy>,
    swap: Option<&VersionSwap<'_>>,
) -> super::PrincipalPermissions {
    let mut set = PermissionSet::default();
    let mut problems: Vec<String> = Vec::new();
    let mut add = |set: &mut PermissionSet, label: String, doc: Option<&PolicyDocument>| match doc.map(parse) {
        Some(Ok(p)) => {
            set.add_policy(label, p);
        }
        Some(Err(e)) => problems.push(format!("policy {label} is malformed: {e}")),
        None => problems.push(format!("the document of policy {label} was not collected")),
    };
    let mut managed = |set: &mut PermissionSet, a: &AttachedPolicy, suffix: &str| match swap {
        Some(v) if v.arn == a.arn => add(set, format!("{} {}{suffix}", a.name, v.version_id), Some(v.document)),
        _ => {
            let doc = policies.get(a.arn.as_str()).and_then(|p| p.document.as_ref());
            add(set, format!("{}{suffix}", a.name), doc);
        }
    };
    for a in holder.attached {
        managed(&mut set, a, "");
    }
    for (group, attached, _) in &holder.groups {
        for a in *attached {
            managed(&mut set, a, &format!(" (group {group})"));
        }
    }
    for p in holder.inline {
        add(&mut set, format!("{} (inline)", p.name), Some(&p.document));
    }
    for (group, _, inline) in &holder.groups {
        for p in *inline {
            add(&mut set, format!("{} (inline, group {group})", p.name), Some(&p.document));
        }
    }
    if let Some(arn) = holder.boundary {
        match policies.get(arn).map(|p| (p.name.as_str(), p.document.as_ref().map(parse))) {
            Some((name, Some(Ok(p)))) => {
                set.set_boundary(format!("{name} (boundary)"), p);
            }
            Some((name, Some(Err(e)))) => problems.push(format!("boundary {name} is malformed: {e}")),
            _ => problems.push(format!("the permissions boundary {arn} was not collected")),
        }
    }
    super::PrincipalPermissions { permissions: set, problem: (!problems.is_empty()).then(|| problems.join("; ")) }
}

fn grant_of(set: &PermissionSet, r: &StatementRef) -> Grant {
    let policy = match r.source {
        crate::policy::PolicySource::Boundary => set.boundary().and_then(|b| b.name.clone()),
        crate::policy::PolicySource::Identity => {
            set.identity_policies().get(r.policy_index).and_then(|p| p.name.clone())
        }
    };
    Grant {
        policy: policy.unwrap_or_else(|| format!("policy #{}", r.policy_index)),
        statement: statement_label(r.sid.as_deref(), r.statement_index),
    }
}

pub(super) fn statement_label(sid: Option<&str>, index: usize) -> String {
    match sid {
        Some(sid) if !sid.is_empty() => sid.to_string(),
        _ => format!("#{index}"),
    }
}

/// Whether `access` allows, whether only conditionally, and the statements granting it.
pub(super) fn identity_grants(set: &PermissionSet, access: &Access) -> (bool, bool, Vec<Grant>) {
    match access {
        Access::Allowed { unconditional_on_any_resource, statements, .. } => {
            (true, !unconditional_on_any_resource, statements.iter().map(|r| grant_of(set, r)).collect())
        }
        _ => (false, false, Vec::new()),
    }
}

/// Like [`identity_grants`] for a request on one concrete resource: a grant scoped to exactly that
/// resource is as certain as one on `*`, so only Conditions and possible Denies make it conditional.
pub(super) fn identity_grants_on(set: &PermissionSet, action: &str, resource: &str) -> (bool, bool, Vec<Grant>) {
    identity_grants_of(set, &set.is_allowed_request(&Request::new(action, resource)))
}

/// [`identity_grants_on`] for an answer already asked of `set`.
pub(super) fn identity_grants_of(set: &PermissionSet, access: &Access) -> (bool, bool, Vec<Grant>) {
    let (allowed, _, grants) = identity_grants(set, access);
    let conditional = match access {
        Access::Allowed { statements, conditional_denies, .. } => {
            !conditional_denies.is_empty() || statements.iter().any(|r| has_conditions(set, r))
        }
        _ => false,
    };
    (allowed, conditional, grants)
}

fn has_conditions(set: &PermissionSet, r: &StatementRef) -> bool {
    let policy = match r.source {
        crate::policy::PolicySource::Boundary => set.boundary(),
        crate::policy::PolicySource::Identity => set.identity_policies().get(r.policy_index),
    };
    policy.and_then(|p| p.policy.statements.get(r.statement_index)).is_some_and(|s| !s.conditions.is_empty())
}

/// How a resource or trust policy statement names a principal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Names {
    /// Everyone (`*`, `NotPrincipal` without it).
    Everyone,
    /// Its account (the account id or root ARN): the account's own identity policies must also allow.
    Account,
    /// Its exact ARN: within the account this grants on its own.
    Exactly,
}

/// Who a principal is, for matching the Principal element of a resource policy.
pub(super) struct Who<'a> {
    pub(super) arn: &'a str,
    pub(super) account: &'a str,
    pub(super) partition: &'a str,
}

fn names(p: &Principal, who: &Who<'_>) -> Option<Names> {
    match p {
        Principal::Any => Some(Names::Everyone),
        Principal::Aws(s) => {
            let s: &str = s;
            if s == who.arn {
                Some(Names::Exactly)
            } else if s == who.account || s == format!("arn:{}:iam::{}:root", who.partition, who.account) {
                Some(Names::Account)
            } else if (s.contains('*') || s.contains('?')) && crate::policy::resource_matches(s, who.arn) {
                Some(Names::Everyone)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// How strongly the statement's Principal element names `who` (`None`: not at all).
pub(super) fn statement_names(st: &Statement, who: &Who<'_>) -> Option<Names> {
    match st.principals.as_ref()? {
        PrincipalSpec::Principal(list) => list.iter().filter_map(|p| names(p, who)).max(),
        PrincipalSpec::NotPrincipal(list) => list.iter().all(|p| names(p, who).is_none()).then_some(Names::Everyone),
    }
}

/// Does the statement name this AWS service principal (`lambda.amazonaws.com`)?
pub(super) fn names_service(st: &Statement, service: &str) -> bool {
    matches!(&st.principals, Some(PrincipalSpec::Principal(list))
        if list.iter().any(|p| matches!(p, Principal::Service(s) if s.eq_ignore_ascii_case(service))))
}

/// What a resource policy says to `who` about `action` on `resource`.
pub(super) struct PolicyVerdict {
    /// An unconditional Deny naming it: the hop is closed.
    pub(super) denied: bool,
    /// The strongest way an applicable Allow names it, with that statement.
    pub(super) allowed: Option<(Names, Grant, bool)>,
}

/// Judges `action` on `resource` for `who` by the statements of a resource policy that name it.
pub(super) fn resource_policy_verdict(
    policy: &Policy,
    label: &str,
    who: &Who<'_>,
    action: &str,
    resource: &str,
) -> PolicyVerdict {
    let mut verdict = PolicyVerdict { denied: false, allowed: None };
    for (i, st) in policy.statements.iter().enumerate() {
        let Some(named) = statement_names(st, who) else { continue };
        if !st.matches_action(action) || !st.matches_resource(resource) {
            continue;
        }
        let grant = Grant { policy: label.to_string(), statement: statement_label(st.sid.as_deref(), i) };
        match st.effect {
            Effect::Deny => {
                // Only a Deny certain to apply closes the hop; a conditional one leaves it possible.
                if denies_whole(st, action, resource) {
                    verdict.denied = true;
                }
            }
            Effect::Allow => {
                let conditional = !st.conditions.is_empty();
                if verdict.allowed.as_ref().is_none_or(|(n, _, c)| (named, !conditional) > (*n, !*c)) {
                    verdict.allowed = Some((named, grant, conditional));
                }
            }
        }
    }
    verdict
}

/// The Deny statement certainly covers the whole request (every action and resource it may name),
/// as `PermissionSet` decides a hard Deny.
fn denies_whole(st: &Statement, action: &str, resource: &str) -> bool {
    let alone = PermissionSet::from_policy(&Policy { version: None, id: None, statements: vec![st.clone()].into() });
    matches!(alone.is_allowed(action, resource), Access::Denied { .. })
}

impl Graph {
    /// The edge principal `from` → data `target` for `action` on `resource`, if its identity
    /// permissions and the resource's policy let it through.
    pub(super) fn data_edge(&self, from: NodeId, target: &DataTarget, action: &str, resource: &str) -> Option<Edge> {
        let p = self.principals.get(&from)?;
        let node = &self.nodes[from];
        let who = Who { arn: &node.arn, account: &self.account, partition: &self.partition };
        let access = p.permissions.is_allowed_request(&Request::new(action, resource));
        if matches!(access, Access::Denied { .. }) {
            return None;
        }
        let (allowed, mut conditional, mut grants) = identity_grants_of(&p.permissions, &access);
        let mut missing = p.problem.clone();
        let through = match &target.policy {
            ResourcePolicy::None => allowed,
            ResourcePolicy::Unknown(cause) => {
                if allowed {
                    missing = Some(cause.clone());
                }
                allowed
            }
            ResourcePolicy::Parsed(policy, label) => {
                let v = resource_policy_verdict(policy, label, &who, action, resource);
                if v.denied {
                    return None;
                }
                match v.allowed {
                    // Within the account a policy naming the principal grants on its own; naming
                    // the account delegates to identity policies.
                    Some((Names::Exactly, grant, c)) | Some((Names::Everyone, grant, c)) => {
                        conditional |= c && !allowed;
                        grants.push(grant);
                        true
                    }
                    _ => allowed,
                }
            }
            ResourcePolicy::Key(policy, label) => {
                let v = resource_policy_verdict(policy, label, &who, action, resource);
                if v.denied {
                    return None;
                }
                match v.allowed {
                    Some((Names::Account, grant, c)) if allowed => {
                        conditional |= c;
                        grants.push(grant);
                        true
                    }
                    Some((Names::Exactly | Names::Everyone, grant, c)) => {
                        conditional |= c;
                        grants.push(grant);
                        true
                    }
                    _ => false,
                }
            }
        };
        through.then(|| Edge {
            from,
            to: target.node,
            via: action.to_string(),
            method: None,
            grants,
            conditional,
            missing,
        })
    }
}

/// Policies by ARN (the first of duplicates, as a linear search finds it).
pub(super) fn policies_by_arn(details: &AuthorizationDetails) -> FastMap<&str, &ManagedPolicy> {
    let mut map = FastMap::default();
    for p in &details.policies {
        map.entry(p.arn.as_str()).or_insert(p);
    }
    map
}
