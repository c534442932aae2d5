//! Administrator and service-wide wildcard detection.

use serde::Serialize;

use super::document::{ActionSpec, Effect, Policy, ResourceSpec, Statement};
use super::matching::{Glob, ANY_RESOURCE, IAM_ACTIONS};
use std::sync::LazyLock;

/// An Allow that grants every action on every resource.
///
/// - Actions: a pattern covering all actions (`*`, `*:*`), or `NotAction`
///   whose list excludes no IAM action: with all of IAM a principal can grant
///   itself `*:*`, so e.g. NotAction `[s3:DeleteBucket]` is admin while
///   PowerUserAccess (NotAction `iam:*`, ...) is not.
/// - Resources: a `*` pattern, or `NotResource` that excludes no IAM resource.
///
/// Conditions are ignored on purpose: an admin grant behind MFA is still an
/// admin grant (callers can inspect `statement.conditions`).
pub fn is_admin_statement(statement: &Statement) -> bool {
    statement.effect == Effect::Allow && grants_all_actions(statement) && grants_all_resources(statement)
}

/// An unconditional Deny of every IAM action on every resource: the one Deny that takes admin status
/// away (an administrator can generally work around narrower ones).
pub(super) fn denies_all_of_iam(st: &Statement) -> bool {
    st.effect == Effect::Deny
        && st.conditions.is_empty()
        && st.must_match_action(&IAM_ACTIONS)
        && st.must_match_resource(&ANY_RESOURCE)
}

fn grants_all_actions(st: &Statement) -> bool {
    static EVERY_ACTION: LazyLock<Glob> = LazyLock::new(|| Glob::action("*:*"));
    match &st.actions {
        ActionSpec::Action(list) => list.iter().any(|p| p.glob().covers(&EVERY_ACTION)),
        ActionSpec::NotAction(list) => !list.iter().any(|p| p.glob().overlaps(&IAM_ACTIONS)),
    }
}

fn grants_all_resources(st: &Statement) -> bool {
    match &st.resources {
        ResourceSpec::Resource(_) => st.resource_is_star(),
        ResourceSpec::NotResource(list) => {
            static IAM_RESOURCES: LazyLock<Glob> = LazyLock::new(|| Glob::resource("arn:*:iam::*", false));
            !list.iter().any(|p| p.glob().overlaps(&IAM_RESOURCES))
        }
        // Only resource/trust policies omit Resource; they grant on one resource.
        ResourceSpec::Unspecified => false,
    }
}

impl Statement {
    pub fn is_admin(&self) -> bool {
        is_admin_statement(self)
    }
}

/// A service whose every action an Allow grants on all resources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceWildcard {
    /// Lower-cased service prefix (`s3`, `iam`), or `*` for every service.
    pub service: String,
    pub statement_index: usize,
    pub sid: Option<arcstr::Substr>,
    /// The statement has a Condition (still reported; callers may weigh it).
    pub conditional: bool,
    /// Came from Allow + NotAction: every service not excluded is wide open.
    pub via_not_action: bool,
}

/// `svc:*` (or `*`) allowed on Resource `*`, per statement.
pub fn service_wildcards_on_all_resources(policy: &Policy) -> Vec<ServiceWildcard> {
    let mut out = Vec::new();
    for (index, st) in policy.statements.iter().enumerate() {
        if st.effect != Effect::Allow || !grants_all_resources(st) {
            continue;
        }
        let mut push = |service: String, via_not_action: bool| {
            let dup = out.iter().any(|w: &ServiceWildcard| w.statement_index == index && w.service == service);
            if !dup {
                out.push(ServiceWildcard {
                    service,
                    statement_index: index,
                    sid: st.sid.clone(),
                    conditional: !st.conditions.is_empty(),
                    via_not_action,
                });
            }
        };
        match &st.actions {
            ActionSpec::Action(list) => {
                for pattern in list {
                    if let Some(service) = service_of_wildcard(pattern) {
                        push(service, false);
                    }
                }
            }
            ActionSpec::NotAction(_) => push("*".to_string(), true),
        }
    }
    out
}

/// `s3:*` → `s3`; `*` / `*:*` → `*`; anything narrower → None.
fn service_of_wildcard(pattern: &str) -> Option<String> {
    let all_stars = |s: &str| !s.is_empty() && s.chars().all(|c| c == '*');
    let pattern = pattern.to_ascii_lowercase();
    match pattern.split_once(':') {
        None => all_stars(&pattern).then(|| "*".to_string()),
        Some((service, action)) if all_stars(action) => {
            Some(if all_stars(service) { "*".to_string() } else { service.to_string() })
        }
        Some(_) => None,
    }
}

impl Policy {
    /// Indices of statements that are admin statements.
    pub fn admin_statements(&self) -> Vec<usize> {
        self.statements.iter().enumerate().filter(|(_, st)| is_admin_statement(st)).map(|(i, _)| i).collect()
    }

    /// The policy on its own grants full admin (see `PermissionSet::has_full_admin`).
    pub fn grants_full_admin(&self) -> bool {
        super::PermissionSet::from_policy(self).has_full_admin()
    }
}

#[cfg(test)]
mod tests {
    /// Only an unconditional Deny of all of IAM takes admin away.
    #[test]
    fn full_admin_survives_narrow_or_conditional_denies() {
        for (json, admin) in [
            (r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#, true),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#,
                false,
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}"#,
                true,
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":"s3:*","Resource":"*"}]}"#,
                false,
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"*:*","Resource":"*"},{"Effect":"Deny","Action":"iam:Create*","Resource":"*"}]}"#,
                true,
            ),
            (r#"{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}"#, false),
            (r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#, false),
        ] {
            assert_eq!(Policy::parse_str(json).expect("valid").grants_full_admin(), admin, "{json}");
        }
    }

    use super::*;

    fn first(json: &str) -> Statement {
        Policy::parse_str(json).expect("valid").statements.first().cloned().expect("one statement")
    }

    #[test]
    fn star_on_star_is_admin() {
        assert!(first(r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#).is_admin());
        assert!(first(r#"{"Statement":{"Effect":"Allow","Action":["s3:GetObject","*:*"],"Resource":["x","*"]}}"#)
            .is_admin());
        assert!(!first(r#"{"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}"#).is_admin());
        assert!(!first(r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b"}}"#).is_admin());
        assert!(!first(r#"{"Statement":{"Effect":"Allow","Action":"iam:*","Resource":"*"}}"#).is_admin());
    }

    #[test]
    fn admin_via_not_action() {
        assert!(first(r#"{"Statement":{"Effect":"Allow","NotAction":["s3:DeleteBucket","ec2:TerminateInstances"],"Resource":"*"}}"#).is_admin());
        // PowerUserAccess is not admin.
        assert!(!first(
            r#"{"Statement":{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"}}"#
        )
        .is_admin());
        assert!(!first(r#"{"Statement":{"Effect":"Allow","NotAction":"*","Resource":"*"}}"#).is_admin());
    }

    #[test]
    fn admin_via_not_resource() {
        assert!(
            first(r#"{"Statement":{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::secret"}}"#).is_admin()
        );
        assert!(!first(r#"{"Statement":{"Effect":"Allow","Action":"*","NotResource":"arn:aws:iam::*:*"}}"#).is_admin());
    }

    #[test]
    fn policy_level_admin() {
        let p = Policy::parse_str(
            r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},
            {"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
        )
        .expect("valid");
        assert!(p.grants_full_admin());
        assert_eq!(p.admin_statements(), vec![1]);
    }

    #[test]
    fn service_wildcards() {
        let p = Policy::parse_str(
            r#"{"Statement":[
            {"Effect":"Allow","Action":["S3:*","iam:*","ec2:Describe*"],"Resource":"*"},
            {"Effect":"Allow","Action":"kms:*","Resource":"arn:aws:kms:*:1:key/x"},
            {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}},
            {"Effect":"Allow","NotAction":"iam:*","Resource":"*"},
            {"Effect":"Deny","Action":"lambda:*","Resource":"*"}]}"#,
        )
        .expect("valid");
        let w = service_wildcards_on_all_resources(&p);
        let services: Vec<(&str, usize)> = w.iter().map(|w| (w.service.as_str(), w.statement_index)).collect();
        assert_eq!(services, vec![("s3", 0), ("iam", 0), ("*", 2), ("*", 3)]);
        assert!(w[2].conditional);
        assert!(w[3].via_not_action);
    }
}
