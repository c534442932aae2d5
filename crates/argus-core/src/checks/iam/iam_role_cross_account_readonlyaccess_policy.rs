//! Roles with ReadOnlyAccess cannot be assumed from other accounts.
//! Metadata: `checks/iam/iam_role_cross_account_readonlyaccess_policy.toml`.

use super::policy_common::{for_each_role_trust, list, same_arn_any_partition};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::{analyse_resource_policy, Exposure};

pub const CHECK: Check = Check { id: "iam_role_cross_account_readonlyaccess_policy", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let account = ctx.account_id().to_string();
    for_each_role_trust(ctx, out, true, |role, trust, r, out| {
        let read_only = role
            .attached_policies
            .iter()
            .any(|a| same_arn_any_partition(&a.arn, "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        if !read_only {
            out.pass(r, format_args!("Role {} does not have ReadOnlyAccess attached.", role.name));
            return;
        }
        let mut outsiders: Vec<String> = Vec::new();
        for statement in &analyse_resource_policy(trust, &account).statements {
            match &statement.exposure {
                Exposure::Public { .. } => outsiders.push("everyone".to_string()),
                Exposure::CrossAccount { accounts } => outsiders.extend(accounts.iter().cloned()),
                Exposure::ServicePrincipal { .. } | Exposure::Private => {}
            }
        }
        outsiders.sort();
        outsiders.dedup();
        if outsiders.is_empty() {
            out.pass(r, format_args!("Role {} has ReadOnlyAccess and trusts no other account.", role.name));
        } else {
            out.fail(
                r,
                format_args!("Role {} grants ReadOnlyAccess to other accounts: {}.", role.name, list(&outsiders)),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::{role_trusting, BROKEN};
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::AttachedPolicy;
    use crate::testing::*;

    fn read_only() -> AttachedPolicy {
        AttachedPolicy { name: "ReadOnlyAccess".into(), arn: "arn:aws:iam::aws:policy/ReadOnlyAccess".into() }
    }

    const OTHER: &str =
        r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"sts:AssumeRole"}"#;
    const SAME: &str =
        r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}"#;

    #[test]
    fn read_only_trusted_by_another_account_fails() {
        let mut s = snapshot();
        let mut partner = role_trusting("partner", OTHER);
        partner.attached_policies.push(read_only());
        let mut internal = role_trusting("internal", SAME);
        internal.attached_policies.push(read_only());
        let plain = role_trusting("plain", OTHER);
        auth(&mut s).roles.extend([partner, internal, plain]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "partner"), Status::Fail);
        assert!(f.iter().any(|x| x.message.contains("999999999999")), "{f:#?}");
        assert_eq!(status_of(&f, "internal"), Status::Pass);
        assert_eq!(status_of(&f, "plain"), Status::Pass, "no ReadOnlyAccess");
    }

    #[test]
    fn an_unreadable_trust_policy_is_an_error() {
        let mut s = snapshot();
        let mut broken = role_trusting("broken", OTHER);
        broken.trust_policy = Some(doc(BROKEN));
        broken.attached_policies.push(read_only());
        auth(&mut s).roles.push(broken);
        assert_eq!(status_of(&run_check(CHECK, &s), "broken"), Status::Error);
    }
}
