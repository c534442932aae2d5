//! No inline policy allows kms:* on Resource *. Metadata: `checks/iam/iam_inline_policy_no_full_access_to_kms.toml`.

use super::policy_common::{auth_details, judge_inline_policies, list};
use super::service_grants::full_access_statements;
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::Policy;

pub const CHECK: Check = Check { id: "iam_inline_policy_no_full_access_to_kms", run };

const NOUN: &str = "kms:* on Resource *";

fn problem(policy: &Policy) -> Option<String> {
    let statements = full_access_statements(policy, "kms");
    (!statements.is_empty()).then(|| format!("allows kms:* on Resource * in {}", list(&statements)))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    judge_inline_policies(details, out, NOUN, problem);
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn a_wildcard_grant_fails_and_a_narrow_one_passes() {
        let mut s = snapshot();
        let mut wide = role("wide");
        wide.inline_policies.push(inline("grant", &policy(r#"{"Effect":"Allow","Action":"kms:*","Resource":"*"}"#)));
        let mut narrow = user("narrow");
        narrow
            .inline_policies
            .push(inline("read", &policy(r#"{"Effect":"Allow","Action":"kms:Describe*","Resource":"*"}"#)));
        auth(&mut s).roles.push(wide);
        auth(&mut s).users.push(narrow);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "wide"), Status::Fail);
        assert_eq!(status_of(&f, "narrow"), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == "wide").expect("judged").message;
        assert!(msg.contains("inline policy grant allows kms:* on Resource *"), "{msg}");
    }

    #[test]
    fn a_malformed_policy_or_missing_details_is_an_error() {
        let mut s = snapshot();
        let mut bob = user("bob");
        bob.inline_policies.push(inline("odd", INVALID));
        auth(&mut s).users.push(bob);
        assert_eq!(status_of(&run_check(CHECK, &s), "bob"), Status::Error);
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
