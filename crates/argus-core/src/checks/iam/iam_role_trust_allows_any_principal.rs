//! No role's trust policy lets any principal (`*`, `{"AWS":"*"}`, NotPrincipal) assume it without
//! a pinning Condition. Metadata: `checks/iam/iam_role_trust_allows_any_principal.toml`.

use super::policy_common::{for_each_role_trust, list, statement_label};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::public_statement_indices;

pub const CHECK: Check = Check { id: "iam_role_trust_allows_any_principal", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for_each_role_trust(ctx, out, false, |role, policy, r, out| {
        let open: Vec<String> = public_statement_indices(policy)
            .into_iter()
            .filter_map(|i| policy.statements.get(i).map(|st| statement_label(i, st.sid.as_deref())))
            .collect();
        if open.is_empty() {
            out.pass(
                r,
                format_args!("Role {} trusts only specific principals or pins them with a Condition.", role.name),
            );
        } else {
            out.fail(
                r,
                format_args!(
                    "Role {} can be assumed by any AWS principal: trust policy {} allows everyone without a Condition pinning the account, organization or principal.",
                    role.name,
                    list(&open)
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
    fn open_trust_fails_and_pinned_or_specific_trust_passes() {
        let mut s = snapshot();
        auth(&mut s).roles.push(role_trusting(
            "open",
            r#"{"Sid":"Anyone","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}"#,
        ));
        auth(&mut s).roles.push(role_trusting(
            "org",
            r#"{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}"#,
        ));
        auth(&mut s).roles.push(role_trusting(
            "partner",
            r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}"#,
        ));
        auth(&mut s).roles.push(role("lambda"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "open"), Status::Fail);
        assert_eq!(status_of(&f, "org"), Status::Pass);
        assert_eq!(status_of(&f, "partner"), Status::Pass);
        assert_eq!(status_of(&f, "lambda"), Status::Pass);
        let open = f.iter().find(|x| x.resource.id == "open").map(|x| x.message.clone()).unwrap_or_default();
        assert!(open.contains("Statement[0] (Sid \"Anyone\")"), "{open}");
    }

    #[test]
    fn malformed_or_missing_trust_and_missing_details_are_errors() {
        let mut s = snapshot();
        let mut broken = role("broken");
        broken.trust_policy = Some(doc(BROKEN));
        let mut missing = role("missing");
        missing.trust_policy = None;
        auth(&mut s).roles.extend([broken, missing]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "broken"), Status::Error);
        assert_eq!(status_of(&f, "missing"), Status::Error);
        assert!(f.iter().any(|x| x.message.contains("policy broken (trust policy) is malformed")));

        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
