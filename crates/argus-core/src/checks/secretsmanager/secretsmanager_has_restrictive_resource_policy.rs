//! Every secret's resource policy follows the deny-by-default pattern: a Deny to everyone except
//! named roles/users (and services), no cross-account Allow, an organization boundary when trusted
//! organizations are configured, and source-account-pinned service grants. Metadata:
//! `checks/secretsmanager/secretsmanager_has_restrictive_resource_policy.toml`.

use super::each_secret;
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::{
    action_matches, analyse_resource_policy, ActionSpec, Condition, Effect, Exposure, Policy, Principal, PrincipalSpec,
    ResourceSpec, Statement,
};
use crate::snapshot::{Fetched, Secret};
use std::collections::BTreeSet;

pub const CHECK: Check = Check { id: "secretsmanager_has_restrictive_resource_policy", run };

/// How many principals a message names before "and more".
const MAX_NAMED: usize = 3;

const PRINCIPAL_ARN: &str = "aws:principalarn";
const PRINCIPAL_SERVICE: &str = "aws:principalservicename";
const PRINCIPAL_ORG: &str = "aws:principalorgid";

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let rules = Rules::new(ctx);
    each_secret(ctx, out, |secret, r, out| {
        let doc = match &secret.policy {
            Fetched::Ok(Some(doc)) => doc,
            Fetched::Ok(None) => {
                return out.fail(r, format_args!("Secret {} has no resource policy.", secret.name));
            }
            Fetched::Err(e) => return out.error(r, e),
        };
        let policy = match doc.policy() {
            Ok(p) => p,
            Err(e) => {
                return out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: the resource policy of secret {} is malformed: {e}",
                        secret.name
                    ),
                )
            }
        };
        let gaps = rules.gaps(policy, secret);
        if gaps.is_empty() {
            out.pass(r, format_args!("Secret {} has a sufficiently restrictive resource policy.", secret.name));
        } else {
            out.fail(
                r,
                format_args!("Secret {} does not meet all required restrictions: {}.", secret.name, gaps.join("; ")),
            );
        }
    });
}

/// The account-wide inputs of the judgement.
struct Rules<'a> {
    account: &'a str,
    partition: &'a str,
    service_suffix: &'static str,
    trusted_orgs: &'a [String],
}

/// What the candidate "Deny everyone but …" statements named, accumulated as they are read.
#[derive(Default)]
struct Exceptions {
    principals: Vec<String>,
    services: Vec<String>,
    arn_not_like: Vec<String>,
}

impl<'a> Rules<'a> {
    fn new(ctx: &'a CheckContext<'_>) -> Self {
        let partition = ctx.partition();
        let service_suffix = if partition == "aws-cn" { ".amazonaws.com.cn" } else { ".amazonaws.com" };
        Rules {
            account: ctx.account_id(),
            partition,
            service_suffix,
            trusted_orgs: &ctx.config.organizations_trusted_ids,
        }
    }

    /// The missing or faulty parts of the pattern, as message phrases; empty when it is complete.
    fn gaps(&self, policy: &Policy, secret: &Secret) -> Vec<String> {
        let statements = &policy.statements[..];
        let mut gaps = Vec::new();

        let cross = self.cross_account_principals(policy);
        if !cross.is_empty() {
            gaps.push(format!("Allow statements grant access outside the account to {}", named(&cross)));
        }

        let mut exceptions = Exceptions::default();
        let deny_all = statements.iter().any(|st| self.is_deny_all_but(st, secret, &mut exceptions));
        if !deny_all {
            gaps.push(missing_deny_all(&exceptions));
        }

        if !self.trusted_orgs.is_empty()
            && !statements.iter().any(|st| self.is_deny_outside_org(st, secret, &exceptions.services))
        {
            let services = if exceptions.services.is_empty() {
                String::new()
            } else {
                format!(" (with aws:PrincipalServiceName {} in the same StringNotEquals)", named(&exceptions.services))
            };
            gaps.push(format!(
                "no Deny to everyone with StringNotEquals aws:PrincipalOrgID limited to the trusted organizations{services}"
            ));
        }

        let loose = loose_not_actions(statements, &exceptions.principals);
        if !loose.is_empty() {
            gaps.push(format!("the Deny statements naming {} lack a NotAction or use a wildcard in it", named(&loose)));
        }

        let services = self.faulty_service_grants(statements, &exceptions.services);
        if !services.is_empty() {
            gaps.push(format!("invalid Allow statements for service principals: {}", services.join(", ")));
        }

        if !exceptions.arn_not_like.is_empty() && !arn_like_confirms(statements, &exceptions.arn_not_like) {
            gaps.push(format!(
                "no Deny statement with ArnLike aws:PrincipalArn confirms the wildcard principals {}",
                named(&exceptions.arn_not_like)
            ));
        }
        gaps
    }

    /// The principals an Allow statement, read on its own (without the policy's Denies), opens to
    /// another account or to anyone: argus's exposure analysis of each Allow statement alone.
    fn cross_account_principals(&self, policy: &Policy) -> Vec<String> {
        let mut found = Vec::new();
        for st in policy.statements.iter().filter(|st| st.effect == Effect::Allow) {
            let alone = Policy { version: policy.version.clone(), id: None, statements: vec![st.clone()].into() };
            match analyse_resource_policy(&alone, self.account).overall {
                Exposure::Public { .. } => found.push("*".to_string()),
                Exposure::CrossAccount { accounts } => {
                    found.extend(accounts.into_iter().map(|a| format!("account {a}")))
                }
                Exposure::ServicePrincipal { .. } | Exposure::Private => {}
            }
        }
        found.dedup();
        found
    }

    /// A Deny to everyone of every Secrets Manager action on this secret, except for the principals
    /// its condition names: `StringNotEquals aws:PrincipalArn` (optionally with `ArnNotLike`), or
    /// `StringNotEqualsIfExists` on aws:PrincipalArn and aws:PrincipalServiceName with `Null` on both
    /// set to true. Records the principals it names in `exceptions` as it reads them.
    fn is_deny_all_but(&self, st: &Statement, secret: &Secret, exceptions: &mut Exceptions) -> bool {
        if !denies_everything_to_everyone(st, secret) {
            return false;
        }
        let conditions = &st.conditions[..];
        let negated = if has_operator(conditions, "StringNotEquals") {
            "StringNotEquals"
        } else if has_operator(conditions, "StringNotEqualsIfExists") {
            "StringNotEqualsIfExists"
        } else {
            ""
        };
        let named: Vec<&Condition> = conditions.iter().filter(|c| operator_is(c, negated)).collect();
        if named.iter().any(|c| c.key != PRINCIPAL_ARN && c.key != PRINCIPAL_SERVICE) {
            return false;
        }
        let uses_arn = named.iter().any(|c| c.key == PRINCIPAL_ARN);
        let uses_service = named.iter().any(|c| c.key == PRINCIPAL_SERVICE);
        // Each value must be a role or user without a wildcard, each service a service principal
        // (read in that order, as far as the first invalid one).
        for v in named.iter().filter(|c| c.key == PRINCIPAL_ARN).flat_map(|c| c.values.iter()) {
            if !self.is_exact_principal_arn(v) {
                return false;
            }
            exceptions.principals.push(v.to_string());
        }
        for v in named.iter().filter(|c| c.key == PRINCIPAL_SERVICE).flat_map(|c| c.values.iter()) {
            if !self.is_service_principal(v) {
                return false;
            }
            exceptions.services.push(v.to_string());
        }
        let arn_not_like: Vec<&Condition> =
            conditions.iter().filter(|c| operator_is(c, "ArnNotLike") && c.key == PRINCIPAL_ARN).collect();
        for c in &arn_not_like {
            for v in c.values.iter() {
                if !self.is_role_prefix_wildcard(v) {
                    return false;
                }
                exceptions.arn_not_like.push(v.to_string());
            }
        }
        let mut expected: BTreeSet<&str> = BTreeSet::new();
        if !arn_not_like.is_empty() {
            expected.insert("arnnotlike");
        }
        if uses_arn && uses_service {
            expected.extend(["stringnotequalsifexists", "null"]);
            operators(conditions) == expected && null_is_true_on_both(conditions)
        } else if uses_arn {
            expected.insert("stringnotequals");
            operators(conditions) == expected
        } else {
            false
        }
    }

    /// A Deny to everyone of every Secrets Manager action on this secret whose only condition is
    /// StringNotEquals on aws:PrincipalOrgID (trusted organizations only), plus
    /// aws:PrincipalServiceName naming only excepted services when the policy excepts services.
    fn is_deny_outside_org(&self, st: &Statement, secret: &Secret, services: &[String]) -> bool {
        if !denies_everything_to_everyone(st, secret)
            || operators(&st.conditions) != BTreeSet::from(["stringnotequals"])
        {
            return false;
        }
        let keys: BTreeSet<&str> = st.conditions.iter().map(|c| c.key.as_str()).collect();
        let values = |key: &str| -> Vec<&str> {
            st.conditions.iter().filter(|c| c.key == key).flat_map(|c| c.values.iter().map(|v| v.as_str())).collect()
        };
        let orgs_trusted = keys.contains(PRINCIPAL_ORG)
            && values(PRINCIPAL_ORG).iter().all(|v| self.trusted_orgs.iter().any(|t| t == v));
        if !orgs_trusted {
            return false;
        }
        if services.is_empty() {
            keys == BTreeSet::from([PRINCIPAL_ORG])
        } else {
            keys == BTreeSet::from([PRINCIPAL_ORG, PRINCIPAL_SERVICE])
                && values(PRINCIPAL_SERVICE).iter().all(|v| services.iter().any(|s| s == v))
        }
    }

    /// Allow statements to an excepted service principal must list their actions without wildcards
    /// and pin aws:SourceAccount to the account with StringEquals. "service (issue, issue)" each.
    fn faulty_service_grants(&self, statements: &[Statement], services: &[String]) -> Vec<String> {
        let mut faults = Vec::new();
        for st in statements.iter().filter(|st| st.effect == Effect::Allow) {
            for name in principal_names(st).filter(|n| services.iter().any(|s| s == n)) {
                let issues = self.service_grant_issues(st);
                if !issues.is_empty() {
                    faults.push(format!("{name} ({})", issues.join(", ")));
                }
            }
        }
        faults
    }

    fn service_grant_issues(&self, st: &Statement) -> Vec<String> {
        let mut issues = Vec::new();
        if matches!(st.actions, ActionSpec::NotAction(_)) {
            issues.push("uses NotAction instead of Action".to_string());
        }
        if matches!(st.resources, ResourceSpec::NotResource(_)) {
            issues.push("uses NotResource instead of Resource".to_string());
        }
        if !issues.is_empty() {
            return issues;
        }
        if let ActionSpec::Action(list) = &st.actions {
            if list.is_empty() {
                issues.push("has no Action".to_string());
            } else if list.iter().any(|p| p.contains('*')) {
                issues.push("has a wildcard in Action".to_string());
            }
        }
        let pinned = has_operator(&st.conditions, "StringEquals")
            && st.conditions.iter().any(|c| {
                operator_is(c, "StringEquals")
                    && c.key == "aws:sourceaccount"
                    && c.values.iter().any(|v| v.as_str() == self.account)
            });
        if !pinned {
            issues.push(if st.conditions.is_empty() {
                "has no Condition".to_string()
            } else {
                format!("its Condition does not pin StringEquals aws:SourceAccount to {}", self.account)
            });
        }
        issues
    }

    /// `arn:<partition>:iam::<12 digits>:role/<name>` or `…:user/<name>`, with no `*`.
    fn is_exact_principal_arn(&self, v: &str) -> bool {
        let Some(rest) = self.iam_account_rest(v) else { return false };
        let name = rest.strip_prefix("role/").or_else(|| rest.strip_prefix("user/"));
        name.is_some_and(|n| !n.is_empty() && !n.contains('*'))
    }

    /// `arn:<partition>:iam::<12 digits>:role/<at least 12 characters>*`: a role name prefix.
    fn is_role_prefix_wildcard(&self, v: &str) -> bool {
        let Some(rest) = self.iam_account_rest(v) else { return false };
        rest.strip_prefix("role/")
            .and_then(|n| n.strip_suffix('*'))
            .is_some_and(|prefix| prefix.chars().count() >= 12 && !prefix.contains('\n'))
    }

    /// The part after `arn:<partition>:iam::<12 digits>:`.
    fn iam_account_rest<'v>(&self, v: &'v str) -> Option<&'v str> {
        let rest = v.strip_prefix("arn:")?.strip_prefix(self.partition)?.strip_prefix(":iam::")?;
        let (account, rest) = rest.split_at_checked(12)?;
        (account.bytes().all(|b| b.is_ascii_digit())).then_some(rest.strip_prefix(':')?)
    }

    /// A service principal: dot-separated labels of `a-z0-9-` ending in the partition's DNS suffix
    /// (`appflow.amazonaws.com`, `logs.eu-central-1.amazonaws.com`).
    fn is_service_principal(&self, v: &str) -> bool {
        let Some(labels) = v.strip_suffix(self.service_suffix) else { return false };
        !labels.is_empty()
            && labels
                .split('.')
                .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
    }
}

/// A Deny to everyone (`"*"`) whose actions include every Secrets Manager action and which applies
/// to the secret.
fn denies_everything_to_everyone(st: &Statement, secret: &Secret) -> bool {
    st.effect == Effect::Deny
        && st.principals.as_ref().is_some_and(PrincipalSpec::is_everyone)
        && matches!(&st.actions, ActionSpec::Action(list) if list.iter().any(|p| action_matches(p, "secretsmanager:*")))
        && st.matches_resource(&secret.arn)
}

/// The AWS and Service principal strings of a statement (Prowler reads only these two).
fn principal_names(st: &Statement) -> impl Iterator<Item = &str> {
    st.principals.iter().flat_map(|p| p.list()).filter_map(|p| match p {
        Principal::Aws(s) | Principal::Service(s) => Some(s.as_str()),
        Principal::Any => Some("*"),
        _ => None,
    })
}

fn operator_is(c: &Condition, name: &str) -> bool {
    c.operator.raw.eq_ignore_ascii_case(name)
}

fn has_operator(conditions: &[Condition], name: &str) -> bool {
    conditions.iter().any(|c| operator_is(c, name))
}

/// The statement's condition operators, lower-cased.
fn operators(conditions: &[Condition]) -> BTreeSet<&'static str> {
    // The operators the pattern allows are few; any other makes the set differ.
    const KNOWN: [&str; 4] = ["stringnotequals", "stringnotequalsifexists", "null", "arnnotlike"];
    conditions
        .iter()
        .map(|c| KNOWN.iter().find(|k| c.operator.raw.eq_ignore_ascii_case(k)).copied().unwrap_or("other"))
        .collect()
}

/// `Null` sets exactly aws:PrincipalArn and aws:PrincipalServiceName, each to true.
fn null_is_true_on_both(conditions: &[Condition]) -> bool {
    let null: Vec<&Condition> = conditions.iter().filter(|c| operator_is(c, "Null")).collect();
    let keys: BTreeSet<&str> = null.iter().map(|c| c.key.as_str()).collect();
    null.len() == 2
        && keys == BTreeSet::from([PRINCIPAL_ARN, PRINCIPAL_SERVICE])
        && null.iter().all(|c| c.values.len() == 1 && c.values[0].eq_ignore_ascii_case("true"))
}

/// The excepted principals named by a Deny statement that has no NotAction, or a wildcard in it.
fn loose_not_actions(statements: &[Statement], principals: &[String]) -> Vec<String> {
    let mut loose = Vec::new();
    for st in statements.iter().filter(|st| st.effect == Effect::Deny) {
        let tight = matches!(&st.actions, ActionSpec::NotAction(list) if !list.iter().any(|p| p.contains('*')));
        for name in principal_names(st).filter(|n| principals.iter().any(|p| p == n)) {
            if !tight {
                loose.push(name.to_string());
            }
        }
    }
    loose
}

/// The ArnLike aws:PrincipalArn values of the Deny statements, read in order, come to exactly the
/// ArnNotLike wildcard principals.
fn arn_like_confirms(statements: &[Statement], wildcards: &[String]) -> bool {
    let wanted: BTreeSet<&str> = wildcards.iter().map(String::as_str).collect();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for st in statements.iter().filter(|st| st.effect == Effect::Deny) {
        let like: Vec<&Condition> =
            st.conditions.iter().filter(|c| operator_is(c, "ArnLike") && c.key == PRINCIPAL_ARN).collect();
        if like.is_empty() {
            continue;
        }
        seen.extend(like.iter().flat_map(|c| c.values.iter().map(|v| v.as_str())));
        if seen == wanted {
            return true;
        }
    }
    false
}

/// The message part for a missing "Deny everyone but …" statement, naming what the candidates held.
fn missing_deny_all(exceptions: &Exceptions) -> String {
    let mut expected = Vec::new();
    match (exceptions.principals.is_empty(), exceptions.services.is_empty()) {
        (false, true) => expected.push(format!("StringNotEquals aws:PrincipalArn {}", named(&exceptions.principals))),
        (false, false) => expected.push(format!(
            "StringNotEqualsIfExists aws:PrincipalArn {} and aws:PrincipalServiceName {} with Null true on both",
            named(&exceptions.principals),
            named(&exceptions.services)
        )),
        (true, false) => {
            expected.push(format!("StringNotEqualsIfExists aws:PrincipalServiceName {}", named(&exceptions.services)))
        }
        (true, true) => {}
    }
    if !exceptions.arn_not_like.is_empty() {
        expected.push(format!("ArnNotLike aws:PrincipalArn {}", named(&exceptions.arn_not_like)));
    }
    if expected.is_empty() {
        "no Deny to everyone of all Secrets Manager actions except named roles or users (StringNotEquals \
         aws:PrincipalArn)"
            .to_string()
    } else {
        format!("no valid Deny to everyone except named principals (expected {})", expected.join("; "))
    }
}

/// The first few items, then "and N more".
fn named(items: &[String]) -> String {
    let mut text = items.iter().take(MAX_NAMED).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > MAX_NAMED {
        text.push_str(&format!(" and {} more", items.len() - MAX_NAMED));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::secretsmanager::fixtures::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::Secret;
    use crate::testing::*;

    fn with_policy(name: &str, statements: &str) -> Secret {
        let json = format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#);
        Secret { policy: Fetched::Ok(Some(doc(&json))), ..secret(name) }
    }

    fn role(name: &str) -> String {
        format!("arn:aws:iam::{ACCOUNT}:role/{name}")
    }

    /// Deny everyone everything except `app` and the appflow service.
    fn deny_all_but_app_and_service() -> String {
        format!(
            r#"{{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{{
                "StringNotEqualsIfExists":{{"aws:PrincipalArn":"{}","aws:PrincipalServiceName":"appflow.amazonaws.com"}},
                "Null":{{"aws:PrincipalArn":"true","aws:PrincipalServiceName":"true"}}}}}}"#,
            role("app")
        )
    }

    fn deny_all_but_app() -> String {
        format!(
            r#"{{"Effect":"Deny","Principal":{{"AWS":"*"}},"Action":"secretsmanager:*","Resource":"*",
                "Condition":{{"StringNotEquals":{{"aws:PrincipalArn":"{}"}}}}}}"#,
            role("app")
        )
    }

    fn judge(secrets_: Vec<Secret>, config: &Config) -> Vec<crate::engine::Finding> {
        let mut s = snapshot();
        secrets(&mut s).extend(secrets_);
        run_with(CHECK, &s, config)
    }

    #[test]
    fn deny_all_but_named_principals_passes_and_its_absence_fails() {
        let service_grant = format!(
            r#"{{"Effect":"Allow","Principal":{{"Service":"appflow.amazonaws.com"}},"Action":["secretsmanager:GetSecretValue"],
                "Resource":"*","Condition":{{"StringEquals":{{"aws:SourceAccount":"{ACCOUNT}"}}}}}}"#
        );
        let allow_app = format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"{}"}},"Action":"secretsmanager:GetSecretValue","Resource":"*"}}"#,
            role("app")
        );
        let f = judge(
            vec![
                with_policy("strict", &format!("{},{allow_app}", deny_all_but_app())),
                with_policy("with-service", &format!("{},{service_grant}", deny_all_but_app_and_service())),
                with_policy("allow-only", &allow_app),
                secret("none"),
                with_policy(
                    "wildcard-exception",
                    &format!(
                        r#"{{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{{"StringNotEquals":{{"aws:PrincipalArn":"arn:aws:iam::{ACCOUNT}:role/*"}}}}}}"#
                    ),
                ),
                with_policy(
                    "extra-operator",
                    &format!(
                        r#"{{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{{"StringNotEquals":{{"aws:PrincipalArn":"{}"}},"Bool":{{"aws:SecureTransport":"true"}}}}}}"#,
                        role("app")
                    ),
                ),
                with_policy(
                    "other-secret",
                    &format!(
                        r#"{{"Effect":"Deny","Principal":"*","Action":"*","Resource":"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:other-XyZ","Condition":{{"StringNotEquals":{{"aws:PrincipalArn":"{}"}}}}}}"#,
                        role("app")
                    ),
                ),
            ],
            &Config::default(),
        );
        assert_eq!(status_of(&f, &secret_arn("strict")), Status::Pass, "{f:#?}");
        assert_eq!(status_of(&f, &secret_arn("with-service")), Status::Pass, "{f:#?}");
        for failing in ["allow-only", "none", "wildcard-exception", "extra-operator", "other-secret"] {
            assert_eq!(status_of(&f, &secret_arn(failing)), Status::Fail, "{failing}: {f:#?}");
        }
        assert!(finding_message(&f, &secret_arn("none")).contains("has no resource policy"));
        assert!(finding_message(&f, &secret_arn("allow-only")).contains("no Deny to everyone"));
    }

    #[test]
    fn cross_account_grants_service_grants_and_not_actions_are_judged() {
        let cross = format!(
            r#"{},{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::444455556666:role/reader"}},"Action":"secretsmanager:GetSecretValue","Resource":"*"}}"#,
            deny_all_but_app()
        );
        let bare_account = format!(
            r#"{},{{"Effect":"Allow","Principal":{{"AWS":"444455556666"}},"Action":"secretsmanager:GetSecretValue","Resource":"*"}}"#,
            deny_all_but_app()
        );
        let loose_service = format!(
            r#"{},{{"Effect":"Allow","Principal":{{"Service":"appflow.amazonaws.com"}},"Action":"secretsmanager:*","Resource":"*"}}"#,
            deny_all_but_app_and_service()
        );
        let wildcard_not_action = format!(
            r#"{},{{"Effect":"Deny","Principal":{{"AWS":"{}"}},"NotAction":"secretsmanager:Get*","Resource":"*"}}"#,
            deny_all_but_app(),
            role("app")
        );
        let tight_not_action = format!(
            r#"{},{{"Effect":"Deny","Principal":{{"AWS":"{}"}},"NotAction":"secretsmanager:GetSecretValue","Resource":"*"}}"#,
            deny_all_but_app(),
            role("app")
        );
        let f = judge(
            vec![
                with_policy("cross", &cross),
                with_policy("bare-account", &bare_account),
                with_policy("loose-service", &loose_service),
                with_policy("wildcard-not-action", &wildcard_not_action),
                with_policy("tight-not-action", &tight_not_action),
            ],
            &Config::default(),
        );
        assert_eq!(status_of(&f, &secret_arn("cross")), Status::Fail);
        assert!(finding_message(&f, &secret_arn("cross")).contains("account 444455556666"));
        assert_eq!(status_of(&f, &secret_arn("bare-account")), Status::Fail);
        assert_eq!(status_of(&f, &secret_arn("loose-service")), Status::Fail);
        let msg = finding_message(&f, &secret_arn("loose-service"));
        assert!(msg.contains("appflow.amazonaws.com (has a wildcard in Action"), "{msg}");
        assert_eq!(status_of(&f, &secret_arn("wildcard-not-action")), Status::Fail);
        assert_eq!(status_of(&f, &secret_arn("tight-not-action")), Status::Pass, "{f:#?}");
    }

    #[test]
    fn wildcard_exceptions_need_an_arn_like_confirmation() {
        let prefix = format!("arn:aws:iam::{ACCOUNT}:role/AppRunnerRole-*");
        let deny = format!(
            r#"{{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{{"StringNotEquals":{{"aws:PrincipalArn":"{}"}},"ArnNotLike":{{"aws:PrincipalArn":"{prefix}"}}}}}}"#,
            role("app")
        );
        let confirm = format!(
            r#"{{"Effect":"Deny","Principal":"*","NotAction":"secretsmanager:GetSecretValue","Resource":"*","Condition":{{"ArnLike":{{"aws:PrincipalArn":"{prefix}"}}}}}}"#
        );
        let f = judge(
            vec![with_policy("confirmed", &format!("{deny},{confirm}")), with_policy("unconfirmed", &deny)],
            &Config::default(),
        );
        assert_eq!(status_of(&f, &secret_arn("confirmed")), Status::Pass, "{f:#?}");
        assert_eq!(status_of(&f, &secret_arn("unconfirmed")), Status::Fail);
        assert!(finding_message(&f, &secret_arn("unconfirmed")).contains("ArnLike"));
    }

    #[test]
    fn trusted_organizations_require_an_organization_boundary() {
        let config = Config { organizations_trusted_ids: vec!["o-abc123".into()], ..Config::default() };
        let org = r#"{"Effect":"Deny","Principal":"*","Action":"secretsmanager:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}"#;
        let other_org = r#"{"Effect":"Deny","Principal":"*","Action":"secretsmanager:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-zzz999"}}}"#;
        let f = judge(
            vec![
                with_policy("bounded", &format!("{},{org}", deny_all_but_app())),
                with_policy("other-org", &format!("{},{other_org}", deny_all_but_app())),
                with_policy("unbounded", &deny_all_but_app()),
            ],
            &config,
        );
        assert_eq!(status_of(&f, &secret_arn("bounded")), Status::Pass, "{f:#?}");
        assert_eq!(status_of(&f, &secret_arn("other-org")), Status::Fail);
        assert_eq!(status_of(&f, &secret_arn("unbounded")), Status::Fail);
        assert!(finding_message(&f, &secret_arn("unbounded")).contains("aws:PrincipalOrgID"));
    }

    #[test]
    fn unreadable_or_malformed_policies_are_errors() {
        let f = judge(
            vec![
                Secret { policy: Fetched::Err(denied("secretsmanager", "GetResourcePolicy")), ..secret("unreadable") },
                Secret { policy: Fetched::Ok(Some(doc("not json"))), ..secret("broken") },
            ],
            &Config::default(),
        );
        assert_eq!(status_of(&f, &secret_arn("unreadable")), Status::Error);
        assert_eq!(status_of(&f, &secret_arn("broken")), Status::Error);
        assert!(finding_message(&f, &secret_arn("broken")).contains("malformed"));
    }
}
