//! Attack-path checks: what a principal, the internet or another AWS account can reach through the
//! account's graph (`crate::paths`), every hop named with the statement that grants it.

use crate::engine::{CheckContext, Findings, Resource, GLOBAL_REGION};
use crate::paths::{Graph, NodeId, Path};
use std::sync::Arc;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_paths.rs"));

/// How many paths a message spells out before counting the rest.
const MAX_PATHS: usize = 3;

/// A node of the graph as a finding's resource (id = its name, as the IAM and workload checks name
/// principals, functions and instances).
pub(crate) fn node_resource(ctx: &CheckContext<'_>, graph: &Graph, node: NodeId) -> Arc<Resource> {
    let n = graph.node(node);
    let region = ctx.region_name(n.region.as_deref().unwrap_or(GLOBAL_REGION.as_str()));
    Arc::new(Resource::identified_by_name(&n.name, &n.arn, region, &Default::default()))
}

/// One ERROR per part of the account the graph could not see: paths through it are unknown.
pub(crate) fn report_blind_spots(ctx: &CheckContext<'_>, graph: &Graph, out: &mut Findings) {
    for b in graph.blind_spots() {
        let resource =
            if b.region == GLOBAL_REGION.as_str() { ctx.account_resource() } else { ctx.region_resource(&b.region) };
        out.error_message(
            resource,
            format_args!("could not be evaluated: paths through {} are unknown: {}", b.what, b.cause),
        );
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

/// The ERROR message for a path that exists only through hops whose data was not collected.
pub(crate) fn unknown_path_message(graph: &Graph, what: &str, path: &Path) -> String {
    format!(
        "could not be evaluated: {what} may exist through data argus could not read ({}): {}",
        path.missing().join("; "),
        path.render(graph)
    )
}

/// `; other paths may exist through data argus could not read (...)` for the paths among `paths` that
/// cross unread data: a FAIL about the known paths still names what it could not judge.
pub(crate) fn unread_note(paths: &[Path]) -> String {
    let mut missing: Vec<&str> = paths.iter().filter(|p| !p.is_known()).flat_map(|p| p.missing()).collect();
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        String::new()
    } else {
        format!("; other paths may exist through data argus could not read ({})", missing.join("; "))
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
