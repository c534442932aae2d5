//! Shortest paths over the graph. A path through a hop whose data was not collected is returned only
//! when no fully known path exists, and says so ([`Path::missing`]).

use super::{Edge, Grant, Graph, NodeId, NodeKind, ADMIN};
use crate::engine::{AttackPath, PathEdge, PathHop};
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::fmt::Write;

/// A chain of hops from `start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Path {
    pub start: NodeId,
    pub edges: Vec<Edge>,
}

/// A node some search reached, and the path to it.
#[derive(Debug, Clone, Serialize)]
pub struct Reached {
    pub node: NodeId,
    pub path: Path,
}

impl Path {
    pub fn end(&self) -> NodeId {
        self.edges.last().map_or(self.start, |e| e.to)
    }

    /// Every hop's data was collected.
    pub fn is_known(&self) -> bool {
        self.edges.iter().all(|e| e.missing.is_none())
    }

    /// What could not be collected, one entry per unknown hop.
    pub fn missing(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.edges.iter().filter_map(|e| e.missing.as_deref()).collect();
        out.dedup();
        out
    }

    /// Some hop depends on a Condition or a possible Deny.
    pub fn is_conditional(&self) -> bool {
        self.edges.iter().any(|e| e.conditional)
    }

    /// The escalation method ids along the path, in order.
    pub fn methods(&self) -> Vec<&'static str> {
        self.edges.iter().filter_map(|e| e.method).filter(|m| *m != "sts-001").collect()
    }

    /// Every hop named: `internet -> instance i-1 (SSH open to 0.0.0.0/0 in sg-1) -> role web (instance
    /// profile) -> bucket data (s3:GetObject; granted by read (inline) #0)`.
    pub fn render(&self, g: &Graph) -> String {
        let mut out = g.node(self.start).to_string();
        for e in &self.edges {
            out.push_str(" -> ");
            if e.to == e.from {
                out.push_str(&e.via);
            } else {
                let _ = write!(out, "{} ({}", g.node(e.to), e.via);
                if let Some(m) = e.method.filter(|m| *m != "sts-001") {
                    let _ = write!(out, "; {m}");
                }
                out.push(')');
            }
            if !e.grants.is_empty() {
                let grants: Vec<String> = e.grants.iter().map(|g| g.to_string()).collect();
                let _ = write!(out, " [{}]", grants.join(", "));
            }
            if e.conditional {
                out.push_str(" [conditional]");
            }
        }
        out
    }
}

impl Path {
    /// The path as a finding holds it (`engine::AttackPath`): each node's kind and name, each hop's
    /// action, method and grants. A hop that loops on its node (a permission on something outside
    /// the graph) ends at an `action` hop named by the permission.
    pub fn view(&self, g: &Graph) -> AttackPath {
        let hop = |id: NodeId| {
            let n = g.node(id);
            // The internet, any account and admin have a fixed name in place of an ARN.
            let arn = if n.arn == n.name { String::new() } else { n.arn.clone() };
            PathHop { kind: n.kind.id().to_string(), name: n.name.clone(), arn }
        };
        let mut hops = vec![hop(self.start)];
        let mut edges = Vec::with_capacity(self.edges.len());
        for e in &self.edges {
            hops.push(if e.to == e.from {
                PathHop { kind: "action".to_string(), name: e.via.clone(), arn: String::new() }
            } else {
                hop(e.to)
            });
            edges.push(PathEdge {
                via: e.via.clone(),
                method: e.method.filter(|m| *m != "sts-001").map(str::to_string),
                grants: e.grants.iter().map(|g| g.to_string()).collect(),
                conditional: e.conditional,
                missing: e.missing.clone(),
            });
        }
        AttackPath { hops, edges }
    }
}

impl Graph {
    /// For every node, its shortest path to admin (`None`: there is none). Known paths are
    /// preferred; a path through an unknown hop is returned only where no known one exists.
    /// Worked out once per graph.
    pub fn paths_to_admin(&self) -> &[Option<Path>] {
        self.to_admin.get_or_init(|| self.paths_to(&[ADMIN]))
    }

    /// A path to admin from principal `holder` whose first hop is granted (at least in part) by a
    /// statement `grants` picks — the hops one policy of the principal gives it. The first hop is an
    /// escalation method or administrator access itself, not a plain role assumption (which the
    /// role's trust policy grants as much as the caller's policy). Known paths are preferred, then
    /// paths without a Condition, then shorter ones.
    pub fn escalation_through(&self, holder: NodeId, grants: impl Fn(&Grant) -> bool) -> Option<Path> {
        let to_admin = self.paths_to_admin();
        // No path to admin at all (most principals): none through any of its policies either.
        to_admin[holder].as_ref()?;
        // Only hops towards admin matter: credential edges are worked out for users that reach it.
        let leads = |to: NodeId| to == ADMIN || to_admin[to].is_some();
        let stored = self.out[holder].iter().map(|&i| &self.edges[i]).filter(|e| leads(e.to)).cloned();
        let credentials = self.credential_holders.iter().filter(|(h, _)| *h == holder).flat_map(|&(_, method)| {
            (0..self.nodes.len()).filter(|&u| leads(u)).filter_map(move |u| self.credential_edge(holder, method, u))
        });
        stored
            .chain(credentials)
            .filter(|e| e.to == ADMIN || e.method.is_some_and(|m| m != "sts-001"))
            .filter(|e| e.grants.iter().any(&grants))
            .filter_map(|first| {
                let rest = match first.to {
                    ADMIN => Vec::new(),
                    to => to_admin[to].as_ref()?.edges.clone(),
                };
                let mut edges = vec![first];
                edges.extend(rest);
                Some(Path { start: holder, edges })
            })
            .min_by_key(|p| (!p.is_known(), p.is_conditional(), p.edges.len()))
    }

    /// For every node, its shortest path over stored edges to one of `targets`.
    pub fn paths_to(&self, targets: &[NodeId]) -> Vec<Option<Path>> {
        let known = self.reverse_bfs(targets, true);
        let any = self.reverse_bfs(targets, false);
        (0..self.nodes.len())
            .map(|n| {
                if targets.contains(&n) {
                    return None;
                }
                let next = if known[n].is_some() { &known } else { &any };
                next[n].as_ref()?;
                let mut edges = Vec::new();
                let mut at = n;
                while let Some(e) = &next[at] {
                    edges.push(e.clone());
                    at = e.to;
                }
                Some(Path { start: n, edges })
            })
            .collect()
    }

    /// Next edge on a shortest path from each node to a target (`None` for targets and unreachable
    /// nodes).
    fn reverse_bfs(&self, targets: &[NodeId], known_only: bool) -> Vec<Option<Edge>> {
        let mut next: Vec<Option<Edge>> = vec![None; self.nodes.len()];
        let mut seen = vec![false; self.nodes.len()];
        let mut queue: VecDeque<NodeId> = VecDeque::new();
        for &t in targets {
            seen[t] = true;
            queue.push_back(t);
        }
        while let Some(n) = queue.pop_front() {
            for edge in self.in_edges(n) {
                if seen[edge.from] || (known_only && edge.missing.is_some()) {
                    continue;
                }
                let from = edge.from;
                seen[from] = true;
                next[from] = Some(edge);
                queue.push_back(from);
            }
        }
        next
    }

    /// Everything `from` reaches, each with its shortest path (known paths preferred), data
    /// resources included.
    pub fn reach(&self, from: NodeId) -> Vec<Reached> {
        let known = self.forward_bfs(from, true);
        let any = self.forward_bfs(from, false);
        // Every node a known path reaches, any path reaches too.
        let mut reached: Vec<NodeId> = any.keys().copied().collect();
        reached.sort_unstable();
        reached
            .into_iter()
            .map(|n| {
                let tree = if known.contains_key(&n) { &known } else { &any };
                let mut edges = Vec::new();
                let mut at = n;
                while let Some(e) = tree.get(&at) {
                    edges.push((*e).clone());
                    at = e.from;
                }
                edges.reverse();
                Reached { node: n, path: Path { start: from, edges } }
            })
            .collect()
    }

    /// The edge each node was first reached by, from `from` (only the nodes reached: a search from
    /// each of many workloads must not cost the whole graph's size).
    fn forward_bfs(&self, from: NodeId, known_only: bool) -> HashMap<NodeId, &Edge> {
        let mut by: HashMap<NodeId, &Edge> = HashMap::new();
        let mut queue = VecDeque::from([from]);
        while let Some(n) = queue.pop_front() {
            // Admin is an end: what an administrator reaches is everything.
            if n == ADMIN {
                continue;
            }
            for e in self.out_edges(n) {
                if e.to == from || by.contains_key(&e.to) || (known_only && e.missing.is_some()) {
                    continue;
                }
                by.insert(e.to, e);
                queue.push_back(e.to);
            }
        }
        by
    }

    /// Every principal that can perform `action` on `resource`, and every node (the internet, other
    /// accounts, workloads, principals) with a path to one of them: the path ends with the action.
    pub fn who_can(&self, action: &str, resource: &str) -> Vec<Path> {
        let direct: Vec<(NodeId, Edge)> = self
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind.is_principal())
            .filter_map(|(i, _)| self.can(i, action, resource).map(|e| (i, e)))
            .collect();
        let targets: Vec<NodeId> = direct.iter().map(|(n, _)| *n).collect();
        let last = |n: NodeId| direct.iter().find(|(d, _)| *d == n).map(|(_, e)| e.clone());
        let mut out: Vec<Path> = direct.iter().map(|(n, e)| Path { start: *n, edges: vec![e.clone()] }).collect();
        for path in self.paths_to(&targets).into_iter().flatten() {
            if self.nodes[path.start].kind == NodeKind::Admin {
                continue;
            }
            let mut path = path;
            if let Some(e) = last(path.end()) {
                path.edges.push(e);
            }
            out.push(path);
        }
        out.sort_by(|a, b| (a.edges.len(), &self.nodes[a.start].arn).cmp(&(b.edges.len(), &self.nodes[b.start].arn)));
        out
    }
}
