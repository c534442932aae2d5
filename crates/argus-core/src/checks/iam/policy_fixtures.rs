//! Fixture builders for the IAM policy check tests (and the Lambda execution-role check).

use crate::engine::{Check, Status};
use crate::snapshot::*;
use crate::testing::{auth, days_ago, denied, doc, iam, run_check, snapshot, status_of, statuses, ACCOUNT};

/// `*` on `*`.
pub(crate) const ADMIN: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"}]}"#;
/// Read-only S3 on one bucket.
pub(crate) const NARROW: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::app","arn:aws:s3:::app/*"]}]}"#;
/// Not valid JSON.
pub(crate) const BROKEN: &str = r#"{"Version":"2012-10-17","Statement":["#;
/// Valid JSON, invalid policy (unknown Effect).
pub(crate) const INVALID: &str =
    r#"{"Version":"2012-10-17","Statement":{"Effect":"Perhaps","Action":"*","Resource":"*"}}"#;

pub(crate) const ADMIN_ACCESS_ARN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";

/// A policy statement list as a document: `policy(r#"{"Effect":...}"#)`.
pub(crate) fn policy(statements: &str) -> String {
    format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#)
}

/// A customer managed policy in the fixture account.
pub(crate) fn customer_policy(name: &str, json: &str, attachment_count: i32) -> ManagedPolicy {
    managed(name, &format!("arn:aws:iam::{ACCOUNT}:policy/{name}"), json, attachment_count)
}

/// An AWS managed policy.
pub(crate) fn aws_policy(name: &str, json: &str, attachment_count: i32) -> ManagedPolicy {
    managed(name, &format!("arn:aws:iam::aws:policy/{name}"), json, attachment_count)
}

fn managed(name: &str, arn: &str, json: &str, attachment_count: i32) -> ManagedPolicy {
    ManagedPolicy {
        name: name.into(),
        id: format!("ANPA{}", name.to_uppercase()),
        arn: arn.into(),
        path: "/".into(),
        attachment_count,
        permissions_boundary_usage_count: 0,
        is_attachable: true,
        default_version_id: Some("v1".into()),
        document: Some(doc(json)),
        other_versions: Fetched::Ok(vec![]),
    }
}

/// An attachment of `p`.
pub(crate) fn attach(p: &ManagedPolicy) -> AttachedPolicy {
    AttachedPolicy { name: p.name.clone(), arn: p.arn.clone() }
}

/// An attachment of AdministratorAccess.
pub(crate) fn admin_access() -> AttachedPolicy {
    AttachedPolicy { name: "AdministratorAccess".into(), arn: ADMIN_ACCESS_ARN.into() }
}

pub(crate) fn inline(name: &str, json: &str) -> InlinePolicy {
    InlinePolicy { name: name.into(), document: doc(json) }
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

/// An IAM role trusted by Lambda (with a confused-deputy guard) and with no permissions.
pub(crate) fn role(name: &str) -> Role {
    Role {
        name: name.into(),
        id: format!("AROA{}", name.to_uppercase()),
        arn: format!("arn:aws:iam::{ACCOUNT}:role/{name}"),
        path: "/".into(),
        create_date: Some(days_ago(400)),
        trust_policy: Some(doc(&policy(&format!(
            r#"{{"Effect":"Allow","Principal":{{"Service":"lambda.amazonaws.com"}},"Action":"sts:AssumeRole",
            "Condition":{{"StringEquals":{{"aws:SourceAccount":"{ACCOUNT}"}}}}}}"#
        )))),
        attached_policies: vec![],
        inline_policies: vec![],
        permissions_boundary: None,
        last_used: None,
        last_used_region: None,
        instance_profiles: vec![],
        tags: Tags::new(),
    }
}

/// A role whose trust policy is `statements`.
pub(crate) fn role_trusting(name: &str, statements: &str) -> Role {
    Role { trust_policy: Some(doc(&policy(statements))), ..role(name) }
}

/// The AdministratorAccess checks name the AWS managed policy by its ARN, and, for a principal with a
/// customer managed policy that is merely named AdministratorAccess and grants `*` on `*`, point to
/// the check that reports that grant. `add` gives the principal `name` (its resource id) the attachment.
pub(crate) fn assert_names_the_aws_managed_administrator_access(
    check: crate::engine::Check,
    add: impl Fn(&mut Snapshot, &str, AttachedPolicy),
) {
    use crate::engine::Status;
    use crate::testing::{auth, run_check, snapshot, status_of};
    let mut s = snapshot();
    let lookalike = customer_policy("AdministratorAccess", ADMIN, 1);
    add(&mut s, "aws-admin", admin_access());
    add(&mut s, "lookalike", attach(&lookalike));
    auth(&mut s).policies.push(lookalike.clone());
    let f = run_check(check, &s);
    let message = |id: &str| f.iter().find(|x| x.resource.id == id).map(|x| x.message.to_string()).unwrap_or_default();
    assert_eq!(status_of(&f, "aws-admin"), Status::Fail);
    assert!(message("aws-admin").contains(ADMIN_ACCESS_ARN), "{}", message("aws-admin"));
    assert_eq!(status_of(&f, "lookalike"), Status::Pass, "a customer policy of the same name is not the AWS one");
    let pass = message("lookalike");
    assert!(pass.contains(&format!("AWS managed policy {ADMIN_ACCESS_ARN}")), "{pass}");
    assert!(pass.contains(&lookalike.arn), "{pass}");
    assert!(pass.contains("allows all actions on all resources"), "{pass}");
    assert!(pass.contains("iam_customer_attached_policy_no_administrative_privileges"), "{pass}");
}

/// The fixture tests of a "no customer managed policy grants X on Resource *" check: the policy granting
/// `wide` (a statement) fails with a message naming `granted` and the statement, the one granting
/// `narrow` passes, an AWS managed policy is not judged, and a malformed policy or missing details is
/// ERROR.
pub(crate) fn assert_judges_customer_policies(check: Check, wide: &str, narrow: &str, granted: &str) {
    assert_judges_customer_policies_saying(check, wide, narrow, &format!("allows {granted} on Resource *"));
}

/// [`assert_judges_customer_policies`], the FAIL message saying `phrase`.
pub(crate) fn assert_judges_customer_policies_saying(check: Check, wide: &str, narrow: &str, phrase: &str) {
    let arn = |name: &str| format!("arn:aws:iam::{ACCOUNT}:policy/{name}");
    let mut s = snapshot();
    auth(&mut s).policies.push(customer_policy("wide", &policy(wide), 1));
    auth(&mut s).policies.push(customer_policy("narrow", &policy(narrow), 0));
    auth(&mut s).policies.push(aws_policy("AWSManaged", &policy(wide), 1));
    let f = run_check(check, &s);
    assert_eq!(f.len(), 2, "AWS managed policies are not judged: {f:#?}");
    assert_eq!(status_of(&f, &arn("wide")), Status::Fail);
    assert_eq!(status_of(&f, &arn("narrow")), Status::Pass);
    let msg = &f.iter().find(|x| x.resource.id == arn("wide")).expect("judged").message;
    assert!(msg.contains(phrase) && msg.contains("Statement[0]"), "{msg}");
    let mut s = snapshot();
    auth(&mut s).policies.push(customer_policy("broken", BROKEN, 1));
    assert_eq!(status_of(&run_check(check, &s), &arn("broken")), Status::Error);
    assert_missing_details_are_an_error(check);
}

/// The same for an inline-policy check: a role's inline policy granting `wide` fails, a user's
/// granting `narrow` passes, an invalid document or missing details is ERROR.
pub(crate) fn assert_judges_inline_policies(check: Check, wide: &str, narrow: &str, granted: &str) {
    let mut s = snapshot();
    let mut wide_role = role("wide");
    wide_role.inline_policies.push(inline("grant", &policy(wide)));
    let mut narrow_user = user("narrow");
    narrow_user.inline_policies.push(inline("read", &policy(narrow)));
    auth(&mut s).roles.push(wide_role);
    auth(&mut s).users.push(narrow_user);
    let f = run_check(check, &s);
    assert_eq!(status_of(&f, "wide"), Status::Fail);
    assert_eq!(status_of(&f, "narrow"), Status::Pass);
    let msg = &f.iter().find(|x| x.resource.id == "wide").expect("judged").message;
    assert!(msg.contains(&format!("inline policy grant allows {granted} on Resource *")), "{msg}");
    let mut s = snapshot();
    let mut bob = user("bob");
    bob.inline_policies.push(inline("odd", INVALID));
    auth(&mut s).users.push(bob);
    assert_eq!(status_of(&run_check(check, &s), "bob"), Status::Error);
    assert_missing_details_are_an_error(check);
}

fn assert_missing_details_are_an_error(check: Check) {
    let mut s = snapshot();
    iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
    assert_eq!(statuses(&run_check(check, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
}
