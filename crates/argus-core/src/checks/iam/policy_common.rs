//! Helpers shared by the IAM policy checks (managed, inline and trust policies) and by the Lambda
//! execution-role check: policy parsing with error messages, resources for IAM entities, where a
//! managed policy is attached, and message fragments.

use crate::engine::{CheckContext, Findings, Index, Resource, GLOBAL_REGION};
use crate::policy::{EscalationFinding, PermissionSet, Policy, ServiceWildcard};
use crate::snapshot::{AttachedPolicy, AuthorizationDetails, Group, InlinePolicy, ManagedPolicy, Role, Tags, User};
use std::fmt::Write;
use std::sync::Arc;

/// How many names a message lists before summarising the rest as "and N more".
const MAX_LISTED: usize = 5;

/// The authorization details with the evaluation's shared lookups (attachments, policies by ARN,
/// parsed documents). Dereferences to the details themselves.
#[derive(Clone, Copy)]
pub(crate) struct Iam<'a> {
    details: &'a AuthorizationDetails,
    index: &'a Index<'a>,
}

impl<'a> std::ops::Deref for Iam<'a> {
    type Target = AuthorizationDetails;
    fn deref(&self) -> &AuthorizationDetails {
        self.details
    }
}

impl<'a> Iam<'a> {
    pub(crate) fn new(ctx: &'a CheckContext<'_>, details: &'a AuthorizationDetails) -> Self {
        Iam { details, index: ctx.index() }
    }

    /// The default version of a managed policy, parsed.
    pub(crate) fn managed<'d>(&self, p: &'d ManagedPolicy) -> Result<&'d Policy, &'d str> {
        match &p.document {
            Some(doc) => doc.policy(),
            None => Err("its default version document was not collected"),
        }
    }

    pub(crate) fn policy_by_arn(&self, arn: &str) -> Option<&'a ManagedPolicy> {
        self.index.policy(arn)
    }

    pub(crate) fn role_by_arn(&self, arn: &str) -> Option<&'a Role> {
        self.index.role(arn)
    }
}

/// The authorization details, or `None` after emitting one account-level ERROR when they could not
/// be read. `None` without a finding when IAM was not collected (the engine skips the check then).
pub(crate) fn auth_details<'a>(ctx: &'a CheckContext<'_>, out: &mut Findings) -> Option<Iam<'a>> {
    let iam = ctx.snapshot.iam.as_ref()?;
    match iam.authorization_details.as_result() {
        Ok(d) => Some(Iam::new(ctx, d)),
        Err(e) => {
            out.error(ctx.account_resource(), e);
            None
        }
    }
}

/// Parses a stored policy document; the error is a short reason for a message.
#[cfg(test)]
pub(crate) fn parse_document(doc: &crate::snapshot::PolicyDocument) -> Result<Policy, String> {
    doc.policy().cloned().map_err(str::to_string)
}

/// The ERROR message for a policy that cannot be evaluated.
pub(crate) fn malformed(policy_name: &str, reason: &str) -> String {
    format!("could not be evaluated: policy {policy_name} is malformed: {reason}")
}

/// A managed policy as a resource: id and ARN are the policy ARN.
pub(crate) fn policy_resource(p: &ManagedPolicy) -> Arc<Resource> {
    Arc::new(Resource::identified_by_arn(&p.arn, &p.name, GLOBAL_REGION, &Tags::new()))
}

/// A user, group or role of the authorization details.
#[derive(Clone, Copy)]
pub(crate) enum Principal<'a> {
    User(&'a User),
    Group(&'a Group),
    Role(&'a Role),
}

impl<'a> Principal<'a> {
    /// Every user, group and role, in that order.
    pub(crate) fn all(details: &'a AuthorizationDetails) -> impl Iterator<Item = Principal<'a>> {
        let users = details.users.iter().map(Principal::User);
        let groups = details.groups.iter().map(Principal::Group);
        let roles = details.roles.iter().map(Principal::Role);
        users.chain(groups).chain(roles)
    }

    pub(crate) fn name(&self) -> &'a str {
        match self {
            Principal::User(u) => &u.name,
            Principal::Group(g) => &g.name,
            Principal::Role(r) => &r.name,
        }
    }

    pub(crate) fn inline_policies(&self) -> &'a [InlinePolicy] {
        match self {
            Principal::User(u) => &u.inline_policies,
            Principal::Group(g) => &g.inline_policies,
            Principal::Role(r) => &r.inline_policies,
        }
    }

    pub(crate) fn resource(&self) -> Arc<Resource> {
        match *self {
            Principal::User(u) => user_resource(u),
            Principal::Group(g) => group_resource(g),
            Principal::Role(r) => role_resource(r),
        }
    }

    /// "User alice", "Group admins", "Role deploy" (for the start of a message), written into the
    /// message as it is rendered rather than allocated per finding.
    pub(crate) fn title(&self) -> PrincipalTitle<'a> {
        let kind = match self {
            Principal::User(_) => "User",
            Principal::Group(_) => "Group",
            Principal::Role(_) => "Role",
        };
        PrincipalTitle { kind, name: self.name() }
    }
}

/// [`Principal::title`].
pub(crate) struct PrincipalTitle<'a> {
    kind: &'static str,
    name: &'a str,
}

impl std::fmt::Display for PrincipalTitle<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.kind, self.name)
    }
}

pub(crate) fn user_resource(u: &User) -> Arc<Resource> {
    Arc::new(principal_resource(&u.name, &u.arn, &u.tags))
}

pub(crate) fn group_resource(g: &Group) -> Arc<Resource> {
    Arc::new(principal_resource(&g.name, &g.arn, &Tags::new()))
}

pub(crate) fn role_resource(r: &Role) -> Arc<Resource> {
    Arc::new(principal_resource(&r.name, &r.arn, &r.tags))
}

/// An IAM principal as a resource: id and name are its name (IAM is global).
fn principal_resource(name: &str, arn: &str, tags: &Tags) -> Resource {
    Resource::identified_by_name(name, arn, GLOBAL_REGION, tags)
}

/// The principals a managed policy is attached to, as "user alice", "role deploy".
pub(crate) fn attached_to(details: Iam<'_>, policy_arn: &str) -> Vec<String> {
    details.index.attached_to(policy_arn).map(|(kind, name)| format!("{kind} {name}")).collect()
}

/// Whether a managed policy is attached to a user, group or role: by its attachment count, or by a
/// principal listing it (a reply that leaves AttachmentCount out reads as 0).
pub(crate) fn is_attached(details: Iam<'_>, policy: &ManagedPolicy) -> bool {
    policy.attachment_count > 0 || details.index.attached_to(&policy.arn).next().is_some()
}

/// "attached to user alice, role deploy" / "not attached to any user, group or role".
pub(crate) fn attachment_phrase(details: Iam<'_>, policy: &ManagedPolicy) -> String {
    let principals = attached_to(details, &policy.arn);
    if principals.is_empty() {
        if policy.attachment_count > 0 {
            format!("attached to {} principal(s)", policy.attachment_count)
        } else if policy.permissions_boundary_usage_count > 0 {
            format!(
                "not attached to any user, group or role (used as a permissions boundary by {})",
                policy.permissions_boundary_usage_count
            )
        } else {
            "not attached to any user, group or role".to_string()
        }
    } else {
        format!("attached to {}", list(&principals))
    }
}

/// A comma-separated list, shortened to the first few items and "and N more".
pub(crate) fn list<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().take(MAX_LISTED).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item.as_ref());
    }
    let rest = items.len().saturating_sub(MAX_LISTED);
    if rest > 0 {
        // Writing into a String cannot fail.
        let _ = write!(out, ", and {rest} more");
    }
    out
}

/// `Statement[0]` or `Statement[0] (Sid "AllowAll")`, as in the policy's JSON.
pub(crate) fn statement_label(index: usize, sid: Option<&str>) -> String {
    match sid {
        Some(sid) if !sid.is_empty() => format!("Statement[{index}] (Sid {sid:?})"),
        _ => format!("Statement[{index}]"),
    }
}

/// The admin statements of a policy, labelled; empty when it grants no `*` on `*`.
pub(crate) fn admin_statement_labels(policy: &Policy) -> Vec<String> {
    policy
        .admin_statements()
        .into_iter()
        .filter_map(|i| policy.statements.get(i).map(|st| statement_label(i, st.sid.as_deref())))
        .collect()
}

/// "CreateAccessKey (iam:CreateAccessKey; confirmed), PassRole+EC2RunInstances (iam:PassRole,
/// ec2:RunInstances; potential)".
pub(crate) fn describe_escalation(findings: &[EscalationFinding]) -> String {
    findings
        .iter()
        .map(|f| {
            let certainty = if f.confirmed { "confirmed" } else { "potential" };
            format!("{} ({}; {certainty})", f.method, f.actions.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One managed policy judged for `*` on `*`: FAIL naming the statements, PASS, or ERROR when its
/// document cannot be evaluated. `kind` starts the message ("AWS managed", "Customer managed").
pub(crate) fn judge_managed_admin<'a>(details: Iam<'a>, p: &'a ManagedPolicy, kind: &str, out: &mut Findings) {
    let r = policy_resource(p);
    let policy = match details.managed(p) {
        Ok(policy) => policy,
        Err(e) => return out.error_message(r, malformed(&p.name, e)),
    };
    let attached = attachment_phrase(details, p);
    let admin = admin_statement_labels(policy);
    if admin.is_empty() {
        out.pass(r, format_args!("{kind} policy {} does not allow all actions on all resources ({attached}).", p.name));
    } else {
        out.fail(
            r,
            format_args!(
                "{kind} policy {} allows all actions on all resources in {} and is {attached}.",
                p.name,
                list(&admin)
            ),
        );
    }
}

/// Judges the inline policies of every user, group and role that has some, one finding per
/// principal: FAIL listing what `problem` found in each policy, ERROR when a policy cannot be
/// evaluated and no other fails, else PASS. `problem` describes one policy's issue as a phrase
/// ("allows all actions on all resources in Statement[0]"); `noun` names what a PASS did not find
/// ("administrative statement").
pub(crate) fn judge_inline_policies(
    details: Iam<'_>,
    out: &mut Findings,
    noun: &str,
    problem: impl Fn(&Policy) -> Option<String>,
) {
    for principal in Principal::all(&details) {
        let inline = principal.inline_policies();
        if inline.is_empty() {
            continue;
        }
        let mut problems = Vec::new();
        let mut errors = Vec::new();
        for p in inline {
            match p.document.policy() {
                Ok(policy) => problems.extend(problem(policy).map(|what| format!("inline policy {} {what}", p.name))),
                Err(e) => errors.push((p.name.as_str(), e)),
            }
        }
        let r = principal.resource();
        if !problems.is_empty() {
            let mut message = format!("{}: {}", principal.title(), problems.join("; "));
            if !errors.is_empty() {
                let names: Vec<&str> = errors.iter().map(|(n, _)| *n).collect();
                message.push_str(&format!(" (malformed, not evaluated: {})", names.join(", ")));
            }
            out.fail(r, format_args!("{message}."));
        } else if !errors.is_empty() {
            let reasons: Vec<String> = errors.iter().map(|(n, e)| format!("policy {n} is malformed: {e}")).collect();
            out.error_message(r, format_args!("could not be evaluated: {}", reasons.join("; ")));
        } else {
            let count = inline.len();
            let plural = if count == 1 { "inline policy" } else { "inline policies" };
            out.pass(r, format_args!("{}: no {noun} in its {count} {plural}.", principal.title()));
        }
    }
}

/// A whole check run judging every customer managed policy with `problem` ([`judge_customer_policies`]);
/// unreadable authorization details are one account-level ERROR.
pub(crate) fn run_on_customer_policies(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    noun: &str,
    problem: impl Fn(&Policy) -> Option<String>,
) {
    if let Some(details) = auth_details(ctx, out) {
        judge_customer_policies(details, out, noun, problem);
    }
}

/// A whole check run judging every principal's inline policies with `problem` ([`judge_inline_policies`]);
/// unreadable authorization details are one account-level ERROR.
pub(crate) fn run_on_inline_policies(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    noun: &str,
    problem: impl Fn(&Policy) -> Option<String>,
) {
    if let Some(details) = auth_details(ctx, out) {
        judge_inline_policies(details, out, noun, problem);
    }
}

/// Judges every customer managed policy (attached or not), one finding per policy, with the same
/// `problem` / `noun` convention as [`judge_inline_policies`].
pub(crate) fn judge_customer_policies(
    details: Iam<'_>,
    out: &mut Findings,
    noun: &str,
    problem: impl Fn(&Policy) -> Option<String>,
) {
    for p in details.policies.iter().filter(|p| !p.is_aws_managed()) {
        let r = policy_resource(p);
        let policy = match details.managed(p) {
            Ok(policy) => policy,
            Err(e) => {
                out.error_message(r, malformed(&p.name, e));
                continue;
            }
        };
        let attached = attachment_phrase(details, p);
        match problem(policy) {
            Some(what) => out.fail(r, format_args!("Customer managed policy {} {what}; it is {attached}.", p.name)),
            None => out.pass(r, format_args!("Customer managed policy {} ({attached}): no {noun}.", p.name)),
        }
    }
}

/// Calls `judge` with the parsed trust policy of every role (service-linked roles skipped when
/// `skip_service_linked`); a missing or malformed trust policy is an ERROR naming it.
pub(crate) fn for_each_role_trust(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    skip_service_linked: bool,
    mut judge: impl FnMut(&Role, &Policy, Arc<Resource>, &mut Findings),
) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    for role in details.roles.iter().filter(|r| !(skip_service_linked && r.is_service_linked())) {
        let r = role_resource(role);
        let Some(doc) = &role.trust_policy else {
            out.error_message(
                r,
                format_args!("could not be evaluated: the trust policy of role {} was not collected", role.name),
            );
            continue;
        };
        match doc.policy() {
            Ok(policy) => judge(role, policy, r, out),
            Err(e) => out.error_message(r, malformed(&format!("{} (trust policy)", role.name), e)),
        }
    }
}

/// "s3:* and iam:* in Statement[0] (Sid "Ops"); all actions except those in NotAction in
/// Statement[2] (with a Condition)", grouped by statement.
pub(crate) fn describe_wildcards(wildcards: &[ServiceWildcard]) -> String {
    let mut groups: Vec<(usize, Vec<String>, &ServiceWildcard)> = Vec::new();
    for w in wildcards {
        let what = if w.via_not_action {
            "all actions except those in NotAction".to_string()
        } else if w.service == "*" {
            "all actions".to_string()
        } else {
            format!("{}:*", w.service)
        };
        match groups.iter_mut().find(|(i, _, _)| *i == w.statement_index) {
            Some((_, items, _)) => items.push(what),
            None => groups.push((w.statement_index, vec![what], w)),
        }
    }
    groups
        .iter()
        .map(|(i, items, w)| {
            let condition = if w.conditional { " (with a Condition)" } else { "" };
            format!("{} in {}{condition}", items.join(" and "), statement_label(*i, w.sid.as_deref()))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// What a policy, evaluated on its own, grants towards privilege escalation, as a message phrase.
pub(crate) fn escalation_problem(policy: &Policy) -> Option<String> {
    if policy.grants_full_admin() {
        let admin = admin_statement_labels(policy);
        return Some(format!(
            "allows all actions on all resources in {}, so every known privilege-escalation method applies",
            list(&admin)
        ));
    }
    let found = crate::policy::detect_escalation(&crate::policy::PermissionSet::from_policy(policy));
    (!found.is_empty()).then(|| format!("allows privilege escalation via {}", describe_escalation(&found)))
}

/// The AWS managed `AdministratorAccess` policy, in any partition.
pub(crate) fn is_administrator_access(arn: &str) -> bool {
    same_arn_any_partition(arn, "arn:aws:iam::aws:policy/AdministratorAccess")
}

/// The AWS managed AdministratorAccess policy of `partition`, as messages name it.
pub(crate) fn administrator_access_arn(partition: &str) -> String {
    format!("arn:{partition}:iam::aws:policy/AdministratorAccess")
}

/// The attachment of the AWS managed AdministratorAccess policy among `attached`.
pub(crate) fn administrator_access_attachment(attached: &[AttachedPolicy]) -> Option<&AttachedPolicy> {
    attached.iter().find(|a| is_administrator_access(&a.arn))
}

/// For a principal without the AWS managed AdministratorAccess: a sentence on each customer managed
/// policy attached to it under that name, pointing to the check that judges what it grants (empty
/// when there is none). A name grants nothing: such a policy may allow everything or very little.
pub(crate) fn administrator_access_lookalikes(details: Iam<'_>, attached: &[AttachedPolicy]) -> String {
    let judged_by = super::iam_customer_attached_policy_no_administrative_privileges::CHECK.id;
    let mut text = String::new();
    for a in attached.iter().filter(|a| a.name.eq_ignore_ascii_case("AdministratorAccess")) {
        if is_administrator_access(&a.arn) {
            continue;
        }
        let grants_admin = details.policy_by_arn(&a.arn).and_then(|p| match details.managed(p) {
            Ok(policy) => Some(!admin_statement_labels(policy).is_empty()),
            Err(_) => None,
        });
        let arn = &a.arn;
        // Writing into a String cannot fail.
        let _ = match grants_admin {
            Some(true) => write!(
                text,
                " Customer managed policy {arn}, attached under the same name, allows all actions on all resources: {judged_by} reports it."
            ),
            Some(false) => write!(
                text,
                " Customer managed policy {arn}, attached under the same name, does not allow all actions on all resources ({judged_by} judges it)."
            ),
            None => write!(
                text,
                " Customer managed policy {arn} is attached under the same name; {judged_by} judges what it grants."
            ),
        };
    }
    text
}

/// Two ARNs equal but for the partition (`arn:aws:` vs `arn:aws-us-gov:`).
pub(crate) fn same_arn_any_partition(a: &str, b: &str) -> bool {
    // (prefix, rest) around the partition, without building a string: this runs for every
    // attached policy of every principal.
    fn split(s: &str) -> Option<(&str, &str)> {
        let (prefix, after) = s.split_once(':')?;
        let (_partition, rest) = after.split_once(':')?;
        Some((prefix, rest))
    }
    a == b || matches!((split(a), split(b)), (Some(x), Some(y)) if x == y)
}

/// A role's effective identity permissions: its inline policies and the default versions of its
/// attached managed policies, intersected with its permissions boundary. The error says which
/// policy could not be evaluated and why ("policy X is malformed: ...").
pub(crate) fn role_permissions(details: Iam<'_>, role: &Role) -> Result<PermissionSet, String> {
    let mut set = PermissionSet::default();
    for inline in &role.inline_policies {
        let policy = inline.document.policy().map_err(|e| format!("policy {} is malformed: {e}", inline.name))?;
        set.add_policy(inline.name.clone(), policy.clone());
    }
    for attached in &role.attached_policies {
        let managed = details
            .policy_by_arn(&attached.arn)
            .ok_or_else(|| format!("attached policy {} is not in the IAM snapshot", attached.arn))?;
        let policy = details.managed(managed).map_err(|e| format!("policy {} is malformed: {e}", managed.name))?;
        set.add_policy(managed.name.clone(), policy.clone());
    }
    if let Some(boundary_arn) = &role.permissions_boundary {
        let managed = details
            .policy_by_arn(boundary_arn)
            .ok_or_else(|| format!("permissions boundary {boundary_arn} is not in the IAM snapshot"))?;
        let policy = details.managed(managed).map_err(|e| format!("policy {} is malformed: {e}", managed.name))?;
        set.set_boundary(managed.name.clone(), policy.clone());
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_compare_across_partitions() {
        assert!(is_administrator_access("arn:aws:iam::aws:policy/AdministratorAccess"));
        assert!(is_administrator_access("arn:aws-us-gov:iam::aws:policy/AdministratorAccess"));
        assert!(!is_administrator_access("arn:aws:iam::aws:policy/AdministratorAccess-Amplify"));
        assert!(!is_administrator_access("arn:aws:iam::123456789012:policy/AdministratorAccess"));
    }

    #[test]
    fn long_lists_are_shortened() {
        let items: Vec<String> = (0..8).map(|i| format!("role r{i}")).collect();
        assert_eq!(list(&items), "role r0, role r1, role r2, role r3, role r4, and 3 more");
        assert_eq!(list(&["user a"]), "user a");
    }

    #[test]
    fn malformed_documents_give_a_reason() {
        let doc = crate::testing::doc("{not json");
        assert!(parse_document(&doc).unwrap_err().contains("invalid JSON"));
        let doc = crate::testing::doc(r#"{"Statement":{"Effect":"Maybe","Action":"*","Resource":"*"}}"#);
        assert!(parse_document(&doc).unwrap_err().contains("Effect"));
    }
}
