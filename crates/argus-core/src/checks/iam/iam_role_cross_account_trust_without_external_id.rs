//! No role trusts principals of another account without an `sts:ExternalId` (or MFA) Condition.
//! Metadata: `checks/iam/iam_role_cross_account_trust_without_external_id.toml`.

use super::policy_common::{for_each_role_trust, list};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::trust_cross_account_without_external_id;

pub const CHECK: Check = Check { id: "iam_role_cross_account_trust_without_external_id", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let account = ctx.account_id().to_string();
    for_each_role_trust(ctx, out, false, |role, policy, r, out| {
        let accounts = trust_cross_account_without_external_id(policy, &account);
        if accounts.is_empty() {
            out.pass(
                r,
                format_args!("Role {} trusts no other account without an sts:ExternalId or MFA condition.", role.name),
            );
        } else {
            out.fail(
                r,
                format_args!(
                    "Role {} can be assumed from account(s) {} without an sts:ExternalId or MFA condition.",
                    role.name,
                    list(&accounts)
                ),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn cross_account_trust_needs_external_id() {
        let mut s = snapshot();
        auth(&mut s).roles.push(role_trusting(
            "vendor",
            r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}"#,
        ));
        auth(&mut s).roles.push(role_trusting(
            "vendor-ext",
            r#"{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x-1"}}}"#,
        ));
        auth(&mut s).roles.push(role_trusting(
            "local",
            &format!(
                r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"sts:AssumeRole"}}"#
            ),
        ));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vendor"), Status::Fail);
        assert_eq!(status_of(&f, "vendor-ext"), Status::Pass);
        assert_eq!(status_of(&f, "local"), Status::Pass);
        assert!(f.iter().any(|x| x.message.contains("444455556666")));
    }

    #[test]
    fn malformed_trust_and_missing_details_are_errors() {
        let mut s = snapshot();
        let mut broken = role("broken");
        broken.trust_policy = Some(doc(INVALID));
        auth(&mut s).roles.push(broken);
        assert_eq!(status_of(&run_check(CHECK, &s), "broken"), Status::Error);

        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
