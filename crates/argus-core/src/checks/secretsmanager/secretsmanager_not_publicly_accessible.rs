//! Secret resource policies do not let anyone read or manage the secret. Metadata:
//! `checks/secretsmanager/secretsmanager_not_publicly_accessible.toml`.

use super::each_secret;
use crate::checks::kms::{judge_resource_policy, PolicyVerdict};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "secretsmanager_not_publicly_accessible", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_secret(ctx, out, |secret, r, out| {
        let doc = match &secret.policy {
            Fetched::Ok(Some(doc)) => doc,
            Fetched::Ok(None) => return out.pass(r, format_args!("Secret {} has no resource policy.", secret.name)),
            Fetched::Err(e) => return out.error(r, e),
        };
        match judge_resource_policy(doc, "the resource policy", ctx.account_id()) {
            PolicyVerdict::Malformed(m) => out.error_message(r, m),
            PolicyVerdict::Public(m) => out.fail(r, format_args!("Secret {}: {m}.", secret.name)),
            PolicyVerdict::NotPublic(m) => out.pass(r, format_args!("Secret {}: {m}.", secret.name)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::secretsmanager::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Secret;
    use crate::testing::*;

    fn with_policy(name: &str, json: &str) -> Secret {
        Secret { policy: Fetched::Ok(Some(doc(json))), ..secret(name) }
    }

    #[test]
    fn public_policy_fails_others_pass_unreadable_errors() {
        let mut s = snapshot();
        let public = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#;
        let org = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}"#;
        let cross = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/reader"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#;
        secrets(&mut s).extend([
            secret("none"),
            with_policy("public", public),
            with_policy("org", org),
            with_policy("cross", cross),
            with_policy("broken", "not json"),
            Secret { policy: Fetched::Err(denied("secretsmanager", "GetResourcePolicy")), ..secret("unreadable") },
        ]);
        let f = run_check(CHECK, &s);
        let msg = |n: &str| f.iter().find(|x| x.resource.id == secret_arn(n)).unwrap().message.clone();
        assert_eq!(status_of(&f, &secret_arn("none")), Status::Pass);
        assert_eq!(status_of(&f, &secret_arn("public")), Status::Fail);
        assert!(
            msg("public").contains("statement #0 allows anyone secretsmanager:GetSecretValue"),
            "{}",
            msg("public")
        );
        assert_eq!(status_of(&f, &secret_arn("org")), Status::Pass);
        assert_eq!(status_of(&f, &secret_arn("cross")), Status::Pass);
        assert!(msg("cross").contains("444455556666"));
        assert_eq!(status_of(&f, &secret_arn("broken")), Status::Error);
        assert_eq!(status_of(&f, &secret_arn("unreadable")), Status::Error);
    }
}
