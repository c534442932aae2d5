//! What a policy grants towards Amazon Bedrock AgentCore, as Prowler's AgentCore IAM checks read it:
//! workload access token retrieval beyond workload identities, and iam:PassRole on every role beside
//! an AgentCore action. Actions and resources are matched as IAM patterns (wildcards anywhere,
//! NotAction and NotResource honoured); a bare `*` action is left to the administrative-privilege
//! checks, as Prowler does.

use super::policy_common::statement_label;
use crate::policy::{
    action_matches, resource_matches, resource_patterns_overlap, ActionSpec, Condition, Effect, Policy, ResourceSpec,
    SetQualifier, Statement,
};
use regex::Regex;
use std::sync::LazyLock;

pub(crate) const AGENTCORE: &str = "bedrock-agentcore";

/// The operations that hand a caller a workload access token.
pub(crate) const TOKEN_ACTIONS: [&str; 3] = [
    "bedrock-agentcore:GetWorkloadAccessToken",
    "bedrock-agentcore:GetWorkloadAccessTokenForJWT",
    "bedrock-agentcore:GetWorkloadAccessTokenForUserId",
];

/// The resource path every workload identity ARN starts with.
const WORKLOAD_IDENTITY_SEGMENT: &str = "workload-identity-directory";

/// The leading resource-path segments of every other AgentCore resource type (AWS's service
/// reference for bedrock-agentcore).
const OTHER_SEGMENTS: [&str; 22] = [
    "ab-test",
    "batch-evaluate",
    "browser",
    "browser-custom",
    "browser-profile",
    "capacity-provider",
    "code-interpreter",
    "code-interpreter-custom",
    "configuration-bundle",
    "dataset",
    "evaluator",
    "gateway",
    "harness",
    "memory",
    "online-evaluation-config",
    "payment-manager",
    "policy-engine",
    "recommendation",
    "registry",
    "runtime",
    "token-vault",
    "tool",
];

/// An AgentCore service principal, the base one or a subdomain/suffixed one
/// (`runtime-identity.bedrock-agentcore.amazonaws.com`).
static AGENTCORE_PRINCIPAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([a-z0-9-]+\.)?bedrock-agentcore(-[a-z0-9-]+)?\.amazonaws\.com$").expect("valid regex")
});

/// Known AgentCore principals a condition value, read as a pattern, may cover.
const AGENTCORE_PRINCIPAL_PROBES: [&str; 2] =
    ["bedrock-agentcore.amazonaws.com", "runtime-identity.bedrock-agentcore.amazonaws.com"];

/// The shortest and the longest (64 characters) role name: a pattern matching both names every role.
const SHORTEST_ROLE: &str = "role/a";
static LONGEST_ROLE: LazyLock<String> = LazyLock::new(|| format!("role/{}abcd", "r0le-name-".repeat(6)));

/// An Action pattern granting every action (`*`, `*:*`), or without a service prefix: left to the
/// administrative-privilege checks.
fn is_every_action(pattern: &str) -> bool {
    match pattern.trim().split_once(':') {
        None => true,
        Some((service, action)) => service == "*" && action == "*",
    }
}

/// The `wanted` actions an Allow statement grants (NotAction: those it does not exclude).
fn allowed<'w>(st: &Statement, wanted: &[&'w str]) -> Vec<&'w str> {
    wanted
        .iter()
        .copied()
        .filter(|action| match &st.actions {
            ActionSpec::Action(list) => list.iter().any(|p| !is_every_action(p) && action_matches(p, action)),
            ActionSpec::NotAction(_) => st.matches_action(action),
        })
        .collect()
}

/// Whether the statement's Resource includes `*` (nothing narrower).
fn on_every_resource(st: &Statement) -> bool {
    matches!(&st.resources, ResourceSpec::Resource(list) if list.iter().any(|p| !p.is_empty() && p.chars().all(|c| c == '*')))
}

/// The `wanted` actions an unconditional Deny on Resource `*` takes away.
fn denied<'w>(policy: &Policy, wanted: &[&'w str]) -> Vec<&'w str> {
    wanted
        .iter()
        .copied()
        .filter(|action| {
            policy.statements.iter().any(|st| {
                st.effect == Effect::Deny
                    && st.conditions.is_empty()
                    && on_every_resource(st)
                    && st.matches_action(action)
            })
        })
        .collect()
}

/// A `:`-split ARN pattern whose first field can be `arn` and whose service field can be `service`.
fn names_service(fields: &[&str], service: &str) -> bool {
    resource_matches(fields[0], "arn") && (fields.len() < 3 || resource_matches(fields[2], service))
}

/// Whether a Resource pattern lets the token actions name a workload identity other than a named
/// one: `*`, an ARN pattern of AgentCore whose resource part can reach both another resource type and
/// the workload-identity directory, or a short pattern whose last field's `*` spans the rest.
fn reaches_other_workload_identities(resource: &str) -> bool {
    let resource = resource.trim();
    if resource.chars().all(|c| c == '*') {
        return true;
    }
    let fields: Vec<&str> = resource.splitn(6, ':').collect();
    if fields.len() < 6 {
        return fields.last().is_some_and(|f| f.contains('*')) && names_service(&fields, AGENTCORE);
    }
    if !names_service(&fields, AGENTCORE) {
        return false;
    }
    let path = fields[5];
    let reaches = |segment: &str| resource_patterns_overlap(path, &format!("{segment}*"));
    // Confined to the workload-identity directory (wildcards inside it included): the scope the
    // AgentCore console issues. A pattern reaching no other type is confined.
    OTHER_SEGMENTS.iter().any(|s| reaches(s)) && reaches(WORKLOAD_IDENTITY_SEGMENT)
}

/// Labels of the Allow statements granting workload access token actions beyond workload identities,
/// with the actions; empty when none (after unconditional Denies on Resource `*`).
pub(crate) fn unscoped_token_grants(policy: &Policy) -> (Vec<&'static str>, Vec<String>) {
    let removed = denied(policy, &TOKEN_ACTIONS);
    let mut actions: Vec<&'static str> = Vec::new();
    let mut labels = Vec::new();
    for (i, st) in policy.statements.iter().enumerate().filter(|(_, st)| st.effect == Effect::Allow) {
        let unscoped = match &st.resources {
            ResourceSpec::NotResource(_) => true,
            ResourceSpec::Resource(list) => list.iter().any(|p| reaches_other_workload_identities(p)),
            ResourceSpec::Unspecified => false,
        };
        if !unscoped {
            continue;
        }
        let granted: Vec<&'static str> =
            allowed(st, &TOKEN_ACTIONS).into_iter().filter(|a| !removed.contains(a)).collect();
        if granted.is_empty() {
            continue;
        }
        labels.push(statement_label(i, st.sid.as_deref()));
        for a in granted {
            if !actions.contains(&a) {
                actions.push(a);
            }
        }
    }
    actions.sort_unstable();
    (actions, labels)
}

/// Whether a Resource pattern names every role rather than specific ones.
fn names_every_role(resource: &str) -> bool {
    let resource = resource.trim();
    if resource.chars().all(|c| c == '*') {
        return true;
    }
    let fields: Vec<&str> = resource.splitn(6, ':').collect();
    if fields.len() < 6 {
        // A star in the last field spelled out spans the fields after it (wildcards match `:`); the
        // fields before it must still be able to name a role ARN.
        let last = fields.last().copied().unwrap_or_default();
        if !last.contains('*') || !names_service(&fields, "iam") {
            return false;
        }
        let head = last.split('*').next().unwrap_or_default().replace('?', "");
        return match fields.len() {
            // The region field, empty in every IAM ARN.
            4 => head.is_empty(),
            // The account field: twelve digits.
            5 => head.bytes().all(|b| b.is_ascii_digit()),
            _ => true,
        };
    }
    names_service(&fields, "iam")
        && resource_matches(fields[5], SHORTEST_ROLE)
        && resource_matches(fields[5], &LONGEST_ROLE)
}

/// The iam:PassedToService values a statement compares the request with (positive string
/// operators, with or without IfExists or a set qualifier).
fn passed_to_service(st: &Statement) -> impl Iterator<Item = &Condition> {
    st.conditions.iter().filter(|c| {
        c.key == "iam:passedtoservice"
            && ["StringEquals", "StringEqualsIgnoreCase", "StringLike"].iter().any(|op| c.operator.is(op))
    })
}

/// Whether a condition value can name an AgentCore service principal.
fn names_agentcore(value: &str) -> bool {
    AGENTCORE_PRINCIPAL.is_match(value.trim()) || AGENTCORE_PRINCIPAL_PROBES.iter().any(|p| action_matches(value, p))
}

/// Whether every operator on iam:PassedToService is skipped when the request omits the key
/// (IfExists, ForAllValues) and no `Null` false forces the key to be present.
fn pin_is_defeasible(st: &Statement) -> bool {
    let guarded = st.conditions.iter().any(|c| {
        c.operator.is("Null")
            && c.operator.set_qualifier.is_none()
            && c.key == "iam:passedtoservice"
            && !c.values.is_empty()
            && c.values.iter().all(|v| v.trim().eq_ignore_ascii_case("false"))
    });
    !guarded
        && passed_to_service(st)
            .all(|c| c.operator.if_exists || c.operator.set_qualifier == Some(SetQualifier::ForAllValues))
}

/// Whether an Allow statement of the policy grants some AgentCore action (a bare `*` aside).
fn grants_agentcore_action(policy: &Policy) -> bool {
    let all = format!("{AGENTCORE}:*");
    policy.statements.iter().filter(|st| st.effect == Effect::Allow).any(|st| match &st.actions {
        ActionSpec::Action(list) => list.iter().any(|p| match p.trim().split_once(':') {
            Some((service, _)) => action_matches(&format!("{service}:*"), &all),
            None => false,
        }),
        ActionSpec::NotAction(_) => st.matches_action(&all),
    })
}

/// Whether the statement can hand a role to AgentCore: its iam:PassedToService names AgentCore, or
/// it pins no other service firmly and the policy grants an AgentCore action.
fn targets_agentcore(st: &Statement, policy: &Policy) -> bool {
    let values: Vec<&str> = passed_to_service(st).flat_map(|c| c.values.iter().map(|v| v.as_str())).collect();
    if values.iter().any(|v| names_agentcore(v)) {
        return true;
    }
    if !values.is_empty() && !pin_is_defeasible(st) {
        return false;
    }
    grants_agentcore_action(policy)
}

/// Labels of the Allow statements granting iam:PassRole on every role to Bedrock AgentCore; empty
/// when none, or when an unconditional Deny on Resource `*` takes iam:PassRole away.
pub(crate) fn passrole_to_agentcore_on_every_role(policy: &Policy) -> Vec<String> {
    const PASS_ROLE: [&str; 1] = ["iam:PassRole"];
    if !denied(policy, &PASS_ROLE).is_empty() {
        return Vec::new();
    }
    policy
        .statements
        .iter()
        .enumerate()
        .filter(|(_, st)| st.effect == Effect::Allow && !allowed(st, &PASS_ROLE).is_empty())
        .filter(|(_, st)| match &st.resources {
            ResourceSpec::NotResource(_) => true,
            ResourceSpec::Resource(list) => list.iter().any(|p| names_every_role(p)),
            ResourceSpec::Unspecified => false,
        })
        .filter(|(_, st)| targets_agentcore(st, policy))
        .map(|(i, st)| statement_label(i, st.sid.as_deref()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(statements: &str) -> Policy {
        Policy::parse_str(&format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#)).expect("valid")
    }

    fn tokens(statements: &str) -> Vec<&'static str> {
        unscoped_token_grants(&parse(statements)).0
    }

    #[test]
    fn token_grants_reach_other_identities_unless_confined_to_the_directory() {
        let grant = |resource: &str| {
            format!(
                r#"{{"Effect":"Allow","Action":"bedrock-agentcore:GetWorkloadAccessToken","Resource":"{resource}"}}"#
            )
        };
        let arn = "arn:aws:bedrock-agentcore:us-east-1:123456789012";
        let wide = [
            "*".to_string(),
            format!("{arn}:*"),
            format!("{arn}:*prod-*"),
            "arn:aws:bedrock-agentcore:*".to_string(),
            "*:*:*:*:*:*".to_string(),
        ];
        for wide in wide {
            assert_eq!(tokens(&grant(&wide)), vec!["bedrock-agentcore:GetWorkloadAccessToken"], "{wide}");
        }
        for narrow in [
            format!("{arn}:workload-identity-directory/default/workload-identity/agent"),
            format!("{arn}:workload-identity-directory/*"),
            format!("{arn}:token-vault/default"),
            "arn:aws:s3:::*".to_string(),
            "arn:aws:bedrock-agentcore:us-east-1".to_string(),
        ] {
            assert!(tokens(&grant(&narrow)).is_empty(), "{narrow}");
        }
    }

    #[test]
    fn token_actions_are_matched_as_patterns_and_denies_remove_them() {
        let all = r#"{"Effect":"Allow","Action":"bedrock-*:GetWorkloadAccessToken*","Resource":"*"}"#;
        assert_eq!(tokens(all).len(), 3);
        assert!(tokens(r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#).is_empty(), "left to the admin checks");
        let not_action = r#"{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"#;
        assert_eq!(tokens(not_action).len(), 3);
        let deny = r#"{"Effect":"Deny","Action":"bedrock-agentcore:GetWorkloadAccessToken*","Resource":"*"}"#;
        assert!(tokens(&format!("{all},{deny}")).is_empty());
        let conditional = r#"{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}"#;
        assert_eq!(tokens(&format!("{all},{conditional}")).len(), 3);
        let not_resource =
            r#"{"Effect":"Allow","Action":"bedrock-agentcore:GetWorkloadAccessToken","NotResource":"arn:aws:s3:::x"}"#;
        assert_eq!(tokens(not_resource).len(), 1);
    }

    #[test]
    fn every_role_is_a_wildcard_spanning_the_role_name() {
        for every in [
            "*",
            "arn:aws:iam::123456789012:role/*",
            "arn:aws:iam::123456789012:*",
            "arn:aws:iam::*",
            "arn:aws:iam:*",
            "arn:aws:iam::123456789012:role/?*",
        ] {
            assert!(names_every_role(every), "{every}");
        }
        for specific in [
            "arn:aws:iam::123456789012:role/AgentCoreRole",
            "arn:aws:iam::123456789012:role/AgentCoreEvaluationRole*",
            "arn:aws:iam::role/Prod*",
            "arn:aws:iam:role/Prod*",
            "arn:aws:iam::123456789012:role/?",
            "arn:aws:s3:::*",
        ] {
            assert!(!names_every_role(specific), "{specific}");
        }
    }

    #[test]
    fn passrole_targets_agentcore_by_condition_or_by_a_sibling_action() {
        let passes = |statements: &str| passrole_to_agentcore_on_every_role(&parse(statements));
        let pass_role = r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}"#;
        let agentcore = r#"{"Effect":"Allow","Action":"bedrock-agentcore:CreateAgentRuntime","Resource":"*"}"#;
        assert!(passes(pass_role).is_empty(), "no AgentCore action beside it");
        assert_eq!(passes(&format!("{pass_role},{agentcore}")), vec!["Statement[0]".to_string()]);
        let pinned = |op: &str, service: &str| {
            format!(
                r#"{{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{{"{op}":{{"iam:PassedToService":"{service}"}}}}}}"#
            )
        };
        assert_eq!(passes(&pinned("StringEquals", "bedrock-agentcore.amazonaws.com")).len(), 1);
        assert_eq!(passes(&pinned("StringLike", "*.bedrock-agentcore.amazonaws.com")).len(), 1);
        assert!(passes(&format!("{},{agentcore}", pinned("StringEquals", "sagemaker.amazonaws.com"))).is_empty());
        assert_eq!(
            passes(&format!("{},{agentcore}", pinned("StringEqualsIfExists", "sagemaker.amazonaws.com"))).len(),
            1,
            "IfExists can be skipped"
        );
        let scoped =
            r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/AgentRuntime"}"#;
        assert!(passes(&format!("{scoped},{agentcore}")).is_empty());
        let deny = r#"{"Effect":"Deny","Action":"iam:*","Resource":"*"}"#;
        assert!(passes(&format!("{pass_role},{agentcore},{deny}")).is_empty());
        let not_action = r#"{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}"#;
        assert_eq!(passes(not_action).len(), 1, "NotAction grants both iam:PassRole and AgentCore");
    }
}
