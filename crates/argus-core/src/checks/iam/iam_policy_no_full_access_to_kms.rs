//! No customer managed policy allows kms:* on Resource *. Metadata: `checks/iam/iam_policy_no_full_access_to_kms.toml`.

use super::policy_common::{list, run_on_customer_policies};
use super::service_grants::full_access_statements;
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::Policy;

pub const CHECK: Check = Check { id: "iam_policy_no_full_access_to_kms", run };

const NOUN: &str = "kms:* on Resource *";

fn problem(policy: &Policy) -> Option<String> {
    let statements = full_access_statements(policy, "kms");
    (!statements.is_empty()).then(|| format!("allows kms:* on Resource * in {}", list(&statements)))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    run_on_customer_policies(ctx, out, NOUN, problem);
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::assert_judges_customer_policies;
    use super::*;

    #[test]
    fn a_wildcard_grant_fails_a_narrow_one_passes_and_unreadable_data_is_an_error() {
        assert_judges_customer_policies(
            CHECK,
            r#"{"Effect":"Allow","Action":"kms:*","Resource":"*"}"#,
            r#"{"Effect":"Allow","Action":"kms:Describe*","Resource":"*"}"#,
            "kms:*",
        );
    }
}
