//! No customer managed policy allows sts:AssumeRole on Resource `*`.
//! Metadata: `checks/iam/iam_no_custom_policy_permissive_role_assumption.toml`.

use super::policy_common::{list, run_on_customer_policies};
use super::service_grants::action_statements;
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::Policy;

pub const CHECK: Check = Check { id: "iam_no_custom_policy_permissive_role_assumption", run };

const NOUN: &str = "sts:AssumeRole on Resource *";

fn problem(policy: &Policy) -> Option<String> {
    let statements = action_statements(policy, "sts:AssumeRole");
    (!statements.is_empty()).then(|| format!("allows sts:AssumeRole on Resource * in {}", list(&statements)))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    run_on_customer_policies(ctx, out, NOUN, problem);
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    fn arn(name: &str) -> String {
        format!("arn:aws:iam::{ACCOUNT}:policy/{name}")
    }

    #[test]
    fn assuming_any_role_fails_and_named_roles_pass() {
        let mut s = snapshot();
        let any = policy(r#"{"Effect":"Allow","Action":"sts:*","Resource":"*"}"#);
        let named = policy(
            r#"{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::123456789012:role/deploy"}"#,
        );
        auth(&mut s).policies.push(customer_policy("any", &any, 1));
        auth(&mut s).policies.push(customer_policy("named", &named, 1));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &arn("any")), Status::Fail);
        assert_eq!(status_of(&f, &arn("named")), Status::Pass);
    }

    #[test]
    fn a_malformed_policy_or_missing_details_is_an_error() {
        let mut s = snapshot();
        auth(&mut s).policies.push(customer_policy("broken", BROKEN, 1));
        assert_eq!(status_of(&run_check(CHECK, &s), &arn("broken")), Status::Error);
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
