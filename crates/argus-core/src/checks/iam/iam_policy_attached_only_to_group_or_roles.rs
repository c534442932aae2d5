//! No IAM user has managed or inline policies of its own: permissions come through groups (or roles). Metadata: `checks/iam/iam_policy_attached_only_to_group_or_roles.toml`.

use super::policy_common::{auth_details, user_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_policy_attached_only_to_group_or_roles", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else { return };
    for user in &details.users {
        let r = user_resource(user);
        let mut parts = Vec::new();
        if !user.attached_policies.is_empty() {
            let names: Vec<&str> = user.attached_policies.iter().map(|p| p.name.as_str()).collect();
            parts.push(format!("managed {}", names.join(", ")));
        }
        if !user.inline_policies.is_empty() {
            let names: Vec<&str> = user.inline_policies.iter().map(|p| p.name.as_str()).collect();
            parts.push(format!("inline {}", names.join(", ")));
        }
        if parts.is_empty() {
            out.pass(r, format_args!("User {} has no policies attached directly.", user.name));
        } else {
            out.fail(r, format_args!("User {} has policies attached directly: {}.", user.name, parts.join("; ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::cred_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn verdict_per_user() {
        let mut s = snapshot();
        let mut grouped = user("grouped");
        grouped.groups.push("admins".into());
        grouped.tags.insert("team".into(), "ops".into());
        let mut managed = user("managed");
        managed.attached_policies.push(aws_managed("ReadOnlyAccess"));
        let mut both = user("both");
        both.attached_policies.push(aws_managed("AdministratorAccess"));
        both.inline_policies.push(inline("list-buckets"));
        auth(&mut s).users.extend([grouped, managed, both]);
        auth(&mut s).groups.push(group("admins"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "grouped"), Status::Pass);
        assert_eq!(status_of(&f, "managed"), Status::Fail);
        assert_eq!(status_of(&f, "both"), Status::Fail);
        let both = f.iter().find(|x| x.resource.id == "both").unwrap();
        assert!(both.message.contains("managed AdministratorAccess; inline list-buckets"), "{}", both.message);
        let grouped = f.iter().find(|x| x.resource.id == "grouped").unwrap();
        assert_eq!(grouped.resource.tags.get("team").map(String::as_str), Some("ops"));
    }

    #[test]
    fn unreadable_details_are_one_account_error() {
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
