//! No user or role can become administrator through other principals, passed roles or escalation
//! methods. Metadata: `checks/paths/paths_principal_can_escalate_to_admin.toml`.

use super::{conditional_note, node_resource, path_views, render_paths, report_blind_spots, unknown_path_message};
use crate::engine::{Check, CheckContext, Findings};
use crate::paths::ADMIN;

pub const CHECK: Check = Check { id: "paths_principal_can_escalate_to_admin", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let graph = ctx.attack_graph();
    report_blind_spots(ctx, graph, out, false);
    let to_admin = graph.paths_to_admin();
    for (node, n) in graph.nodes().iter().enumerate() {
        if !n.kind.is_principal() {
            continue;
        }
        let r = node_resource(ctx, graph, node);
        match &to_admin[node] {
            Some(p) if p.edges.len() == 1 && p.edges[0].method.is_none() && p.edges[0].to == ADMIN => {
                out.pass(r, format_args!("{n} holds administrator access itself: nothing to escalate to"))
            }
            Some(p) if p.is_known() => {
                let methods = p.methods();
                let methods = if methods.is_empty() { "sts:AssumeRole".to_string() } else { methods.join(", ") };
                out.fail_with_paths(
                    r,
                    path_views(graph, &[p]),
                    format_args!(
                        "{n} can become administrator ({methods}): {}{}",
                        render_paths(graph, &[p]),
                        conditional_note(&[p])
                    ),
                )
            }
            Some(p) => out.error_with_paths(
                r,
                path_views(graph, &[p]),
                unknown_path_message(graph, "a path to administrator", p),
            ),
            None => out.pass(r, format_args!("{n} has no path to administrator")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::paths::fixtures::*;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    fn message(f: &[crate::engine::Finding], id: &str) -> (Status, String) {
        let f = f.iter().find(|f| f.resource.id == id).unwrap_or_else(|| panic!("no finding for {id}: {f:?}"));
        (f.status, f.message.to_string())
    }

    #[test]
    fn fails_for_an_escalation_passes_for_admins_and_the_rest() {
        let mut s = snapshot();
        access_key_escalation(&mut s, "");
        let f = run_check(CHECK, &s);
        let (status, msg) = message(&f, "dev");
        assert_eq!(status, Status::Fail);
        assert_eq!(
            msg,
            "user dev can become administrator (iam-002): user dev -> user boss (iam:CreateAccessKey on user boss; \
             iam-002) [keys (inline) Keys] -> admin (holds administrator access) [AdministratorAccess All]"
        );
        let dev = f.iter().find(|f| f.resource.id == "dev").and_then(|f| f.paths.as_deref()).expect("paths");
        let hops: Vec<&str> = dev.shown[0].hops.iter().map(|h| h.name.as_str()).collect();
        assert_eq!((hops, dev.not_shown), (vec!["dev", "boss", "admin"], 0));
        assert_eq!(dev.shown[0].edges[0].method.as_deref(), Some("iam-002"));
        assert_eq!(message(&f, "boss").0, Status::Pass);
        assert!(f.iter().filter(|f| f.status == Status::Pass).all(|f| f.paths.is_none()));
        assert!(message(&f, "boss").1.contains("holds administrator access itself"));
    }

    #[test]
    fn a_path_through_uncollected_data_is_an_error_naming_the_call() {
        let mut s = snapshot();
        with_admin_policy(&mut s);
        let mut dev = crate::checks::iam::policy_fixtures::user("dev");
        dev.inline_policies.push(crate::checks::iam::policy_fixtures::inline(
            "glue",
            &crate::checks::iam::policy_fixtures::policy(
                r#"{"Effect":"Allow","Action":"glue:UpdateDevEndpoint","Resource":"*"}"#,
            ),
        ));
        auth(&mut s).users.push(dev);
        // The dev endpoints could not be listed: whether one runs as an administrator is unknown.
        region_mut(&mut s, REGION).role_runners.as_mut().expect("collected").glue_dev_endpoints =
            Fetched::Err(denied("glue", "GetDevEndpoints"));
        let (status, msg) = message(&run_check(CHECK, &s), "dev");
        assert_eq!(status, Status::Error);
        assert!(msg.contains("glue:GetDevEndpoints") && msg.contains("glue-002"), "{msg}");
        let f = run_check(CHECK, &s);
        let dev = f.iter().find(|f| f.resource.id == "dev").and_then(|f| f.paths.as_deref()).expect("paths");
        assert!(dev.shown[0]
            .edges
            .iter()
            .any(|e| e.missing.as_deref().is_some_and(|m| m.contains("glue:GetDevEndpoints"))));
    }

    #[test]
    fn an_unreadable_iam_listing_is_an_error() {
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
        assert!(f[0].message.contains("GetAccountAuthorizationDetails"), "{}", f[0].message);
    }
}
