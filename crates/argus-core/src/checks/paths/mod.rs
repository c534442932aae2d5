//! Attack-path checks: what a principal, the internet or another AWS account can reach through the
//! account's graph (`crate::paths`), every hop named with the statement that grants it.

use crate::engine::{AttackPaths, CheckContext, Findings, Resource, GLOBAL_REGION};
use crate::paths::{Blind, BlindKind, Graph, NodeId, Path};
use std::collections::BTreeMap;
use std::sync::Arc;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_paths.rs"));

/// How many paths a message spells out before counting the rest.
const MAX_PATHS: usize = 3;

/// How many blind spots of one region an ERROR names before counting the rest (an account denying
/// every bucket policy has one per bucket).
const MAX_BLIND_SPOTS: usize = 10;

/// A node of the graph as a finding's resource (id = its name, as the IAM and workload checks name
/// principals, functions and instances).
pub(crate) fn node_resource(ctx: &CheckContext<'_>, graph: &Graph, node: NodeId) -> Arc<Resource> {
    let n = graph.node(node);
    let region = ctx.region_name(n.region.as_deref().unwrap_or(GLOBAL_REGION.as_str()));
    Arc::new(Resource::identified_by_name(&n.name, &n.arn, region, &Default::default()))
}

/// One ERROR per region (or for the account) where the graph could not see something: paths through
/// it are unknown. Checks about administrator leave out unread data policies (`with_data_policies`):
/// no escalation goes through a bucket's or a secret's policy.
pub(crate) fn report_blind_spots(ctx: &CheckContext<'_>, graph: &Graph, out: &mut Findings, with_data_policies: bool) {
    let mut by_region: BTreeMap<&str, Vec<&Blind>> = BTreeMap::new();
    for b in graph.blind_spots().iter().filter(|b| with_data_policies || b.kind != BlindKind::DataPolicy) {
        by_region.entry(b.region.as_str()).or_default().push(b);
    }
    for (region, blinds) in by_region {
        let resource =
            if region == GLOBAL_REGION.as_str() { ctx.account_resource() } else { ctx.region_resource(region) };
        let mut parts: Vec<String> = blinds
            .iter()
            .take(MAX_BLIND_SPOTS)
            .map(|b| format!("paths through {} are unknown: {}", b.what, b.cause))
            .collect();
        if blinds.len() > MAX_BLIND_SPOTS {
            parts.push(format!("and {} more", blinds.len() - MAX_BLIND_SPOTS));
        }
        out.error_message(resource, format_args!("could not be evaluated: {}", parts.join("; ")));
    }
}

/// `paths` rendered, at most `MAX_PATHS`, then how many more.
pub(crate) fn render_paths(graph: &Graph, paths: &[&Path]) -> String {
    let mut shown: Vec<String> = paths.iter().take(MAX_PATHS).map(|p| p.render(graph)).collect();
    if paths.len() > MAX_PATHS {
        shown.push(format!("and {} more", paths.len() - MAX_PATHS));
    }
    shown.join("; ")
}

/// `paths` as a finding holds them: the ones [`render_paths`] spells out, and how many more.
pub(crate) fn path_views(graph: &Graph, paths: &[&Path]) -> AttackPaths {
    AttackPaths {
        shown: paths.iter().take(MAX_PATHS).map(|p| p.view(graph)).collect(),
        not_shown: paths.len().saturating_sub(MAX_PATHS),
    }
}

/// The ERROR message for a path that exists only through hops whose data was not collected.
pub(crate) fn unknown_path_message(graph: &Graph, what: &str, path: &Path) -> String {
    format!(
        "could not be evaluated: {what} may exist through data argus could not read ({}): {}",
        path.missing().join("; "),
        path.render(graph)
    )
}

/// What argus could not read that may hide more of what a workload reaches (paths through unread
/// hops among `paths`, and the graph's blind spots other than unlisted workloads), at most
/// `MAX_PATHS` named; empty when nothing is hidden.
pub(crate) fn unread_reach(graph: &Graph, paths: &[Path]) -> String {
    let mut missing: Vec<String> =
        paths.iter().filter(|p| !p.is_known()).flat_map(|p| p.missing()).map(str::to_string).collect();
    missing.extend(graph.blind_spots().iter().filter(|b| b.hides_reach()).map(|b| format!("{}: {}", b.what, b.cause)));
    missing.sort_unstable();
    missing.dedup();
    if missing.len() > MAX_PATHS {
        let more = missing.len() - MAX_PATHS;
        missing.truncate(MAX_PATHS);
        missing.push(format!("and {more} more"));
    }
    missing.join("; ")
}

/// `; other paths may exist through data argus could not read (...)` when [`unread_reach`] names
/// something: a FAIL about the known paths still says what it could not judge.
pub(crate) fn unread_note(graph: &Graph, paths: &[Path]) -> String {
    match unread_reach(graph, paths) {
        unread if unread.is_empty() => String::new(),
        unread => format!("; other paths may exist through data argus could not read ({unread})"),
    }
}

/// ` (conditional: ...)` when some hop of the path depends on a Condition or a possible Deny.
pub(crate) fn conditional_note(paths: &[&Path]) -> &'static str {
    if paths.iter().all(|p| p.is_conditional()) {
        " (every path depends on a Condition, a narrower resource or a possible Deny: verify it holds)"
    } else {
        ""
    }
}
