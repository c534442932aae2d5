//! Effective identity permissions: Allow/Deny evaluation over a principal's
//! policies, intersected with its permission boundary.
//!
//! Scope: identity policies and the boundary only. SCPs, resource policies and
//! session policies are outside a single account's view and are not modelled,
//! so "Allowed" here means "allowed by the identity side", not "will succeed".
//! `Principal` elements in identity policies are ignored (they are not valid there).

use serde::Serialize;

use super::admin::{denies_all_of_iam, is_admin_statement};
use super::document::{Effect, Policy, Statement};
use super::matching::Glob;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PolicySource {
    Identity,
    Boundary,
}

/// Points at one statement of one policy in a `PermissionSet`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementRef {
    pub source: PolicySource,
    /// Index into `PermissionSet::identity_policies()` (0 for the boundary).
    pub policy_index: usize,
    pub policy_name: Option<String>,
    pub statement_index: usize,
    pub sid: Option<arcstr::Substr>,
}

/// Outcome of asking whether an action is allowed on a resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Access {
    /// An unconditional Deny covers the whole request.
    Denied { statements: Vec<StatementRef> },
    /// No Allow applies (implicit deny), or the boundary does not allow it.
    NotAllowed,
    Allowed {
        /// An Allow with Resource `*` and no Condition grants it (in the
        /// boundary too, when one is set) and no Deny could interfere.
        unconditional_on_any_resource: bool,
        /// The Allow statements that grant it (identity first, then boundary).
        statements: Vec<StatementRef>,
        /// Denies that may apply but are not certain: conditional, or
        /// covering only part of the requested action/resource pattern.
        conditional_denies: Vec<StatementRef>,
    },
}

impl Access {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Access::Allowed { .. })
    }

    /// Allowed on Resource `*` with no Condition and no possible Deny.
    pub fn is_unconditional(&self) -> bool {
        matches!(self, Access::Allowed { unconditional_on_any_resource: true, .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamedPolicy {
    pub name: Option<String>,
    pub policy: Policy,
}

/// A principal's identity policies (inline, attached default versions, group
/// policies) and optional permission boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PermissionSet {
    identity: Vec<NamedPolicy>,
    boundary: Option<NamedPolicy>,
}

impl PermissionSet {
    pub fn new(identity: Vec<Policy>, boundary: Option<Policy>) -> PermissionSet {
        PermissionSet {
            identity: identity.into_iter().map(|policy| NamedPolicy { name: None, policy }).collect(),
            boundary: boundary.map(|policy| NamedPolicy { name: None, policy }),
        }
    }

    /// Evaluate a single policy on its own (per-policy checks).
    pub fn from_policy(policy: &Policy) -> PermissionSet {
        PermissionSet::new(vec![policy.clone()], None)
    }

    /// Add a named identity policy (names end up in `StatementRef`s).
    pub fn add_policy(&mut self, name: impl Into<String>, policy: Policy) -> &mut Self {
        self.identity.push(NamedPolicy { name: Some(name.into()), policy });
        self
    }

    pub fn set_boundary(&mut self, name: impl Into<String>, policy: Policy) -> &mut Self {
        self.boundary = Some(NamedPolicy { name: Some(name.into()), policy });
        self
    }

    pub fn identity_policies(&self) -> &[NamedPolicy] {
        &self.identity
    }

    pub fn boundary(&self) -> Option<&NamedPolicy> {
        self.boundary.as_ref()
    }

    fn statements(&self) -> impl Iterator<Item = Located<'_>> {
        let identity = self.identity.iter().enumerate().flat_map(|(i, p)| refs(PolicySource::Identity, i, p));
        let boundary = self.boundary.iter().flat_map(|p| refs(PolicySource::Boundary, 0, p));
        identity.chain(boundary)
    }

    /// Is `action` allowed on `resource`? Either may be a pattern, meaning
    /// "some action/resource matching it" — so `is_allowed("iam:PassRole", "*")`
    /// asks whether PassRole is allowed on anything at all.
    ///
    /// Deny handling: a Deny counts as `Denied` only when it has no Condition
    /// and certainly covers the whole request. A conditional Deny (e.g. "deny
    /// unless MFA") cannot be decided without request context, so it is not
    /// treated as blocking; it is reported in `conditional_denies` and makes
    /// the grant non-unconditional instead.
    pub fn is_allowed(&self, action: &str, resource: &str) -> Access {
        self.is_allowed_request(&Request::new(action, resource))
    }

    /// `is_allowed` for a request tokenised beforehand.
    pub fn is_allowed_request(&self, request: &Request) -> Access {
        let (qa, qr) = (&request.action, &request.resource);

        let mut hard = Vec::new();
        let mut soft = Vec::new();
        for r in self.statements() {
            let st = r.statement;
            if st.effect != Effect::Deny || !st.may_match_action(qa) || !st.may_match_resource(qr) {
                continue;
            }
            if st.conditions.is_empty() && st.must_match_action(qa) && st.must_match_resource(qr) {
                hard.push(r.make());
            } else {
                soft.push(r.make());
            }
        }
        if !hard.is_empty() {
            return Access::Denied { statements: hard };
        }

        let (mut statements, mut unconditional) =
            allows(self.identity.iter().enumerate().flat_map(|(i, p)| refs(PolicySource::Identity, i, p)), qa, qr);
        if statements.is_empty() {
            return Access::NotAllowed;
        }
        if let Some(b) = &self.boundary {
            let (b_statements, b_unconditional) = allows(refs(PolicySource::Boundary, 0, b), qa, qr);
            if b_statements.is_empty() {
                return Access::NotAllowed;
            }
            statements.extend(b_statements);
            unconditional &= b_unconditional;
        }
        Access::Allowed {
            unconditional_on_any_resource: unconditional && soft.is_empty(),
            statements,
            conditional_denies: soft,
        }
    }

    /// Full administrator: an admin statement (see `is_admin_statement`) in
    /// the identity policies and, if set, in the boundary, and no
    /// unconditional Deny covering all of IAM. Narrower Denies do not remove
    /// admin status: an administrator can generally work around them.
    pub fn has_full_admin(&self) -> bool {
        let has_admin = |p: &NamedPolicy| p.policy.statements.iter().any(is_admin_statement);
        self.identity.iter().any(has_admin)
            && self.boundary.as_ref().is_none_or(has_admin)
            && !self.statements().any(|r| denies_all_of_iam(r.statement))
    }
}

/// An action and a resource to ask a policy about, tokenised once: the checks ask the same few
/// questions ("is iam:PassRole allowed on anything?") of every policy in the account.
#[derive(Debug, Clone)]
pub struct Request {
    action: Glob,
    resource: Glob,
}

impl Request {
    /// Either may be a pattern, meaning "some action / resource matching it" (see `is_allowed`).
    pub fn new(action: &str, resource: &str) -> Request {
        Request { action: Glob::action(action), resource: Glob::resource(resource, false) }
    }
}

/// A statement and where it is; its `StatementRef` (two string copies) is built only for the
/// statements an answer cites.
#[derive(Clone, Copy)]
struct Located<'a> {
    source: PolicySource,
    policy_index: usize,
    policy: &'a NamedPolicy,
    statement_index: usize,
    statement: &'a Statement,
}

impl Located<'_> {
    fn make(self) -> StatementRef {
        StatementRef {
            source: self.source,
            policy_index: self.policy_index,
            policy_name: self.policy.name.clone(),
            statement_index: self.statement_index,
            sid: self.statement.sid.clone(),
        }
    }
}

impl Policy {
    /// Whether this policy on its own allows `request` on every resource its pattern names (an
    /// Allow whose Action and Resource patterns cover the request's, which `request_alone` does not
    /// ask: it counts a grant on one resource as "allowed"), and no unconditional Deny covers it;
    /// `.1`: a covering Allow has no Condition.
    pub fn covers_alone(&self, request: &Request) -> (bool, bool) {
        let (qa, qr) = (&request.action, &request.resource);
        let denied = self.statements.iter().any(|st| {
            st.effect == Effect::Deny
                && st.conditions.is_empty()
                && st.must_match_action(qa)
                && st.must_match_resource(qr)
        });
        if denied {
            return (false, false);
        }
        let covering = self
            .statements
            .iter()
            .filter(|st| st.effect == Effect::Allow && st.must_match_action(qa) && st.must_match_resource(qr));
        covering.fold((false, false), |(_, unconditional), st| (true, unconditional || st.conditions.is_empty()))
    }
}

fn refs(source: PolicySource, policy_index: usize, p: &NamedPolicy) -> impl Iterator<Item = Located<'_>> {
    (p.policy.statements.iter().enumerate()).map(move |(statement_index, statement)| Located {
        source,
        policy_index,
        policy: p,
        statement_index,
        statement,
    })
}

/// Allow statements that may grant the request, and whether one of them
/// grants it on Resource `*` without a Condition.
fn allows<'a>(statements: impl Iterator<Item = Located<'a>>, qa: &Glob, qr: &Glob) -> (Vec<StatementRef>, bool) {
    let mut out = Vec::new();
    let mut unconditional = false;
    for r in statements {
        let st = r.statement;
        if st.effect != Effect::Allow || !st.may_match_action(qa) || !st.may_match_resource(qr) {
            continue;
        }
        unconditional |= st.conditions.is_empty() && st.must_match_action(qa) && st.resource_is_star();
        out.push(r.make());
    }
    (out, unconditional)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(json: &str) -> Policy {
        Policy::parse_str(json).expect("valid test policy")
    }

    fn set(json: &str) -> PermissionSet {
        PermissionSet::from_policy(&policy(json))
    }

    #[test]
    fn allow_on_star_is_unconditional() {
        let p = set(r#"{"Statement":{"Effect":"Allow","Action":"iam:*","Resource":"*"}}"#);
        let a = p.is_allowed("iam:PassRole", "*");
        assert!(a.is_unconditional(), "{a:?}");
        assert_eq!(p.is_allowed("s3:GetObject", "*"), Access::NotAllowed);
    }

    #[test]
    fn explicit_deny_wins() {
        let p = set(r#"{"Statement":[
            {"Effect":"Allow","Action":"*","Resource":"*"},
            {"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#);
        assert!(matches!(p.is_allowed("iam:CreateUser", "*"), Access::Denied { .. }));
        assert!(p.is_allowed("s3:GetObject", "*").is_unconditional());
    }

    #[test]
    fn deny_across_policies_wins() {
        let mut p = PermissionSet::default();
        p.add_policy("allow", policy(r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#));
        p.add_policy("deny", policy(r#"{"Statement":{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}}"#));
        let Access::Denied { statements } = p.is_allowed("s3:DeleteBucket", "arn:aws:s3:::b") else {
            panic!("expected deny");
        };
        assert_eq!(statements[0].policy_name.as_deref(), Some("deny"));
        assert_eq!(statements[0].policy_index, 1);
    }

    #[test]
    fn conditional_deny_is_not_a_hard_deny() {
        let p = set(r#"{"Statement":[
            {"Effect":"Allow","Action":"*","Resource":"*"},
            {"Effect":"Deny","Action":"*","Resource":"*",
             "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}"#);
        let a = p.is_allowed("iam:CreateUser", "*");
        let Access::Allowed { unconditional_on_any_resource, conditional_denies, .. } = a else {
            panic!("expected allowed");
        };
        assert!(!unconditional_on_any_resource);
        assert_eq!(conditional_denies.len(), 1);
    }

    #[test]
    fn partial_deny_leaves_other_resources() {
        let p = set(r#"{"Statement":[
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"*"},
            {"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::1:role/Admin"}]}"#);
        let any = p.is_allowed("iam:PassRole", "*");
        assert!(any.is_allowed() && !any.is_unconditional(), "{any:?}");
        assert!(matches!(p.is_allowed("iam:PassRole", "arn:aws:iam::1:role/Admin"), Access::Denied { .. }));
        assert!(p.is_allowed("iam:PassRole", "arn:aws:iam::1:role/Other").is_allowed());
    }

    #[test]
    fn not_action_allow_grants_everything_else() {
        let p = set(r#"{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}"#);
        assert!(p.is_allowed("ec2:RunInstances", "*").is_unconditional());
        assert_eq!(p.is_allowed("iam:PassRole", "*"), Access::NotAllowed);
    }

    #[test]
    fn not_resource_allow_grants_other_resources() {
        let p = set(r#"{"Statement":{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}}"#);
        assert!(p.is_allowed("s3:GetObject", "arn:aws:s3:::public/x").is_allowed());
        assert_eq!(p.is_allowed("s3:GetObject", "arn:aws:s3:::secret/x"), Access::NotAllowed);
        let any = p.is_allowed("s3:GetObject", "*");
        assert!(any.is_allowed() && !any.is_unconditional());
    }

    #[test]
    fn deny_with_not_action_and_not_resource() {
        let p = set(r#"{"Statement":[
            {"Effect":"Allow","Action":"*","Resource":"*"},
            {"Effect":"Deny","NotAction":"s3:GetObject","NotResource":"arn:aws:s3:::ok/*"}]}"#);
        assert!(matches!(p.is_allowed("ec2:RunInstances", "arn:aws:ec2:x"), Access::Denied { .. }));
        assert!(p.is_allowed("s3:GetObject", "arn:aws:s3:::other/k").is_allowed());
        assert!(p.is_allowed("ec2:RunInstances", "arn:aws:s3:::ok/k").is_allowed());
    }

    #[test]
    fn conditional_allow_is_not_unconditional() {
        let p = set(r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
            "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}"#);
        let a = p.is_allowed("s3:GetObject", "*");
        assert!(a.is_allowed() && !a.is_unconditional());
    }

    #[test]
    fn narrow_resource_is_not_unconditional() {
        let p = set(r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#);
        let a = p.is_allowed("s3:GetObject", "*");
        assert!(a.is_allowed() && !a.is_unconditional());
        assert_eq!(p.is_allowed("s3:GetObject", "arn:aws:s3:::c/k"), Access::NotAllowed);
    }

    #[test]
    fn boundary_intersects() {
        let admin = policy(r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#);
        let boundary = policy(r#"{"Statement":{"Effect":"Allow","Action":["s3:*","iam:Get*"],"Resource":"*"}}"#);
        let p = PermissionSet::new(vec![admin], Some(boundary));
        assert!(p.is_allowed("s3:GetObject", "*").is_unconditional());
        assert!(p.is_allowed("iam:GetRole", "*").is_unconditional());
        assert_eq!(p.is_allowed("iam:CreateUser", "*"), Access::NotAllowed);
        assert!(!p.has_full_admin());
    }

    #[test]
    fn boundary_alone_grants_nothing() {
        let boundary = policy(r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#);
        let p = PermissionSet::new(vec![], Some(boundary));
        assert_eq!(p.is_allowed("s3:GetObject", "*"), Access::NotAllowed);
    }

    #[test]
    fn boundary_deny_wins() {
        let admin = policy(r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#);
        let boundary = policy(
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
            {"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#,
        );
        let p = PermissionSet::new(vec![admin], Some(boundary));
        let Access::Denied { statements } = p.is_allowed("iam:CreateUser", "*") else {
            panic!("expected deny");
        };
        assert_eq!(statements[0].source, PolicySource::Boundary);
        assert!(!p.has_full_admin());
    }

    #[test]
    fn conditional_boundary_makes_grant_conditional() {
        let admin = policy(r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#);
        let boundary = policy(
            r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*",
            "Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}}"#,
        );
        let p = PermissionSet::new(vec![admin], Some(boundary));
        let a = p.is_allowed("s3:GetObject", "*");
        assert!(a.is_allowed() && !a.is_unconditional());
    }

    #[test]
    fn wildcard_action_query_means_some_action() {
        let p = set(r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#);
        assert!(p.is_allowed("s3:*", "*").is_allowed());
        assert!(!p.is_allowed("s3:*", "*").is_unconditional());
    }

    #[test]
    fn full_admin_detection() {
        assert!(set(r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#).has_full_admin());
        assert!(!set(r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
            {"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#)
        .has_full_admin());
        assert!(set(r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
            {"Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*"}]}"#)
        .has_full_admin());
    }
}
