//! The verdicts of the two per-policy escalation checks, taken from the principal-level analysis of
//! the attack graph (`crate::paths`): a policy FAILs where some principal holding it can really
//! become administrator through a hop it grants (alone, or together with the principal's other
//! policies), naming the principal and the path (a path through data argus could not read counts,
//! marked not verified); a policy that grants a method on its own but that no holder can use (not attached, denied by another policy, stopped by a boundary, scoped to
//! resources that lead nowhere) is a lower-severity "potential" FAIL.

use super::policy_common::{attachment_phrase, escalation_problem, list, malformed, policy_resource, Iam, Principal};
use crate::engine::{CheckContext, Findings, Severity};
use crate::paths::{Graph, Path};
use crate::policy::Policy;
use crate::snapshot::{AuthorizationDetails, User};
use std::collections::HashMap;

/// Severity of an escalation no principal can use today.
const POTENTIAL: Severity = Severity::Low;

/// How many principals' paths a message spells out.
const MAX_SHOWN: usize = 3;

/// A principal holding a policy: its ARN, how messages name it, and the label the graph gives the
/// policy among the principal's grants (`name`, `name (group g)`, `name (inline)`, ...).
struct Holder {
    arn: String,
    title: String,
    label: String,
}

/// Each principal holding `policy` (users through their groups too) with the path it escalates by.
fn escalations(graph: &Graph, holders: Vec<Holder>) -> Vec<(Holder, Path)> {
    holders
        .into_iter()
        .filter_map(|h| {
            let node = graph.find(&h.arn)?;
            let path = graph.escalation_through(node, |g| g.policy == h.label)?;
            Some((h, path))
        })
        .collect()
}

/// "user alice: user alice -> admin (iam-002) [...]; role ci: ...", at most [`MAX_SHOWN`]; a path
/// through data argus could not read says so (it is reported, not dropped: invariant 3).
fn render(graph: &Graph, used: &[(Holder, Path)]) -> String {
    let mut shown: Vec<String> = used
        .iter()
        .take(MAX_SHOWN)
        .map(|(h, p)| match p.is_known() {
            true => format!("{}: {}", h.title, p.render(graph)),
            false => format!("{}: {} (not verified: {})", h.title, p.render(graph), p.missing().join("; ")),
        })
        .collect();
    if used.len() > MAX_SHOWN {
        shown.push(format!("and {} more", used.len() - MAX_SHOWN));
    }
    shown.join("; ")
}

/// Each group's member users, by group name.
type Members<'a> = HashMap<&'a str, Vec<&'a User>>;

fn group_members<'a>(details: &'a AuthorizationDetails) -> Members<'a> {
    let mut members: Members<'a> = HashMap::new();
    for u in &details.users {
        for g in &u.groups {
            members.entry(g.as_str()).or_default().push(u);
        }
    }
    members
}

/// For each managed policy ARN, the users, groups' member users and roles holding it (one pass over
/// the principals, not one per policy).
fn managed_holders<'a>(details: &'a AuthorizationDetails, members: &Members<'_>) -> HashMap<&'a str, Vec<Holder>> {
    let mut out: HashMap<&str, Vec<Holder>> = HashMap::new();
    for principal in Principal::all(details) {
        let (attached, title, arn) = match principal {
            Principal::User(u) => (&u.attached_policies, format!("user {}", u.name), &u.arn),
            Principal::Role(r) => (&r.attached_policies, format!("role {}", r.name), &r.arn),
            Principal::Group(g) => {
                for a in &g.attached_policies {
                    let label = format!("{} (group {})", a.name, g.name);
                    out.entry(a.arn.as_str()).or_default().extend(of_group(members, &g.name, &label));
                }
                continue;
            }
        };
        for a in attached {
            out.entry(a.arn.as_str()).or_default().push(Holder {
                arn: arn.clone(),
                title: title.clone(),
                label: a.name.clone(),
            });
        }
    }
    out
}

/// The users of group `group`, each holding a policy labelled `label`.
fn of_group(members: &Members<'_>, group: &str, label: &str) -> Vec<Holder> {
    members
        .get(group)
        .into_iter()
        .flatten()
        .map(|u| Holder { arn: u.arn.clone(), title: format!("user {}", u.name), label: label.to_string() })
        .collect()
}

/// One finding per customer managed policy.
pub(crate) fn judge_managed(ctx: &CheckContext<'_>, details: Iam<'_>, out: &mut Findings) {
    let graph = ctx.attack_graph();
    let members = group_members(&details);
    let mut holders = managed_holders(&details, &members);
    for p in details.policies.iter().filter(|p| !p.is_aws_managed()) {
        let r = policy_resource(p);
        let policy = match details.managed(p) {
            Ok(policy) => policy,
            Err(e) => {
                out.error_message(r, malformed(&p.name, e));
                continue;
            }
        };
        let alone = escalation_problem(policy);
        let used = escalations(graph, holders.remove(p.arn.as_str()).unwrap_or_default());
        let name = &p.name;
        match (used.is_empty(), alone) {
            (false, alone) => out.fail(
                r,
                format_args!(
                    "Customer managed policy {name} {}: {} principal(s) holding it can become administrator through it: {}.",
                    alone.as_deref().unwrap_or("grants a hop of a privilege escalation together with the principal's other policies"),
                    used.len(),
                    render(graph, &used)
                ),
            ),
            (true, Some(what)) => out.fail_at(
                POTENTIAL,
                r,
                format_args!(
                    "Customer managed policy {name} {what}, but no principal holding it can use it to become administrator as the account stands ({}): potential escalation.",
                    attachment_phrase(details, p)
                ),
            ),
            (true, None) => out.pass(
                r,
                format_args!(
                    "Customer managed policy {name} ({}): no known privilege-escalation method.",
                    attachment_phrase(details, p)
                ),
            ),
        }
    }
}

/// One finding per user, group and role with inline policies.
pub(crate) fn judge_inline(ctx: &CheckContext<'_>, details: Iam<'_>, out: &mut Findings) {
    let graph = ctx.attack_graph();
    let members = group_members(&details);
    for principal in Principal::all(&details) {
        let inline = principal.inline_policies();
        if inline.is_empty() {
            continue;
        }
        let r = principal.resource();
        let mut used = Vec::new();
        let mut alone = Vec::new();
        let mut errors = Vec::new();
        for p in inline {
            let policy: &Policy = match p.document.policy() {
                Ok(policy) => policy,
                Err(e) => {
                    errors.push(format!("policy {} is malformed: {e}", p.name));
                    continue;
                }
            };
            alone.extend(escalation_problem(policy).map(|what| format!("inline policy {} {what}", p.name)));
            let holders = match principal {
                Principal::User(u) => vec![Holder {
                    arn: u.arn.clone(),
                    title: format!("user {}", u.name),
                    label: format!("{} (inline)", p.name),
                }],
                Principal::Role(role) => vec![Holder {
                    arn: role.arn.clone(),
                    title: format!("role {}", role.name),
                    label: format!("{} (inline)", p.name),
                }],
                Principal::Group(g) => of_group(&members, &g.name, &format!("{} (inline, group {})", p.name, g.name)),
            };
            used.extend(escalations(graph, holders));
        }
        let title = principal.title();
        let not_evaluated =
            if errors.is_empty() { String::new() } else { format!(" (not evaluated: {})", errors.join("; ")) };
        if !used.is_empty() {
            let what = if alone.is_empty() {
                "its inline policies grant a hop of a privilege escalation together with its other policies".to_string()
            } else {
                alone.join("; ")
            };
            out.fail(
                r,
                format_args!(
                    "{title}: {what}; {} can become administrator through them: {}{not_evaluated}.",
                    list(&used.iter().map(|(h, _)| h.title.as_str()).collect::<Vec<_>>()),
                    render(graph, &used)
                ),
            );
        } else if !alone.is_empty() {
            out.fail_at(
                POTENTIAL,
                r,
                format_args!(
                    "{title}: {}, but no principal holding it can use it to become administrator as the account stands: potential escalation{not_evaluated}.",
                    alone.join("; ")
                ),
            );
        } else if !errors.is_empty() {
            out.error_message(r, format_args!("could not be evaluated: {}", errors.join("; ")));
        } else {
            let count = inline.len();
            let plural = if count == 1 { "inline policy" } else { "inline policies" };
            out.pass(r, format_args!("{title}: no known privilege-escalation method in its {count} {plural}."));
        }
    }
}
