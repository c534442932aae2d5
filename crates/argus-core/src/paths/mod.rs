//! Attack paths: one graph of who can become whom and reach what, built offline from a snapshot.
//!
//! Nodes are the internet, AWS accounts (any, or a named other one), principals (users with their
//! groups and permission boundary folded into their permissions, roles), workloads (instances,
//! Lambda functions, RDS instances), data (buckets, secrets, KMS keys) and `admin`. Every edge says
//! which action or setting makes the hop and which statements grant it, so a path can be read and
//! checked by hand. Permissions are the ones `policy::PermissionSet` evaluates: explicit Deny,
//! permission boundaries and NotAction/NotResource are honoured; a conditional grant is an edge marked
//! `conditional`, never dropped and never called certain.
//!
//! A hop whose data could not be collected is an edge with `missing` set: a path through it is
//! reported as ERROR naming the missing call, not dropped and not called a finding.
//!
//! Principal → data edges are not stored: there would be one per principal and resource. They are
//! evaluated when a search reaches a principal ([`Graph::out_edges`]) or a query names a resource
//! ([`Graph::can`]).

mod build;
mod internet;
mod methods;
mod principals;
pub mod query;
mod search;

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;

pub use internet::{internet_exposures, InternetExposure};
pub use methods::{PassRoleMethod, TargetMethod, PASS_ROLE_METHODS, TARGET_METHODS};
pub use search::{Path, Reached};

use crate::engine::FastMap;
use crate::policy::{PermissionSet, Request};
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

pub type NodeId = usize;

/// The three nodes every graph has, at these ids.
pub const INTERNET: NodeId = 0;
pub const ANY_ACCOUNT: NodeId = 1;
pub const ADMIN: NodeId = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Internet,
    AnyAccount,
    Account,
    User,
    Role,
    Instance,
    Function,
    Database,
    Bucket,
    Secret,
    KmsKey,
    Admin,
}

impl NodeKind {
    fn word(self) -> &'static str {
        match self {
            NodeKind::Internet => "internet",
            NodeKind::AnyAccount => "any AWS account",
            NodeKind::Account => "account",
            NodeKind::User => "user",
            NodeKind::Role => "role",
            NodeKind::Instance => "instance",
            NodeKind::Function => "function",
            NodeKind::Database => "db",
            NodeKind::Bucket => "bucket",
            NodeKind::Secret => "secret",
            NodeKind::KmsKey => "key",
            NodeKind::Admin => "admin",
        }
    }

    /// The kind's name in JSON (`kms_key`), as findings name their hops.
    pub fn id(self) -> &'static str {
        match self {
            NodeKind::Internet => "internet",
            NodeKind::AnyAccount => "any_account",
            NodeKind::Account => "account",
            NodeKind::User => "user",
            NodeKind::Role => "role",
            NodeKind::Instance => "instance",
            NodeKind::Function => "function",
            NodeKind::Database => "database",
            NodeKind::Bucket => "bucket",
            NodeKind::Secret => "secret",
            NodeKind::KmsKey => "kms_key",
            NodeKind::Admin => "admin",
        }
    }

    pub fn is_principal(self) -> bool {
        matches!(self, NodeKind::User | NodeKind::Role)
    }

    pub fn is_data(self) -> bool {
        matches!(self, NodeKind::Bucket | NodeKind::Secret | NodeKind::KmsKey | NodeKind::Database)
    }

    pub fn is_workload(self) -> bool {
        matches!(self, NodeKind::Instance | NodeKind::Function | NodeKind::Database)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    pub kind: NodeKind,
    /// The ARN (for the internet, accounts and admin: a fixed name).
    pub arn: String,
    pub name: String,
    /// The region of a regional resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            NodeKind::Internet | NodeKind::AnyAccount | NodeKind::Admin => f.write_str(self.kind.word()),
            kind => write!(f, "{} {}", kind.word(), self.name),
        }
    }
}

/// One statement that grants (part of) a hop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grant {
    /// The policy's name, with where it comes from (`(inline)`, `(group admins)`, `trust of role x`).
    pub policy: String,
    /// The statement's Sid, or its position (`#0`).
    pub statement: String,
}

impl fmt::Display for Grant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.policy, self.statement)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub from: NodeId,
    pub to: NodeId,
    /// What makes the hop: `sts:AssumeRole`, `instance profile`, `SSH open to 0.0.0.0/0`, ...
    pub via: String,
    /// The pathfinding.cloud id of the escalation method (`iam-002`, `lambda-001`), or argus's own id
    /// for a method the catalogue does not list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<&'static str>,
    pub grants: Vec<Grant>,
    /// Some grant of the hop depends on a Condition, a narrower resource pattern or a conditional
    /// Deny: the hop is possible, not certain.
    pub conditional: bool,
    /// The hop could not be decided because this data was not collected (the call that failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
}

/// A part of the account the graph could not see (a listing or a resource policy that could not be
/// read): paths through it are unknown, so the path checks report it as ERROR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blind {
    /// `global` or the region.
    pub region: String,
    /// What could not be seen, e.g. `Lambda functions`.
    pub what: String,
    /// The failed call.
    pub cause: String,
    pub kind: BlindKind,
}

/// Which answers a blind spot leaves open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlindKind {
    /// Workloads (instances, functions) not listed: paths *from* them are unknown.
    Workloads,
    /// Principals, trust policies or data not listed: anything a principal reaches may be hidden.
    Reach,
    /// One data resource's policy not read: who may access that resource is unknown (escalation to
    /// administrator does not go through it).
    DataPolicy,
}

impl Blind {
    /// Whether what a principal or workload reaches may be more than the graph shows.
    pub fn hides_reach(&self) -> bool {
        self.kind != BlindKind::Workloads
    }
}

/// A principal's evaluated permissions, kept for the data edges evaluated on demand.
pub(crate) struct PrincipalPermissions {
    pub(crate) permissions: PermissionSet,
    /// Why its permissions are not fully known (a malformed or missing policy document).
    pub(crate) problem: Option<String>,
}

/// A data resource and the resource policy that also decides access to it.
pub(crate) struct DataTarget {
    pub(crate) node: NodeId,
    /// The ARN asked of policies (`arn:aws:s3:::bucket/*` for a bucket's objects).
    pub(crate) read: (&'static str, String),
    pub(crate) write: Option<(&'static str, String)>,
    pub(crate) policy: ResourcePolicy,
}

pub(crate) enum ResourcePolicy {
    /// The resource has no policy (identity permissions decide).
    None,
    Parsed(crate::policy::Policy, String),
    /// The policy could not be read or parsed: access through it is unknown.
    Unknown(String),
    /// A KMS key policy: it must allow the principal, directly or by delegating to the account.
    Key(crate::policy::Policy, String),
}

pub struct Graph {
    nodes: Vec<Node>,
    by_arn: FastMap<String, NodeId>,
    edges: Vec<Edge>,
    out: Vec<Vec<usize>>,
    incoming: Vec<Vec<usize>>,
    principals: FastMap<NodeId, PrincipalPermissions>,
    data: Vec<DataTarget>,
    data_by_node: FastMap<NodeId, usize>,
    blind: Vec<Blind>,
    /// Principals holding a method that gives them another user's credentials (iam-002, -004,
    /// -006): their edges to users are evaluated on demand ([`Graph::credential_edge`]).
    credential_holders: Vec<(NodeId, &'static methods::TargetMethod)>,
    /// Each node's edges out ([`Graph::out_edges`]), worked out the first time a search leaves it:
    /// a principal's data edges evaluate its policies against every data resource, and every search
    /// from a workload that reaches the principal would repeat that work.
    out_cache: OnceLock<Box<[OnceLock<Vec<Edge>>]>>,
    /// Every node's shortest path to admin ([`Graph::paths_to_admin`]), shared by the checks.
    to_admin: OnceLock<Vec<Option<search::Path>>>,
    account: String,
    partition: String,
}

impl Graph {
    fn empty(account: &str, partition: &str) -> Graph {
        let mut g = Graph {
            nodes: Vec::new(),
            by_arn: FastMap::default(),
            edges: Vec::new(),
            out: Vec::new(),
            incoming: Vec::new(),
            principals: FastMap::default(),
            data: Vec::new(),
            data_by_node: FastMap::default(),
            blind: Vec::new(),
            credential_holders: Vec::new(),
            out_cache: OnceLock::new(),
            to_admin: OnceLock::new(),
            account: account.to_string(),
            partition: partition.to_string(),
        };
        for (kind, name) in [(NodeKind::Internet, "internet"), (NodeKind::AnyAccount, "*"), (NodeKind::Admin, "admin")]
        {
            g.add_node(Node { kind, arn: name.to_string(), name: name.to_string(), region: None });
        }
        g
    }

    pub(crate) fn add_node(&mut self, node: Node) -> NodeId {
        if let Some(&id) = self.by_arn.get(&node.arn) {
            return id;
        }
        let id = self.nodes.len();
        self.by_arn.insert(node.arn.clone(), id);
        self.nodes.push(node);
        self.out.push(Vec::new());
        self.incoming.push(Vec::new());
        id
    }

    pub(crate) fn add_edge(&mut self, edge: Edge) {
        let i = self.edges.len();
        self.out[edge.from].push(i);
        self.incoming[edge.to].push(i);
        self.edges.push(edge);
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// The stored edges (principal → data edges are evaluated on demand, see [`Graph::out_edges`]).
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    pub fn blind_spots(&self) -> &[Blind] {
        &self.blind
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    /// The node with this ARN.
    pub fn find(&self, arn: &str) -> Option<NodeId> {
        self.by_arn.get(arn).copied()
    }

    /// The node named by `text`: an ARN, or a unique user, role, bucket, function, instance, secret
    /// or database name.
    pub fn lookup(&self, text: &str) -> Result<NodeId, String> {
        if let Some(id) = self.find(text) {
            return Ok(id);
        }
        let named: Vec<NodeId> = (0..self.nodes.len()).filter(|&i| self.nodes[i].name == text).collect();
        match named[..] {
            [one] => Ok(one),
            [] => Err(format!("no principal or resource named '{text}' in the snapshot")),
            _ => Err(format!("'{text}' names {} resources; give the ARN", named.len())),
        }
    }

    /// The edge holder → user `to` when one of the holder's credential methods applies to that user.
    fn credential_edge(&self, holder: NodeId, method: &'static methods::TargetMethod, to: NodeId) -> Option<Edge> {
        if holder == to || self.nodes[to].kind != NodeKind::User {
            return None;
        }
        let p = self.principals.get(&holder)?;
        let (conditional, grants) = build::holds(&p.permissions, method.actions, &self.nodes[to].arn)?;
        Some(Edge {
            from: holder,
            to,
            via: format!("{} on {}", method.actions.join(" + "), self.nodes[to]),
            method: Some(method.id),
            grants,
            conditional,
            missing: p.problem.clone(),
        })
    }

    /// Every edge into `to`: the stored ones, then credential edges into a user.
    pub fn in_edges(&self, to: NodeId) -> Vec<Edge> {
        let mut edges: Vec<Edge> = self.incoming[to].iter().map(|&i| self.edges[i].clone()).collect();
        if self.nodes[to].kind == NodeKind::User {
            let mut seen: Vec<NodeId> = Vec::new();
            for &(holder, method) in &self.credential_holders {
                if !seen.contains(&holder) {
                    if let Some(e) = self.credential_edge(holder, method, to) {
                        seen.push(holder);
                        edges.push(e);
                    }
                }
            }
        }
        edges
    }

    /// Every edge leaving `from`: the stored ones, credential edges to users, then (for a principal)
    /// one per data resource it can read or write. Worked out once per node.
    pub fn out_edges(&self, from: NodeId) -> &[Edge] {
        let cache = self.out_cache.get_or_init(|| (0..self.nodes.len()).map(|_| OnceLock::new()).collect());
        cache[from].get_or_init(|| self.edges_out_of(from))
    }

    fn edges_out_of(&self, from: NodeId) -> Vec<Edge> {
        let mut out = self.principal_edges(from);
        if self.principals.contains_key(&from) {
            for target in &self.data {
                for (action, resource) in std::iter::once(&target.read).chain(&target.write) {
                    if let Some(edge) = self.data_edge(from, target, action, resource) {
                        out.push(edge);
                        break;
                    }
                }
            }
        }
        out
    }

    /// The edges leaving `from` other than to data: the stored ones (roles it assumes or passes,
    /// escalation methods, admin it holds), then credential edges to users.
    pub(crate) fn principal_edges(&self, from: NodeId) -> Vec<Edge> {
        let mut out: Vec<Edge> = self.out[from].iter().map(|&i| self.edges[i].clone()).collect();
        let mut reached: HashSet<NodeId> = HashSet::new();
        for &(_, method) in self.credential_holders.iter().filter(|(h, _)| *h == from) {
            for to in 0..self.nodes.len() {
                if !reached.contains(&to) {
                    if let Some(e) = self.credential_edge(from, method, to) {
                        reached.insert(to);
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    /// Can principal `from` perform `action` on `resource`? The edge goes to the resource's node when
    /// the graph holds it (its resource policy then counts too); otherwise identity permissions alone
    /// decide and the edge loops on `from` (rendered as the action itself).
    pub fn can(&self, from: NodeId, action: &str, resource: &str) -> Option<Edge> {
        if let Some(t) = self.data.iter().find(|t| covers(&self.nodes[t.node], t, resource)) {
            return self.data_edge(from, t, action, resource);
        }
        let p = self.principals.get(&from)?;
        let access = p.permissions.is_allowed_request(&Request::new(action, resource));
        let (allowed, conditional, grants) = principals::identity_grants(&p.permissions, &access);
        allowed.then(|| Edge {
            from,
            to: from,
            via: format!("{action} on {resource}"),
            method: None,
            grants,
            conditional,
            missing: p.problem.clone(),
        })
    }
}

#[cfg(test)]
impl Graph {
    /// The same graph without stored edge `i`.
    pub(crate) fn without_edge(&self, i: usize) -> Graph {
        let mut g = Graph::empty(&self.account, &self.partition);
        g.nodes.clone_from(&self.nodes);
        g.by_arn.clone_from(&self.by_arn);
        g.out = vec![Vec::new(); self.nodes.len()];
        g.incoming = vec![Vec::new(); self.nodes.len()];
        for (j, e) in self.edges.iter().enumerate() {
            if j != i {
                g.add_edge(e.clone());
            }
        }
        g.credential_holders.clone_from(&self.credential_holders);
        g.principals = self
            .principals
            .iter()
            .map(|(n, p)| (*n, PrincipalPermissions { permissions: p.permissions.clone(), problem: p.problem.clone() }))
            .collect();
        g
    }
}

/// `resource` is the target itself or (for a bucket) one of its objects.
fn covers(node: &Node, t: &DataTarget, resource: &str) -> bool {
    node.arn == resource
        || t.read.1 == resource
        || t.write.as_ref().is_some_and(|w| w.1 == resource)
        || (node.kind == NodeKind::Bucket
            && resource.strip_prefix(node.arn.as_str()).is_some_and(|rest| rest.starts_with('/')))
}
