//! No inline policy allows aws-marketplace:Subscribe on Resource *. Metadata: `checks/iam/iam_inline_policy_no_wildcard_marketplace_subscribe.toml`.

use super::policy_common::{list, run_on_inline_policies};
use super::service_grants::action_statements;
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::Policy;

pub const CHECK: Check = Check { id: "iam_inline_policy_no_wildcard_marketplace_subscribe", run };

const NOUN: &str = "aws-marketplace:Subscribe on Resource *";

fn problem(policy: &Policy) -> Option<String> {
    let statements = action_statements(policy, "aws-marketplace:Subscribe");
    (!statements.is_empty()).then(|| format!("allows aws-marketplace:Subscribe on Resource * in {}", list(&statements)))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    run_on_inline_policies(ctx, out, NOUN, problem);
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::assert_judges_inline_policies;
    use super::*;

    #[test]
    fn a_wildcard_grant_fails_a_narrow_one_passes_and_unreadable_data_is_an_error() {
        assert_judges_inline_policies(
            CHECK,
            r#"{"Effect":"Allow","Action":"aws-marketplace:*","Resource":"*"}"#,
            r#"{"Effect":"Allow","Action":"aws-marketplace:ViewSubscriptions","Resource":"*"}"#,
            "aws-marketplace:Subscribe",
        );
    }
}
