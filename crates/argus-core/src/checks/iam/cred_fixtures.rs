//! Fixture builders for the IAM credential and account check tests.

use crate::snapshot::*;
use crate::testing::{days_ago, ACCOUNT};

/// The root user's credential-report row with nothing enabled.
pub(crate) fn root_report_row() -> CredentialReportRow {
    let mut row = crate::testing::report_row("<root_account>");
    row.password_enabled = None;
    row
}

/// An IAM user with no groups and no policies.
pub(crate) fn user(name: &str) -> User {
    User {
        name: name.into(),
        id: format!("AIDA{}", name.to_uppercase()),
        arn: format!("arn:aws:iam::{ACCOUNT}:user/{name}"),
        path: "/".into(),
        create_date: Some(days_ago(400)),
        groups: vec![],
        attached_policies: vec![],
        inline_policies: vec![],
        permissions_boundary: None,
        tags: Tags::new(),
    }
}

/// An IAM group with no policies.
pub(crate) fn group(name: &str) -> Group {
    Group {
        name: name.into(),
        id: format!("AGPA{}", name.to_uppercase()),
        arn: format!("arn:aws:iam::{ACCOUNT}:group/{name}"),
        path: "/".into(),
        attached_policies: vec![],
        inline_policies: vec![],
    }
}

/// An IAM role with no trust policy and no permissions.
pub(crate) fn role(name: &str) -> Role {
    Role {
        name: name.into(),
        id: format!("AROA{}", name.to_uppercase()),
        arn: format!("arn:aws:iam::{ACCOUNT}:role/{name}"),
        path: "/".into(),
        create_date: Some(days_ago(400)),
        trust_policy: None,
        attached_policies: vec![],
        inline_policies: vec![],
        permissions_boundary: None,
        last_used: None,
        last_used_region: None,
        instance_profiles: vec![],
        tags: Tags::new(),
    }
}

/// An attachment of the AWS managed policy `name`.
pub(crate) fn aws_managed(name: &str) -> AttachedPolicy {
    AttachedPolicy { name: name.into(), arn: format!("arn:aws:iam::aws:policy/{name}") }
}

/// The AWS managed policy `name` as GetAccountAuthorizationDetails lists it.
pub(crate) fn aws_managed_policy(name: &str, attachment_count: i32) -> ManagedPolicy {
    ManagedPolicy {
        name: name.into(),
        id: format!("ANPA{}", name.to_uppercase()),
        arn: format!("arn:aws:iam::aws:policy/{name}"),
        path: "/".into(),
        attachment_count,
        permissions_boundary_usage_count: 0,
        is_attachable: true,
        default_version_id: Some("v1".into()),
        document: None,
        other_versions: Fetched::Ok(vec![]),
    }
}

/// An inline policy named `name` allowing nothing of note.
pub(crate) fn inline(name: &str) -> InlinePolicy {
    InlinePolicy {
        name: name.into(),
        document: crate::testing::doc(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}"#,
        ),
    }
}

/// A server certificate expiring `expires_in_days` from the fixture's "now" (negative: expired).
pub(crate) fn server_certificate(name: &str, expires_in_days: i64) -> ServerCertificate {
    ServerCertificate {
        name: name.into(),
        arn: format!("arn:aws:iam::{ACCOUNT}:server-certificate/{name}"),
        id: format!("ASCA{}", name.to_uppercase()),
        upload_date: Some(days_ago(400)),
        expiration: Some(days_ago(-expires_in_days)),
    }
}

/// A virtual MFA device, assigned to `user_arn` when given.
pub(crate) fn virtual_mfa(serial_name: &str, user_arn: Option<String>) -> VirtualMfaDevice {
    VirtualMfaDevice {
        serial_number: format!("arn:aws:iam::{ACCOUNT}:mfa/{serial_name}"),
        enable_date: user_arn.as_ref().map(|_| days_ago(30)),
        user_arn,
    }
}

/// The root user's ARN in the fixture account.
pub(crate) fn root_arn() -> String {
    format!("arn:aws:iam::{ACCOUNT}:root")
}

/// A password policy meeting every CIS requirement.
pub(crate) fn strong_password_policy() -> PasswordPolicy {
    PasswordPolicy {
        minimum_password_length: Some(14),
        require_symbols: true,
        require_numbers: true,
        require_uppercase_characters: true,
        require_lowercase_characters: true,
        allow_users_to_change_password: true,
        expire_passwords: true,
        max_password_age: Some(90),
        password_reuse_prevention: Some(24),
        hard_expiry: Some(false),
    }
}

/// Runs `check` with `policy` as the account password policy and returns the single status.
pub(crate) fn password_policy_status(
    check: crate::engine::Check,
    policy: Option<PasswordPolicy>,
) -> crate::engine::Status {
    let mut s = crate::testing::snapshot();
    crate::testing::iam(&mut s).password_policy = Fetched::Ok(policy);
    let f = crate::testing::run_check(check, &s);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].resource.id, ACCOUNT);
    f[0].status
}

/// The finding when the password policy could not be read.
pub(crate) fn password_policy_unreadable(check: crate::engine::Check) -> crate::engine::Finding {
    let mut s = crate::testing::snapshot();
    crate::testing::iam(&mut s).password_policy =
        Fetched::Err(crate::testing::denied("iam", "GetAccountPasswordPolicy"));
    let mut f = crate::testing::run_check(check, &s);
    assert_eq!(f.len(), 1, "{f:#?}");
    f.remove(0)
}
