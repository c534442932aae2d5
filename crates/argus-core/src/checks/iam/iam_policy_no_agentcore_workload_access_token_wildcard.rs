//! No customer managed policy lets its holder retrieve Bedrock AgentCore workload access tokens
//! beyond the workload-identity directory. Metadata:
//! `checks/iam/iam_policy_no_agentcore_workload_access_token_wildcard.toml`.

use super::agentcore::unscoped_token_grants;
use super::policy_common::{list, run_on_customer_policies};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::Policy;

pub const CHECK: Check = Check { id: "iam_policy_no_agentcore_workload_access_token_wildcard", run };

const NOUN: &str = "AgentCore workload access token retrieval outside workload identities";

fn problem(policy: &Policy) -> Option<String> {
    let (actions, statements) = unscoped_token_grants(policy);
    (!actions.is_empty()).then(|| {
        format!(
            "allows {} on resources beyond workload identity ARNs in {} (conditions are not evaluated)",
            actions.join(", "),
            list(&statements)
        )
    })
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    run_on_customer_policies(ctx, out, NOUN, problem);
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::assert_judges_customer_policies_saying;
    use super::*;

    #[test]
    fn a_token_grant_on_every_resource_fails_a_directory_scoped_one_passes_and_unreadable_data_is_an_error() {
        assert_judges_customer_policies_saying(
            CHECK,
            r#"{"Effect":"Allow","Action":"bedrock-agentcore:GetWorkloadAccessToken","Resource":"*"}"#,
            r#"{"Effect":"Allow","Action":"bedrock-agentcore:GetWorkloadAccessToken*","Resource":"arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/*"}"#,
            "allows bedrock-agentcore:GetWorkloadAccessToken on resources beyond workload identity ARNs",
        );
    }
}
