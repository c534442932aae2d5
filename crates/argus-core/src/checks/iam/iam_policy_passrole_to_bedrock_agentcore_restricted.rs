//! No customer managed policy allows iam:PassRole on every role to Bedrock AgentCore. Metadata:
//! `checks/iam/iam_policy_passrole_to_bedrock_agentcore_restricted.toml`.

use super::agentcore::passrole_to_agentcore_on_every_role;
use super::policy_common::{list, run_on_customer_policies};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::Policy;

pub const CHECK: Check = Check { id: "iam_policy_passrole_to_bedrock_agentcore_restricted", run };

const NOUN: &str = "iam:PassRole on every role to Bedrock AgentCore";

fn problem(policy: &Policy) -> Option<String> {
    let statements = passrole_to_agentcore_on_every_role(policy);
    (!statements.is_empty())
        .then(|| format!("allows iam:PassRole on every role to Bedrock AgentCore in {}", list(&statements)))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    run_on_customer_policies(ctx, out, NOUN, problem);
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::assert_judges_customer_policies_saying;
    use super::*;

    #[test]
    fn passrole_on_every_role_beside_agentcore_fails_a_named_role_passes_and_unreadable_data_is_an_error() {
        assert_judges_customer_policies_saying(
            CHECK,
            r#"{"Effect":"Allow","Action":["iam:PassRole","bedrock-agentcore:CreateAgentRuntime"],"Resource":"*"}"#,
            r#"{"Effect":"Allow","Action":["iam:PassRole","bedrock-agentcore:CreateAgentRuntime"],"Resource":"arn:aws:iam::123456789012:role/AgentRuntime"}"#,
            "allows iam:PassRole on every role to Bedrock AgentCore",
        );
    }
}
