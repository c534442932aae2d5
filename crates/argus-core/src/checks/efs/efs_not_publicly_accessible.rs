//! No EFS file system policy opens the file system to everyone. Metadata:
//! `checks/efs/efs_not_publicly_accessible.toml`.

use super::each_file_system;
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::{analyse_resource_policy, Exposure, Statement};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "efs_not_publicly_accessible", run };

/// `"Bool": {"elasticfilesystem:AccessedViaMountTarget": "true"}`: only clients that reach a mount
/// target through the VPC's network (not anyone on the internet) can use the statement.
fn only_through_mount_targets(st: &Statement) -> bool {
    st.conditions.iter().any(|c| {
        c.operator.is("Bool")
            && c.key.as_str() == "elasticfilesystem:accessedviamounttarget"
            && !c.values.is_empty()
            && c.values.iter().all(|v| v.eq_ignore_ascii_case("true"))
    })
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_file_system(ctx, out, |_, _, fs, r, out| {
        let doc = match &fs.policy {
            Fetched::Err(e) => return out.error(r, e),
            Fetched::Ok(None) => {
                return out.fail(
                    r,
                    "The file system has no file system policy: every client that can reach a mount target gets full access, without IAM authorization.",
                )
            }
            Fetched::Ok(Some(doc)) => doc,
        };
        let policy = match doc.policy() {
            Ok(policy) => policy,
            Err(why) => {
                return out.error_message(
                    r,
                    format_args!("could not be evaluated: the file system policy is malformed: {why}"),
                )
            }
        };
        let report = analyse_resource_policy(policy, ctx.account_id());
        let open: Vec<String> = report
            .statements
            .iter()
            .filter(|s| matches!(s.exposure, Exposure::Public { .. }))
            .filter(|s| !policy.statements.get(s.index).is_some_and(only_through_mount_targets))
            .map(|s| match (&s.sid, &s.exposure) {
                (Some(sid), Exposure::Public { actions, .. }) if !sid.is_empty() => {
                    format!("statement {sid:?} allows anyone {}", actions.join(", "))
                }
                (_, Exposure::Public { actions, .. }) => {
                    format!("statement #{} allows anyone {}", s.index, actions.join(", "))
                }
                _ => String::new(),
            })
            .collect();
        if open.is_empty() {
            out.pass(
                r,
                "The file system policy grants no access to everyone (beyond clients that reach a mount target).",
            );
        } else {
            out.fail(r, format_args!("The file system policy is public: {}.", open.join("; ")));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::efs::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::FileSystem;
    use crate::testing::*;

    fn with_policy(id: &str, json: &str) -> FileSystem {
        FileSystem { policy: Fetched::Ok(Some(doc(json))), ..file_system(id) }
    }

    #[test]
    fn public_or_missing_policies_fail() {
        let mut s = snapshot();
        let public = r#"{"Statement":[{"Sid":"Open","Effect":"Allow","Principal":{"AWS":"*"},"Action":"elasticfilesystem:ClientMount","Resource":"*"}]}"#;
        let via_mount = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["elasticfilesystem:ClientMount","elasticfilesystem:ClientWrite"],"Resource":"*","Condition":{"Bool":{"elasticfilesystem:AccessedViaMountTarget":"true"}}}]}"#;
        let own = format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"elasticfilesystem:ClientMount","Resource":"*"}}]}}"#
        );
        file_systems(&mut s).extend([
            with_policy("fs-public", public),
            with_policy("fs-mount", via_mount),
            with_policy("fs-own", &own),
            file_system("fs-none"),
            with_policy("fs-broken", "{oops"),
            FileSystem { policy: Fetched::Err(denied("efs", "DescribeFileSystemPolicy")), ..file_system("fs-denied") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "fs-public"), Status::Fail);
        assert_eq!(status_of(&f, "fs-mount"), Status::Pass);
        assert_eq!(status_of(&f, "fs-own"), Status::Pass);
        assert_eq!(status_of(&f, "fs-none"), Status::Fail);
        assert_eq!(status_of(&f, "fs-broken"), Status::Error);
        assert_eq!(status_of(&f, "fs-denied"), Status::Error);
        let public = f.iter().find(|x| x.resource.id == "fs-public").unwrap();
        assert!(
            public.message.contains("statement \"Open\" allows anyone elasticfilesystem:ClientMount"),
            "{}",
            public.message
        );
    }
}
