//! No workload the internet reaches leads to data (buckets, secrets, KMS keys, databases) or to
//! administrator. Metadata: `checks/paths/paths_internet_to_sensitive_data.toml`.

use super::{
    conditional_note, node_resource, path_views, render_paths, report_blind_spots, unknown_path_message, unread_note,
    unread_reach,
};
use crate::engine::{Check, CheckContext, Findings};
use crate::paths::{Edge, NodeKind, Path, ADMIN, INTERNET};
use std::collections::HashMap;

pub const CHECK: Check = Check { id: "paths_internet_to_sensitive_data", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let graph = ctx.attack_graph();
    report_blind_spots(ctx, graph, out, true);
    // Each workload's first edge from the internet, found in one pass over the edges.
    let mut exposures: HashMap<usize, &Edge> = HashMap::new();
    for e in graph.edges().iter().filter(|e| e.from == INTERNET) {
        exposures.entry(e.to).or_insert(e);
    }
    for (workload, n) in graph.nodes().iter().enumerate().filter(|(_, n)| n.kind.is_workload()) {
        let r = node_resource(ctx, graph, workload);
        let Some(&exposure) = exposures.get(&workload) else {
            out.pass(r, format_args!("{n} is not reachable from the internet (public IP with an open security group, function URL without auth, or public database)"));
            continue;
        };
        // The workload itself when it holds data (a public database), then everything it reaches.
        let mut paths: Vec<Path> = Vec::new();
        if n.kind.is_data() {
            paths.push(Path { start: INTERNET, edges: vec![exposure.clone()] });
        }
        let mut reached = graph.reach(workload);
        // Admin first, then data, each in node order: the most severe end leads the message.
        reached.sort_by_key(|r| (r.node != ADMIN, r.node));
        for target in reached {
            let kind = graph.node(target.node).kind;
            if target.node != ADMIN && !kind.is_data() {
                continue;
            }
            let mut edges = vec![exposure.clone()];
            edges.extend(target.path.edges);
            paths.push(Path { start: INTERNET, edges });
        }
        let known: Vec<&Path> = paths.iter().filter(|p| p.is_known()).collect();
        if !known.is_empty() {
            out.fail_with_paths(
                r,
                path_views(graph, &known),
                format_args!(
                    "the internet reaches {} through {n}: {}{}{}",
                    reached_summary(graph, &known),
                    render_paths(graph, &known),
                    conditional_note(&known),
                    unread_note(graph, &paths)
                ),
            );
        } else if let Some(p) = paths.first() {
            out.error_with_paths(
                r,
                path_views(graph, &[p]),
                unknown_path_message(graph, "a path from the internet to data", p),
            );
        } else {
            match unread_reach(graph, &paths) {
                unread if unread.is_empty() => match &exposure.missing {
                    None => out.pass(
                        r,
                        format_args!(
                            "{n} is reachable from the internet ({}) but leads to no data or administrator",
                            exposure.via
                        ),
                    ),
                    // Whether the internet reaches it does not matter: it leads nowhere.
                    Some(missing) => out.pass(
                        r,
                        format_args!(
                            "{n} leads to no data or administrator (whether the internet reaches it is unknown: \
                             {missing})"
                        ),
                    ),
                },
                unread => out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: {n} is reachable from the internet ({}) and leads to no data or \
                         administrator argus could see, but it may reach data through what argus could not read ({unread})",
                        exposure.via
                    ),
                ),
            }
        }
    }
}

/// `administrator, 2 data resources` for the ends of `paths`.
fn reached_summary(graph: &crate::paths::Graph, paths: &[&Path]) -> String {
    let admin = paths.iter().any(|p| p.end() == ADMIN);
    let data = paths.iter().filter(|p| graph.node(p.end()).kind != NodeKind::Admin).count();
    match (admin, data) {
        (true, 0) => "administrator".to_string(),
        (true, d) => format!("administrator and {d} data resource(s)"),
        (false, d) => format!("{d} data resource(s)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::paths::fixtures::*;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn an_exposed_instance_whose_role_reads_a_bucket_fails_naming_every_hop() {
        let mut s = snapshot();
        exposed_instance(&mut s);
        public_function(&mut s);
        let f = run_check(CHECK, &s);
        let i = f.iter().find(|f| f.resource.id == "i-0abc").expect("instance finding");
        assert_eq!(i.status, Status::Fail);
        assert_eq!(
            i.message.as_str(),
            "the internet reaches 1 data resource(s) through instance i-0abc: internet -> instance i-0abc (public IP \
             203.0.113.5, SSH open to 0.0.0.0/0 in sg-web, IMDSv1) -> role web-app (instance profile) -> bucket \
             customer-data (s3:GetObject) [read-data (inline) ReadData]"
        );
        let paths = i.paths.as_deref().expect("paths");
        assert_eq!((paths.shown.len(), paths.not_shown), (1, 0));
        assert_eq!(paths.shown[0].hops.len(), 4);
        let api = f.iter().find(|f| f.resource.id == "api").expect("function finding");
        assert_eq!(api.status, Status::Fail);
        assert!(api.message.contains("secret db-password (secretsmanager:GetSecretValue)"), "{}", api.message);
    }

    #[test]
    fn closed_security_group_passes_and_an_unreadable_one_errors() {
        let mut s = snapshot();
        exposed_instance(&mut s);
        list(&mut ec2(&mut s).security_groups)[0].ingress.clear();
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![("i-0abc".to_string(), Status::Pass)]);

        let mut s = snapshot();
        exposed_instance(&mut s);
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![("i-0abc".to_string(), Status::Error)]);
        assert!(f[0].message.contains("ec2:DescribeSecurityGroups"), "{}", f[0].message);

        // An instance that leads nowhere passes whether or not the internet reaches it, and says what
        // it could not read.
        auth(&mut s).roles.retain(|r| r.name != "web-app");
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![("i-0abc".to_string(), Status::Pass)]);
        assert!(
            f[0].message.contains("leads to no data or administrator (whether the internet reaches it is unknown: ")
                && f[0].message.contains("ec2:DescribeSecurityGroups"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn an_unread_bucket_policy_is_named_and_leaves_no_pass() {
        // The instance reaches customer-data; the function reaches its secret. A second bucket's policy
        // could not be read: it may grant either role, so both FAILs say so, and an exposed workload
        // that reaches nothing argus could see is an ERROR, not a PASS.
        let mut s = snapshot();
        exposed_instance(&mut s);
        let mut hidden = bucket("archive");
        hidden.policy = Fetched::Err(denied("s3", "GetBucketPolicy"));
        buckets(&mut s).push(hidden);
        let f = run_check(CHECK, &s);
        let region = f.iter().find(|f| f.resource.id == REGION).expect("blind spot finding");
        assert_eq!(region.status, Status::Error);
        assert!(region.message.contains("the resource policy of bucket archive"), "{}", region.message);
        let i = f.iter().find(|f| f.resource.id == "i-0abc").expect("instance finding");
        assert_eq!(i.status, Status::Fail);
        assert!(
            i.message.contains(
                "; other paths may exist through data argus could not read (the resource policy of bucket archive: "
            ),
            "{}",
            i.message
        );
        assert!(i.message.contains("GetBucketPolicy"), "{}", i.message);

        auth(&mut s).roles.retain(|r| r.name != "web-app");
        let f = run_check(CHECK, &s);
        let i = f.iter().find(|f| f.resource.id == "i-0abc").expect("instance finding");
        assert_eq!(i.status, Status::Error, "{}", i.message);
        assert!(i.message.contains("the resource policy of bucket archive"), "{}", i.message);

        // Escalation to administrator never goes through a bucket policy.
        let f = run_check(super::super::paths_principal_can_escalate_to_admin::CHECK, &s);
        assert!(f.iter().all(|f| f.status != Status::Error), "{f:?}");
    }

    #[test]
    fn an_unreadable_listing_is_an_error_for_its_region() {
        let mut s = snapshot();
        crate::checks::awslambda::lambda_fixtures::fail_listing(&mut s);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
        assert!(
            f[0].message.contains("Lambda functions") && f[0].message.contains("lambda:ListFunctions"),
            "{}",
            f[0].message
        );
    }
}
