//! What a policy grants on Resource `*`, statement by statement, as Prowler's "full access" and
//! "wildcard" IAM checks read it: an Allow whose Resource is `*`, and no Deny taking any of those
//! actions away (on any resource, as Prowler counts it).

use super::policy_common::statement_label;
use crate::policy::{action_matches, ActionSpec, Effect, Pattern, Policy, ResourceSpec, Statement};

fn on_all_resources(st: &Statement) -> bool {
    matches!(&st.resources, ResourceSpec::Resource(list) if list.iter().any(|p| !p.is_empty() && p.chars().all(|c| c == '*')))
}

/// Whether a pattern can name some action of `service` (`kms:Decrypt`, `k*:*`, `*`).
fn touches_service(pattern: &str, service: &str) -> bool {
    let prefix = pattern.split_once(':').map_or(pattern, |(s, _)| s);
    action_matches(&format!("{prefix}:*"), &format!("{service}:*"))
}

/// Labels of the Allow statements granting `wanted` on Resource `*`, where `wanted` covers an Action
/// pattern and `kept_by_not_action` says a NotAction list leaves it granted. Empty when a Deny can
/// take away some of it (`denied`).
fn granting_statements(
    policy: &Policy,
    wanted: impl Fn(&str) -> bool,
    kept_by_not_action: impl Fn(&[Pattern]) -> bool,
    denied: impl Fn(&Statement) -> bool,
) -> Vec<String> {
    if policy.statements.iter().any(|st| st.effect == Effect::Deny && denied(st)) {
        return Vec::new();
    }
    policy
        .statements
        .iter()
        .enumerate()
        .filter(|(_, st)| st.effect == Effect::Allow && on_all_resources(st))
        .filter(|(_, st)| match &st.actions {
            ActionSpec::Action(list) => list.iter().any(|p| wanted(p)),
            ActionSpec::NotAction(list) => kept_by_not_action(list),
        })
        .map(|(i, st)| statement_label(i, st.sid.as_deref()))
        .collect()
}

/// The statements allowing every action of `service` (`kms:*`, `*`, or a NotAction that leaves the
/// service out) on Resource `*`.
pub(crate) fn full_access_statements(policy: &Policy, service: &str) -> Vec<String> {
    let all = format!("{service}:*");
    granting_statements(
        policy,
        |p| action_matches(p, &all),
        |excluded| !excluded.iter().any(|p| touches_service(p, service)),
        |deny| match &deny.actions {
            ActionSpec::Action(list) => list.iter().any(|p| touches_service(p, service)),
            ActionSpec::NotAction(list) => !list.iter().any(|p| action_matches(p, &all)),
        },
    )
}

/// The statements allowing `action` (e.g. `aws-marketplace:Subscribe`) on Resource `*`.
pub(crate) fn action_statements(policy: &Policy, action: &str) -> Vec<String> {
    granting_statements(
        policy,
        |p| action_matches(p, action),
        |excluded| !excluded.iter().any(|p| action_matches(p, action)),
        |deny| deny.conditions.is_empty() && deny.matches_action(action),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(statements: &str) -> Policy {
        Policy::parse_str(&super::super::policy_fixtures::policy(statements)).expect("valid")
    }

    #[test]
    fn full_access_is_every_action_of_the_service_on_star() {
        let full = |s: &str| full_access_statements(&parse(s), "kms");
        assert_eq!(full(r#"{"Effect":"Allow","Action":"kms:*","Resource":"*"}"#), vec!["Statement[0]"]);
        assert_eq!(
            full(r#"{"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"}"#),
            vec!["Statement[0] (Sid \"A\")"]
        );
        assert_eq!(full(r#"{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"#).len(), 1);
        assert!(full(r#"{"Effect":"Allow","NotAction":"kms:Decrypt","Resource":"*"}"#).is_empty());
        assert!(full(r#"{"Effect":"Allow","Action":"kms:Get*","Resource":"*"}"#).is_empty());
        assert!(full(r#"{"Effect":"Allow","Action":"kms:*","Resource":"arn:aws:kms:eu-west-1:1:key/k"}"#).is_empty());
        let denied = r#"{"Effect":"Allow","Action":"kms:*","Resource":"*"},{"Effect":"Deny","Action":"kms:ScheduleKeyDeletion","Resource":"*"}"#;
        assert!(full(denied).is_empty());
    }

    #[test]
    fn an_action_on_star_is_found_through_wildcards() {
        let subscribe = |s: &str| action_statements(&parse(s), "aws-marketplace:Subscribe");
        assert_eq!(subscribe(r#"{"Effect":"Allow","Action":"aws-marketplace:Subscribe","Resource":"*"}"#).len(), 1);
        assert_eq!(subscribe(r#"{"Effect":"Allow","Action":"aws-marketplace:*","Resource":"*"}"#).len(), 1);
        assert!(subscribe(r#"{"Effect":"Allow","Action":"aws-marketplace:View*","Resource":"*"}"#).is_empty());
        assert!(subscribe(r#"{"Effect":"Allow","NotAction":"aws-marketplace:*","Resource":"*"}"#).is_empty());
    }
}
