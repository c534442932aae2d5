//! Building the graph from a snapshot.

use super::methods::{
    through_assume, through_trust_rewrite, PermissionTarget, RunnerKind, Target, TargetMethod, PASS_ROLE_METHODS,
    TARGET_METHODS,
};
use super::principals::{
    identity_grants, identity_grants_of, identity_grants_on, names_service, permissions_of, permissions_with,
    policies_by_arn, resource_policy_verdict, statement_label, Holder, Names, VersionSwap, Who,
};
use super::{
    internet_exposures, Blind, BlindKind, DataTarget, Edge, Grant, Graph, Node, NodeId, NodeKind, PrincipalPermissions,
    ResourcePolicy, ADMIN, ANY_ACCOUNT, INTERNET,
};
use crate::engine::FastMap;
use crate::policy::{analyse_resource_policy, is_admin_statement, Exposure, Policy, Principal, PrincipalSpec, Request};
use crate::snapshot::{AuthorizationDetails, Fetched, ManagedPolicy, PolicyDocument, Snapshot};

const ASSUME: &str = "sts:AssumeRole";

/// A principal while the graph is built.
struct Member<'a> {
    node: NodeId,
    arn: &'a str,
    /// The user's groups (empty for roles).
    groups: Vec<&'a str>,
    /// Customer managed policies attached to it or its groups.
    managed: Vec<&'a str>,
    is_admin: bool,
    /// Its policies, to weigh another version of one of them (iam:SetDefaultPolicyVersion).
    holder: Holder<'a>,
}

impl Graph {
    /// The graph of `snapshot`. Pure and offline: the same snapshot gives the same graph.
    pub fn build(snapshot: &Snapshot) -> Graph {
        let partition = if snapshot.identity.partition.is_empty() { "aws" } else { &snapshot.identity.partition };
        let mut g = Graph::empty(&snapshot.identity.account_id, partition);
        let details = match snapshot.iam.as_ref().map(|iam| &iam.authorization_details) {
            Some(Fetched::Ok(d)) => Some(d),
            Some(Fetched::Err(e)) => {
                g.blind.push(blind("global", "IAM users, groups and roles", e.to_string(), BlindKind::Reach));
                None
            }
            None => None,
        };
        let mut members: Vec<Member<'_>> = Vec::new();
        let mut permissions: Vec<PrincipalPermissions> = Vec::new();
        if let Some(d) = details {
            g.add_principals(d, &mut members, &mut permissions);
        }
        g.add_workloads_and_data(snapshot);
        if let Some(d) = details {
            g.add_role_edges(d, &members, &permissions);
            g.add_pass_role_edges(d, &members, &permissions);
            g.add_target_edges(d, snapshot, &members, &permissions);
        }
        for (m, p) in members.iter().zip(permissions) {
            g.principals.insert(m.node, p);
        }
        g
    }

    fn add_principals<'a>(
        &mut self,
        d: &'a AuthorizationDetails,
        members: &mut Vec<Member<'a>>,
        permissions: &mut Vec<PrincipalPermissions>,
    ) {
        let policies = policies_by_arn(d);
        let groups: FastMap<&str, &crate::snapshot::Group> = d.groups.iter().map(|g| (g.name.as_str(), g)).collect();
        let customer = |arn: &str| policies.get(arn).is_some_and(|p| !p.is_aws_managed());
        for u in &d.users {
            let member_groups: Vec<&crate::snapshot::Group> =
                u.groups.iter().filter_map(|n| groups.get(n.as_str()).copied()).collect();
            let holder = Holder {
                attached: &u.attached_policies,
                inline: &u.inline_policies,
                groups: member_groups
                    .iter()
                    .map(|g| (g.name.as_str(), &g.attached_policies[..], &g.inline_policies[..]))
                    .collect(),
                boundary: u.permissions_boundary.as_deref(),
            };
            let node =
                self.add_node(Node { kind: NodeKind::User, arn: u.arn.clone(), name: u.name.clone(), region: None });
            let managed = u
                .attached_policies
                .iter()
                .chain(member_groups.iter().flat_map(|g| &g.attached_policies))
                .map(|a| a.arn.as_str())
                .filter(|a| customer(a))
                .collect();
            let p = permissions_of(&holder, &policies);
            members.push(Member {
                node,
                arn: &u.arn,
                groups: u.groups.iter().map(String::as_str).collect(),
                managed,
                is_admin: p.permissions.has_full_admin(),
                holder,
            });
            permissions.push(p);
        }
        for r in &d.roles {
            let holder = Holder {
                attached: &r.attached_policies,
                inline: &r.inline_policies,
                groups: Vec::new(),
                boundary: r.permissions_boundary.as_deref(),
            };
            let node =
                self.add_node(Node { kind: NodeKind::Role, arn: r.arn.clone(), name: r.name.clone(), region: None });
            let p = permissions_of(&holder, &policies);
            let managed = r.attached_policies.iter().map(|a| a.arn.as_str()).filter(|a| customer(a)).collect();
            members.push(Member {
                node,
                arn: &r.arn,
                groups: Vec::new(),
                managed,
                is_admin: p.permissions.has_full_admin(),
                holder,
            });
            permissions.push(p);
        }
        for (m, p) in members.iter().zip(permissions.iter()) {
            if m.is_admin {
                let grants = admin_grants(&p.permissions);
                self.add_edge(Edge {
                    from: m.node,
                    to: ADMIN,
                    via: "holds administrator access".to_string(),
                    method: None,
                    grants,
                    conditional: false,
                    missing: None,
                });
            }
        }
    }

    fn add_workloads_and_data(&mut self, snapshot: &Snapshot) {
        let account = snapshot.identity.account_id.clone();
        let partition = self.partition.clone();
        // Instance profiles → their role, from the roles' side (the instance names only the profile).
        let profile_roles: FastMap<String, NodeId> = snapshot
            .iam
            .as_ref()
            .and_then(|i| i.authorization_details.ok())
            .into_iter()
            .flat_map(|d| &d.roles)
            .flat_map(|r| r.instance_profiles.iter().map(move |p| (p.clone(), r.arn.clone())))
            .filter_map(|(p, arn)| self.find(&arn).map(|n| (p, n)))
            .collect();
        if let Some(s3) = &snapshot.s3 {
            match &s3.buckets {
                Fetched::Ok(buckets) => {
                    for b in buckets {
                        let node = self.add_node(Node {
                            kind: NodeKind::Bucket,
                            arn: b.arn.to_string(),
                            name: b.name.to_string(),
                            region: Some(b.region.clone()),
                        });
                        let label = format!("bucket policy of {}", b.name);
                        let policy = resource_policy(&b.policy, label);
                        let objects = format!("{}/*", b.arn);
                        self.add_data(DataTarget {
                            node,
                            read: ("s3:GetObject", objects.clone()),
                            write: Some(("s3:PutObject", objects)),
                            policy,
                        });
                    }
                }
                Fetched::Err(e) => self.blind.push(blind("global", "S3 buckets", e.to_string(), BlindKind::Reach)),
            }
        }
        for (region, data) in &snapshot.regions {
            if let Some(ec2) = &data.ec2 {
                match &ec2.instances {
                    Fetched::Ok(list) => {
                        for i in list {
                            let arn = format!("arn:{partition}:ec2:{region}:{account}:instance/{}", i.id);
                            let node = self.add_node(Node {
                                kind: NodeKind::Instance,
                                arn,
                                name: i.id.clone(),
                                region: Some(region.clone()),
                            });
                            // A profile holding no role grants nothing: no edge.
                            if let Some(&role) = i.instance_profile_arn.as_ref().and_then(|p| profile_roles.get(p)) {
                                self.add_edge(plain(node, role, "instance profile"));
                            }
                        }
                    }
                    Fetched::Err(e) => {
                        self.blind.push(blind(region, "EC2 instances", e.to_string(), BlindKind::Workloads))
                    }
                }
            }
            if let Some(lambda) = &data.lambda {
                match &lambda.functions {
                    Fetched::Ok(list) => {
                        for f in list {
                            let node = self.add_node(Node {
                                kind: NodeKind::Function,
                                arn: f.arn.clone(),
                                name: f.name.clone(),
                                region: Some(region.clone()),
                            });
                            if let Some(role) = f.role.as_deref().and_then(|r| self.find(r)) {
                                self.add_edge(plain(node, role, "execution role"));
                            }
                        }
                    }
                    Fetched::Err(e) => {
                        self.blind.push(blind(region, "Lambda functions", e.to_string(), BlindKind::Workloads))
                    }
                }
            }
            if let Some(rds) = &data.rds {
                match &rds.instances {
                    Fetched::Ok(list) => {
                        for db in list {
                            let node = self.add_node(Node {
                                kind: NodeKind::Database,
                                arn: db.arn.clone(),
                                name: db.id.clone(),
                                region: Some(region.clone()),
                            });
                            let _ = node;
                        }
                    }
                    Fetched::Err(e) => self.blind.push(blind(region, "RDS instances", e.to_string(), BlindKind::Reach)),
                }
            }
            if let Some(sm) = &data.secretsmanager {
                match &sm.secrets {
                    Fetched::Ok(list) => {
                        for s in list {
                            let node = self.add_node(Node {
                                kind: NodeKind::Secret,
                                arn: s.arn.clone(),
                                name: s.name.clone(),
                                region: Some(region.clone()),
                            });
                            let policy = resource_policy(&s.policy, format!("resource policy of secret {}", s.name));
                            self.add_data(DataTarget {
                                node,
                                read: ("secretsmanager:GetSecretValue", s.arn.clone()),
                                write: Some(("secretsmanager:PutSecretValue", s.arn.clone())),
                                policy,
                            });
                        }
                    }
                    Fetched::Err(e) => {
                        self.blind.push(blind(region, "Secrets Manager secrets", e.to_string(), BlindKind::Reach))
                    }
                }
            }
            if let Some(kms) = &data.kms {
                match &kms.keys {
                    Fetched::Ok(list) => {
                        for k in list {
                            // AWS managed keys: AWS decides their policy; only customer keys are data here.
                            let Some(policy) = &k.policy else { continue };
                            let name = k.aliases.first().cloned().unwrap_or_else(|| k.id.clone());
                            let node = self.add_node(Node {
                                kind: NodeKind::KmsKey,
                                arn: k.arn.clone(),
                                name: name.clone(),
                                region: Some(region.clone()),
                            });
                            let label = format!("key policy of {name}");
                            let policy = match policy.as_result() {
                                Ok(doc) => match super::principals::parse(doc) {
                                    Ok(p) => ResourcePolicy::Key(p, label),
                                    Err(e) => ResourcePolicy::Unknown(format!("{label} is malformed: {e}")),
                                },
                                Err(e) => ResourcePolicy::Unknown(e.to_string()),
                            };
                            self.add_data(DataTarget {
                                node,
                                read: ("kms:Decrypt", k.arn.clone()),
                                write: None,
                                policy,
                            });
                        }
                    }
                    Fetched::Err(e) => self.blind.push(blind(region, "KMS keys", e.to_string(), BlindKind::Reach)),
                }
            }
        }
        for exposure in internet_exposures(snapshot) {
            if let Some(node) = self.find(&exposure.workload) {
                self.add_edge(Edge {
                    from: INTERNET,
                    to: node,
                    via: exposure.hops.join(", "),
                    method: None,
                    grants: Vec::new(),
                    conditional: false,
                    missing: exposure.missing,
                });
            }
        }
    }

    fn add_data(&mut self, target: DataTarget) {
        if let ResourcePolicy::Unknown(cause) = &target.policy {
            let node = &self.nodes[target.node];
            self.blind.push(Blind {
                region: node.region.clone().unwrap_or_else(|| "global".to_string()),
                what: format!("the resource policy of {node}"),
                cause: cause.clone(),
                kind: BlindKind::DataPolicy,
            });
        }
        self.data_by_node.insert(target.node, self.data.len());
        self.data.push(target);
    }

    /// Who can assume each role: principals of the account (identity policy and trust policy), other
    /// accounts and anyone (trust policy alone).
    fn add_role_edges(
        &mut self,
        d: &AuthorizationDetails,
        members: &[Member<'_>],
        permissions: &[PrincipalPermissions],
    ) {
        let assumers: Vec<usize> = (0..members.len())
            .filter(|&i| permissions[i].permissions.is_allowed_request(&Request::new(ASSUME, "*")).is_allowed())
            .collect();
        let by_arn: FastMap<&str, usize> = members.iter().enumerate().map(|(i, m)| (m.arn, i)).collect();
        for r in &d.roles {
            let Some(role) = self.find(&r.arn) else { continue };
            let label = format!("trust policy of {}", r.name);
            let trust = match r.trust_policy.as_ref().map(super::principals::parse) {
                Some(Ok(p)) => p,
                Some(Err(e)) => {
                    self.blind.push(blind(
                        "global",
                        &format!("who can assume role {}", r.name),
                        format!("{label} is malformed: {e}"),
                        BlindKind::Reach,
                    ));
                    continue;
                }
                None => continue,
            };
            // Principals it names exactly, then those whose identity policies allow assuming roles.
            let mut candidates: Vec<usize> = trust
                .statements
                .iter()
                .filter_map(|st| st.principals.as_ref())
                .filter(|spec| !spec.is_not_principal())
                .flat_map(PrincipalSpec::list)
                .filter_map(|p| match p {
                    Principal::Aws(s) => by_arn.get(&**s).copied(),
                    _ => None,
                })
                .chain(assumers.iter().copied())
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            for i in candidates {
                let m = &members[i];
                if m.node == role {
                    continue;
                }
                if let Some(edge) = self.assume_edge(m, &permissions[i], role, &r.arn, &trust, &label) {
                    self.add_edge(edge);
                }
            }
            for st in analyse_resource_policy(&trust, &self.account).statements.iter() {
                let Some(statement) = trust.statements.get(st.index) else { continue };
                if !statement.matches_action(ASSUME) {
                    continue;
                }
                let grant = Grant { policy: label.clone(), statement: statement_label(st.sid.as_deref(), st.index) };
                let from: Vec<NodeId> = match &st.exposure {
                    Exposure::Public { .. } => vec![ANY_ACCOUNT],
                    Exposure::CrossAccount { accounts } => accounts
                        .iter()
                        .map(|a| {
                            self.add_node(Node {
                                kind: NodeKind::Account,
                                arn: format!("arn:{}:iam::{a}:root", self.partition),
                                name: a.clone(),
                                region: None,
                            })
                        })
                        .collect(),
                    _ => continue,
                };
                for from in from {
                    self.add_edge(Edge {
                        from,
                        to: role,
                        via: ASSUME.to_string(),
                        method: Some("sts-001"),
                        grants: vec![grant.clone()],
                        conditional: !statement.conditions.is_empty(),
                        missing: None,
                    });
                }
            }
        }
    }

    fn assume_edge(
        &self,
        m: &Member<'_>,
        p: &PrincipalPermissions,
        role: NodeId,
        role_arn: &str,
        trust: &Policy,
        label: &str,
    ) -> Option<Edge> {
        let who = Who { arn: m.arn, account: &self.account, partition: &self.partition };
        let verdict = resource_policy_verdict(trust, label, &who, ASSUME, role_arn);
        if verdict.denied {
            return None;
        }
        let (named, trust_grant, trust_conditional) = verdict.allowed?;
        let access = p.permissions.is_allowed_request(&Request::new(ASSUME, role_arn));
        if matches!(access, crate::policy::Access::Denied { .. }) {
            return None;
        }
        let (allowed, identity_conditional, mut grants) = identity_grants_of(&p.permissions, &access);
        // A trust naming the principal itself is enough within the account; naming the account (or
        // everyone) leaves the decision to the principal's own policies.
        if named != Names::Exactly && !allowed {
            return None;
        }
        grants.push(trust_grant);
        Some(Edge {
            from: m.node,
            to: role,
            via: ASSUME.to_string(),
            method: Some("sts-001"),
            grants,
            conditional: trust_conditional || (allowed && identity_conditional),
            missing: p.problem.clone(),
        })
    }

    /// Principal → role it can pass to a service that runs code as that role.
    fn add_pass_role_edges(
        &mut self,
        d: &AuthorizationDetails,
        members: &[Member<'_>],
        permissions: &[PrincipalPermissions],
    ) {
        // Roles each service may assume, by the trust policies.
        let mut trusted_by: FastMap<&str, Vec<(NodeId, &str)>> = FastMap::default();
        for r in &d.roles {
            let Some(Ok(trust)) = r.trust_policy.as_ref().map(super::principals::parse) else { continue };
            let Some(node) = self.find(&r.arn) else { continue };
            for m in PASS_ROLE_METHODS {
                let trusts = trust.statements.iter().any(|st| {
                    st.effect == crate::policy::Effect::Allow
                        && st.matches_action(ASSUME)
                        && names_service(st, m.service)
                });
                if trusts && !trusted_by.get(m.service).is_some_and(|v| v.iter().any(|(n, _)| *n == node)) {
                    trusted_by.entry(m.service).or_default().push((node, r.arn.as_str()));
                }
            }
        }
        let pass_any = Request::new("iam:PassRole", "*");
        for (m, p) in members.iter().zip(permissions) {
            if m.is_admin || !p.permissions.is_allowed_request(&pass_any).is_allowed() {
                continue;
            }
            let mut done: Vec<NodeId> = Vec::new();
            for method in PASS_ROLE_METHODS {
                let Some((conditional, action_grants)) = holds(&p.permissions, method.actions, "*") else { continue };
                for &(role, role_arn) in trusted_by.get(method.service).into_iter().flatten() {
                    if role == m.node || done.contains(&role) {
                        continue;
                    }
                    let (allowed, pass_conditional, mut grants) =
                        identity_grants_on(&p.permissions, "iam:PassRole", role_arn);
                    if !allowed {
                        continue;
                    }
                    done.push(role);
                    grants.extend(action_grants.iter().cloned());
                    dedup(&mut grants);
                    self.add_edge(Edge {
                        from: m.node,
                        to: role,
                        via: format!("iam:PassRole + {}", method.actions.join(" + ")),
                        method: Some(method.id),
                        grants,
                        conditional: conditional || pass_conditional,
                        missing: p.problem.clone(),
                    });
                }
            }
        }
    }

    /// Methods acting on existing users, groups, roles, policies, functions and instances.
    fn add_target_edges(
        &mut self,
        d: &AuthorizationDetails,
        snapshot: &Snapshot,
        members: &[Member<'_>],
        permissions: &[PrincipalPermissions],
    ) {
        let group_arn: FastMap<&str, &str> = d.groups.iter().map(|g| (g.name.as_str(), g.arn.as_str())).collect();
        let policies = policies_by_arn(d);
        let admin_groups: Vec<(&str, Vec<Grant>)> = {
            d.groups
                .iter()
                .filter_map(|g| {
                    let holder = Holder {
                        attached: &g.attached_policies,
                        inline: &g.inline_policies,
                        groups: Vec::new(),
                        boundary: None,
                    };
                    let p = permissions_of(&holder, &policies);
                    p.permissions.has_full_admin().then(|| (g.arn.as_str(), admin_grants(&p.permissions)))
                })
                .collect()
        };
        let member_of: FastMap<NodeId, usize> = members.iter().enumerate().map(|(i, m)| (m.node, i)).collect();
        let functions: Vec<(NodeId, String)> = self
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == NodeKind::Function)
            .map(|(i, n)| (i, n.arn.clone()))
            .collect();
        // Instances running as a role: only those are worth running code on.
        let instances: Vec<(NodeId, String)> = self
            .nodes
            .iter()
            .enumerate()
            .filter(|(i, n)| n.kind == NodeKind::Instance && !self.out[*i].is_empty())
            .map(|(i, n)| (i, n.arn.clone()))
            .collect();
        let mut credential_holders: Vec<(NodeId, &'static TargetMethod)> = Vec::new();
        let roles: Vec<usize> =
            (0..members.len()).filter(|&i| self.nodes[members[i].node].kind == NodeKind::Role).collect();
        let runners: Vec<(RunnerKind, Runners)> =
            [RunnerKind::GlueDevEndpoint, RunnerKind::NotebookInstance, RunnerKind::Stack]
                .into_iter()
                .map(|kind| (kind, self.runners(snapshot, kind)))
                .collect();
        let mut new_edges: Vec<Edge> = Vec::new();
        for (i, (m, p)) in members.iter().zip(permissions).enumerate() {
            if m.is_admin {
                continue;
            }
            let kind = self.nodes[m.node].kind;
            // Roles it can already become, and how (for methods that change a role and then use it).
            let becomes: Vec<(NodeId, &'static str)> = self.out[m.node]
                .iter()
                .map(|&e| &self.edges[e])
                .filter(|e| self.nodes[e.to].kind == NodeKind::Role)
                .map(|e| (e.to, if e.method == Some("iam-012") { "trust" } else { "assume" }))
                .collect();
            for method in TARGET_METHODS {
                let Some((_, _)) = holds(&p.permissions, method.actions, "*") else { continue };
                let edge = |to: NodeId, via: String, id: &'static str, resource: &str| -> Option<Edge> {
                    let (conditional, grants) = holds(&p.permissions, method.actions, resource)?;
                    Some(Edge {
                        from: m.node,
                        to,
                        via,
                        method: Some(id),
                        grants,
                        conditional,
                        missing: p.problem.clone(),
                    })
                };
                match method.target {
                    Target::Permissions(what) => {
                        // Itself, and every role it can become.
                        let mut targets: Vec<(usize, Option<&'static str>)> = vec![(i, None)];
                        targets
                            .extend(becomes.iter().filter_map(|(n, how)| member_of.get(n).map(|&j| (j, Some(*how)))));
                        for (j, how) in targets {
                            let t = &members[j];
                            let t_kind = self.nodes[t.node].kind;
                            let id = match how {
                                None => method.id,
                                Some("trust") => through_trust_rewrite(method.id),
                                Some(_) => through_assume(method.id),
                            };
                            let name = &self.nodes[t.node];
                            let then = if how.is_some() { format!(", then {ASSUME} {name}") } else { String::new() };
                            let resources: Vec<(String, String)> = match what {
                                PermissionTarget::UserPolicy if t_kind == NodeKind::User => {
                                    vec![(t.arn.to_string(), format!("{} on {name}", method.actions.join(" + ")))]
                                }
                                PermissionTarget::RolePolicy if t_kind == NodeKind::Role => {
                                    vec![(t.arn.to_string(), format!("{} on {name}", method.actions.join(" + ")))]
                                }
                                PermissionTarget::GroupPolicy => t
                                    .groups
                                    .iter()
                                    .filter_map(|g| group_arn.get(g))
                                    .map(|arn| {
                                        (
                                            arn.to_string(),
                                            format!("{} on group {}", method.actions.join(" + "), short(arn)),
                                        )
                                    })
                                    .collect(),
                                PermissionTarget::OlderPolicyVersion => {
                                    new_edges.extend(older_version_edge(t, &policies, |arn, why| {
                                        let via =
                                            format!("{} on policy {}{why}", method.actions.join(" + "), short(arn));
                                        edge(ADMIN, format!("{via}{then}"), id, arn)
                                    }));
                                    Vec::new()
                                }
                                PermissionTarget::ManagedPolicyVersion => t
                                    .managed
                                    .iter()
                                    .map(|arn| {
                                        (
                                            arn.to_string(),
                                            format!("{} on policy {}", method.actions.join(" + "), short(arn)),
                                        )
                                    })
                                    .collect(),
                                _ => Vec::new(),
                            };
                            for (resource, via) in resources {
                                if let Some(e) = edge(ADMIN, format!("{via}{then}"), id, &resource) {
                                    new_edges.push(e);
                                    break;
                                }
                            }
                        }
                    }
                    // One edge per user would be holders x users (a million for a thousand holders
                    // in a thousand-user account): these edges are evaluated when a search needs them.
                    Target::UserCredentials => credential_holders.push((m.node, method)),
                    Target::RoleTrust => {
                        for &j in &roles {
                            let t = &members[j];
                            if j != i && !becomes.iter().any(|(n, _)| *n == t.node) {
                                let via = format!("{} on {}", method.actions.join(" + "), self.nodes[t.node]);
                                new_edges.extend(edge(t.node, via, method.id, t.arn));
                            }
                        }
                    }
                    Target::JoinGroup if kind == NodeKind::User => {
                        for (arn, group_grants) in &admin_groups {
                            if m.groups.iter().any(|g| group_arn.get(g) == Some(arn)) {
                                continue;
                            }
                            let via = format!("iam:AddUserToGroup on group {}", short(arn));
                            if let Some(mut e) = edge(ADMIN, via, method.id, arn) {
                                e.grants.extend(group_grants.iter().cloned());
                                new_edges.push(e);
                                break;
                            }
                        }
                    }
                    Target::JoinGroup => {}
                    Target::Function => {
                        for (node, arn) in &functions {
                            let via = format!("{} on {}", method.actions.join(" + "), self.nodes[*node]);
                            new_edges.extend(edge(*node, via, method.id, arn));
                        }
                    }
                    Target::Instance => {
                        for (node, arn) in &instances {
                            let via = format!("{} on {}", method.actions.join(" + "), self.nodes[*node]);
                            new_edges.extend(edge(*node, via, method.id, arn));
                        }
                    }
                    Target::Runner(kind) => {
                        let Some((_, found)) = runners.iter().find(|(k, _)| *k == kind) else { continue };
                        for r in &found.items {
                            let via = format!("{} on {} {}", method.actions.join(" + "), kind.word(), r.name);
                            match &r.role {
                                Ok(role) if *role == m.node => {}
                                Ok(role) => new_edges.extend(edge(*role, via, method.id, &r.arn)),
                                Err(why) => {
                                    if let Some(mut e) = edge(ADMIN, via, method.id, &r.arn) {
                                        e.missing = Some(why.clone());
                                        new_edges.push(e);
                                    }
                                }
                            }
                        }
                        if !found.unread.is_empty() {
                            if let Some(mut e) = edge(ADMIN, method.actions.join(" + "), method.id, "*") {
                                e.missing = Some(found.unread.join("; "));
                                new_edges.push(e);
                            }
                        }
                    }
                    Target::Uncollected { listing } => {
                        if let Some(mut e) = edge(ADMIN, method.actions.join(" + "), method.id, "*") {
                            e.missing = Some(format!(
                                "the resources {} acts on and their roles are not collected ({listing})",
                                method.actions.join(" + ")
                            ));
                            new_edges.push(e);
                        }
                    }
                }
            }
        }
        self.credential_holders = credential_holders;
        // A method already covered by a stronger one to the same node (lambda-004 and lambda-003) is
        // one edge: the first listed.
        let mut seen: Vec<(NodeId, NodeId)> = Vec::new();
        for e in new_edges {
            if e.to != ADMIN && seen.contains(&(e.from, e.to)) {
                continue;
            }
            seen.push((e.from, e.to));
            self.add_edge(e);
        }
    }
}

/// The resources of one kind that run as a role of the account, and the regions where they could
/// not be listed.
struct Runners {
    items: Vec<Runner>,
    /// Why a region's listing is unknown (the failed call, or not collected).
    unread: Vec<String>,
}

struct Runner {
    name: String,
    /// The ARN the takeover action is asked on.
    arn: String,
    /// Its role's node, or why its role is unknown.
    role: Result<NodeId, String>,
}

impl Graph {
    fn runners(&self, snapshot: &Snapshot, kind: RunnerKind) -> Runners {
        let mut found = Runners { items: Vec::new(), unread: Vec::new() };
        for (region, data) in &snapshot.regions {
            let Some(r) = &data.role_runners else {
                found.unread.push(format!(
                    "the {}s of {region} and their roles were not collected ({})",
                    kind.word(),
                    kind.listing()
                ));
                continue;
            };
            let list = match kind {
                RunnerKind::GlueDevEndpoint => &r.glue_dev_endpoints,
                RunnerKind::NotebookInstance => &r.sagemaker_notebooks,
                RunnerKind::Stack => &r.cloudformation_stacks,
            };
            match list {
                Fetched::Err(e) if e.code == "NotCollected" => found.unread.push(format!(
                    "the {}s of {region} and their roles were not collected ({})",
                    kind.word(),
                    kind.listing()
                )),
                Fetched::Err(e) => {
                    found.unread.push(format!("the {}s of {region} could not be listed: {e}", kind.word()))
                }
                Fetched::Ok(list) => {
                    for runner in list {
                        let role = match &runner.role_arn {
                            // A stack without a service role runs as its caller: nothing to take over.
                            Fetched::Ok(None) => continue,
                            // A role of another account, or one deleted since: the graph does not know
                            // its permissions (as for a function's or an instance's role).
                            Fetched::Ok(Some(arn)) => match self.find(arn) {
                                Some(node) if self.nodes[node].kind == NodeKind::Role => Ok(node),
                                _ => continue,
                            },
                            Fetched::Err(e) => {
                                Err(format!("the role of {} {} could not be read: {e}", kind.word(), runner.name))
                            }
                        };
                        found.items.push(Runner { name: runner.name.clone(), arn: runner.arn.clone(), role });
                    }
                }
            }
        }
        found
    }
}

/// The iam:SetDefaultPolicyVersion edge of `t`: through the first of its customer managed policies
/// (attached to it or its groups) with a version other than the default that would make it
/// administrator (`edge` gives the edge when the method is allowed on that policy). A policy whose
/// versions were not collected or hold no document gives an edge marked missing, kept only when no
/// policy gives a known one.
fn older_version_edge(
    t: &Member<'_>,
    policies: &FastMap<&str, &ManagedPolicy>,
    edge: impl Fn(&str, &str) -> Option<Edge>,
) -> Option<Edge> {
    let mut unknown: Option<Edge> = None;
    for arn in &t.managed {
        let Some(policy) = policies.get(arn) else { continue };
        let versions = match &policy.other_versions {
            Fetched::Ok(v) => v,
            Fetched::Err(e) => {
                if unknown.is_none() {
                    unknown = edge(arn, "").map(|mut e2| {
                        e2.missing = Some(format!(
                            "the versions of policy {} other than the default were not collected: {e}",
                            policy.name
                        ));
                        e2
                    });
                }
                continue;
            }
        };
        for v in versions {
            let Some(document) = &v.document else {
                if unknown.is_none() {
                    unknown = edge(arn, "").map(|mut e| {
                        e.missing = Some(format!(
                            "the document of version {} of policy {} was not collected",
                            v.version_id, policy.name
                        ));
                        e
                    });
                }
                continue;
            };
            let swap = VersionSwap { arn, version_id: &v.version_id, document };
            let would = permissions_with(&t.holder, policies, Some(&swap));
            if would.permissions.has_full_admin() {
                let why = format!(" (its version {} grants administrator)", v.version_id);
                if let Some(mut e) = edge(arn, &why) {
                    e.grants.extend(admin_grants(&would.permissions));
                    dedup(&mut e.grants);
                    return Some(e);
                }
            }
        }
    }
    unknown
}

/// Every action allowed on `resource`: whether some grant is conditional, and the granting statements.
pub(super) fn holds(
    set: &crate::policy::PermissionSet,
    actions: &[&str],
    resource: &str,
) -> Option<(bool, Vec<Grant>)> {
    let mut conditional = false;
    let mut grants = Vec::new();
    for a in actions {
        let (allowed, c, g) = if resource == "*" {
            identity_grants(set, &set.is_allowed_request(&Request::new(a, "*")))
        } else {
            identity_grants_on(set, a, resource)
        };
        if !allowed {
            return None;
        }
        conditional |= c;
        grants.extend(g);
    }
    dedup(&mut grants);
    Some((conditional, grants))
}

fn dedup(grants: &mut Vec<Grant>) {
    let mut seen: Vec<Grant> = Vec::with_capacity(grants.len());
    grants.retain(|g| {
        if seen.contains(g) {
            false
        } else {
            seen.push(g.clone());
            true
        }
    });
}

/// The statements that make a permission set administrator.
fn admin_grants(set: &crate::policy::PermissionSet) -> Vec<Grant> {
    set.identity_policies()
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.policy.statements.iter().enumerate().filter(|(_, st)| is_admin_statement(st)).map(move |(j, st)| Grant {
                policy: p.name.clone().unwrap_or_else(|| format!("policy #{i}")),
                statement: statement_label(st.sid.as_deref(), j),
            })
        })
        .collect()
}

fn resource_policy(policy: &Fetched<Option<PolicyDocument>>, label: String) -> ResourcePolicy {
    match policy {
        Fetched::Ok(None) => ResourcePolicy::None,
        Fetched::Ok(Some(doc)) => match super::principals::parse(doc) {
            Ok(p) => ResourcePolicy::Parsed(p, label),
            Err(e) => ResourcePolicy::Unknown(format!("{label} is malformed: {e}")),
        },
        Fetched::Err(e) => ResourcePolicy::Unknown(e.to_string()),
    }
}

fn plain(from: NodeId, to: NodeId, via: &str) -> Edge {
    Edge { from, to, via: via.to_string(), method: None, grants: Vec::new(), conditional: false, missing: None }
}

fn blind(region: &str, what: &str, cause: String, kind: BlindKind) -> Blind {
    Blind { region: region.to_string(), what: what.to_string(), cause, kind }
}

/// The last part of an ARN's resource (`policy/a/b` → `b`).
fn short(arn: &str) -> &str {
    arn.rsplit(['/', ':']).next().unwrap_or(arn)
}
