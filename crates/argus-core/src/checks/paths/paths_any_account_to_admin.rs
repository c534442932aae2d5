//! No other AWS account (or every AWS account) can reach administrator through a role it may
//! assume. Metadata: `checks/paths/paths_any_account_to_admin.toml`.

use super::{conditional_note, node_resource, path_views, render_paths, report_blind_spots, unknown_path_message};
use crate::engine::{Check, CheckContext, Findings};
use crate::paths::{NodeKind, Path, ANY_ACCOUNT};

pub const CHECK: Check = Check { id: "paths_any_account_to_admin", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let graph = ctx.attack_graph();
    report_blind_spots(ctx, graph, out, false);
    let to_admin = graph.paths_to_admin();
    for (role, n) in graph.nodes().iter().enumerate().filter(|(_, n)| n.kind == NodeKind::Role) {
        // Every outside source trusted by the role, with the path from it through the role.
        let outside: Vec<Path> = graph
            .in_edges(role)
            .into_iter()
            .filter(|e| matches!(graph.node(e.from).kind, NodeKind::AnyAccount | NodeKind::Account))
            .filter_map(|e| {
                let rest = to_admin[role].as_ref()?;
                let start = e.from;
                let mut edges = vec![e];
                edges.extend(rest.edges.iter().cloned());
                Some(Path { start, edges })
            })
            .collect();
        let r = node_resource(ctx, graph, role);
        let known: Vec<&Path> = outside.iter().filter(|p| p.is_known()).collect();
        if !known.is_empty() {
            let from =
                if known.iter().any(|p| p.start == ANY_ACCOUNT) { "any AWS account" } else { "another AWS account" };
            out.fail_with_paths(
                r,
                path_views(graph, &known),
                format_args!(
                    "{from} can reach administrator through {n}: {}{}",
                    render_paths(graph, &known),
                    conditional_note(&known)
                ),
            );
        } else if let Some(p) = outside.first() {
            out.error_with_paths(
                r,
                path_views(graph, &[p]),
                unknown_path_message(graph, "a path from another account to administrator", p),
            );
        } else {
            out.pass(r, format_args!("no other AWS account reaches administrator through {n}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::paths::fixtures::*;
    use crate::testing::*;

    #[test]
    fn an_open_trust_to_an_admin_role_fails_and_a_pinned_one_passes() {
        let mut s = snapshot();
        open_trust_admin(&mut s, "");
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![("ops".to_string(), Status::Fail)]);
        assert_eq!(
            f[0].message.as_str(),
            "any AWS account can reach administrator through role ops: any AWS account -> role ops (sts:AssumeRole) \
             [trust policy of ops Anyone] -> admin (holds administrator access) [AdministratorAccess All]"
        );

        let paths = f[0].paths.as_deref().expect("paths");
        let hops: Vec<(&str, &str)> = paths.shown[0].hops.iter().map(|h| (h.kind.as_str(), h.name.as_str())).collect();
        assert_eq!(hops, [("any_account", "*"), ("role", "ops"), ("admin", "admin")]);

        let mut pinned = snapshot();
        open_trust_admin(&mut pinned, r#","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}"#);
        assert_eq!(statuses(&run_check(CHECK, &pinned)), vec![("ops".to_string(), Status::Pass)]);
    }

    #[test]
    fn a_named_other_account_is_reported_too() {
        let mut s = snapshot();
        open_trust_admin(&mut s, "");
        auth(&mut s).roles[0].trust_policy = Some(doc(&crate::checks::iam::policy_fixtures::policy(
            r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"sts:AssumeRole"}"#,
        )));
        let f = run_check(CHECK, &s);
        assert_eq!(f[0].status, Status::Fail);
        assert!(
            f[0].message.starts_with(
                "another AWS account can reach administrator through role ops: account 999999999999 -> role ops"
            ),
            "{}",
            f[0].message
        );
    }
}
