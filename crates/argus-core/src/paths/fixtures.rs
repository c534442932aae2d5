//! Fixture accounts with one attack path each, and the ways to break one of its hops.

use crate::checks::awslambda::lambda_fixtures::{function, functions};
use crate::checks::ec2::fixtures::{instance, instances, sg, tcp};
use crate::checks::iam::policy_fixtures::{admin_access, aws_policy, inline, policy, role_trusting, user, ADMIN};
use crate::checks::secretsmanager::fixtures::{secret, secret_arn, secrets};
use crate::snapshot::*;
use crate::testing::*;

pub(crate) const PROFILE: &str = "arn:aws:iam::123456789012:instance-profile/web";

pub(crate) fn role_arn(name: &str) -> String {
    format!("arn:aws:iam::{ACCOUNT}:role/{name}")
}

pub(crate) fn user_arn(name: &str) -> String {
    format!("arn:aws:iam::{ACCOUNT}:user/{name}")
}

/// AdministratorAccess in the account's policy list (attached, so its document is kept).
pub(crate) fn with_admin_policy(s: &mut Snapshot) {
    if !auth(s).policies.iter().any(|p| p.name == "AdministratorAccess") {
        auth(s).policies.push(aws_policy("AdministratorAccess", ADMIN, 1));
    }
}

/// internet -> i-0abc (public IP, SSH open to the world) -> role web-app -> bucket customer-data.
pub(crate) fn exposed_instance(s: &mut Snapshot) {
    let mut group = sg("sg-web", "web");
    group.ingress.push(tcp(22, 22, &["0.0.0.0/0"], &[]));
    list(&mut ec2(s).security_groups).push(group);
    let mut i = instance("i-0abc");
    i.public_ip = Some("203.0.113.5".into());
    i.metadata_http_tokens = Some("optional".into());
    i.security_group_ids = vec!["sg-web".into()];
    i.instance_profile_arn = Some(PROFILE.into());
    instances(s).push(i);
    let mut role = role_trusting(
        "web-app",
        r#"{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}"#,
    );
    role.instance_profiles = vec![PROFILE.into()];
    role.inline_policies.push(inline(
        "read-data",
        &policy(
            r#"{"Sid":"ReadData","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::customer-data/*"}"#,
        ),
    ));
    auth(s).roles.push(role);
    buckets(s).push(bucket("customer-data"));
}

/// internet -> function api (URL with auth NONE) -> role api-role -> secret db-password.
pub(crate) fn public_function(s: &mut Snapshot) {
    let mut f = function("api");
    f.url_config = Fetched::Ok(Some(FunctionUrl {
        url: "https://api.lambda-url.aws/".into(),
        auth_type: "NONE".into(),
        cors_allow_origins: Some(vec![]),
    }));
    functions(s).push(f);
    let mut role = role_trusting(
        "api-role",
        r#"{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}"#,
    );
    role.inline_policies.push(inline(
        "read-secret",
        &policy(&format!(
            r#"{{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"{}"}}"#,
            secret_arn("db-password")
        )),
    ));
    auth(s).roles.push(role);
    secrets(s).push(secret("db-password"));
}

/// any AWS account -> role ops (trust `*`) -> admin.
pub(crate) fn open_trust_admin(s: &mut Snapshot, condition: &str) {
    with_admin_policy(s);
    let mut role = role_trusting(
        "ops",
        &format!(
            r#"{{"Sid":"Anyone","Effect":"Allow","Principal":{{"AWS":"*"}},"Action":"sts:AssumeRole"{condition}}}"#
        ),
    );
    role.attached_policies.push(admin_access());
    auth(s).roles.push(role);
}

/// user dev -> (iam:CreateAccessKey) user boss (AdministratorAccess) -> admin.
pub(crate) fn access_key_escalation(s: &mut Snapshot, extra: &str) {
    with_admin_policy(s);
    let mut dev = user("dev");
    dev.inline_policies.push(inline(
        "keys",
        &policy(&format!(r#"{{"Sid":"Keys","Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"}}{extra}"#)),
    ));
    let mut boss = user("boss");
    boss.attached_policies.push(admin_access());
    auth(s).users.push(dev);
    auth(s).users.push(boss);
}
