//! Every check, on an account where an AWS reply left fields out.
//!
//! A collector turns an omitted field into `None`, `""` or an empty list. A check must then infer
//! AWS's documented default or report ERROR naming the field: a resource must never drop out of a
//! check's findings because a field came back empty. The test below builds an account holding every
//! resource type, then empties one field path at a time (every occurrence of it) by walking the
//! serialised snapshot, so that a field added to the snapshot is covered without touching this file.

use super::all;
use crate::engine::{evaluate, Config, Filter, Finding};
use crate::snapshot::*;
use crate::testing::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Fields that name a resource in findings (`Finding::resource.arn` is built from them): a reply
/// without them yields no resource to follow from one run to the other.
const IDENTITY_FIELDS: &[&str] = &["id", "arn"];

/// Documents are the account's own policy text: emptying parts of it makes a different policy, not a
/// reply with a field left out (the malformed-document tests cover broken text). Collection errors
/// are the collector's own record.
const NOT_DESCENDED: &[&str] = &["json", "err"];

/// The checks of inline policies: they judge a principal by its inline policies.
const INLINE_POLICY_CHECKS: &[&str] = &[
    "iam_inline_policy_allows_privilege_escalation",
    "iam_inline_policy_no_administrative_privileges",
    "iam_policy_data_exfiltration_without_constraints",
    "iam_policy_service_wildcard_on_all_resources",
];

/// Checks that legitimately judge no resource when a field is empty, with the reason. Each entry is
/// (field path as [`field_paths`] writes it, the checks, why the resource is out of their scope).
const ALLOWED_SKIPS: &[(&str, &[&str], &str)] = &[
    (
        "iam.authorization_details.ok.users[].inline_policies",
        INLINE_POLICY_CHECKS,
        "a user without inline policies has none to judge (IAM lists no inline policy as an empty or absent list alike)",
    ),
    (
        "iam.authorization_details.ok.groups[].inline_policies",
        INLINE_POLICY_CHECKS,
        "a group without inline policies has none to judge",
    ),
    (
        "iam.authorization_details.ok.roles[].inline_policies",
        INLINE_POLICY_CHECKS,
        "a role without inline policies has none to judge",
    ),
];

/// The one account of the test: every resource type of every service, each in a state that gets a
/// finding from every check about its type.
fn rich_snapshot() -> Snapshot {
    use super::awslambda::lambda_fixtures as lambda;
    use super::cloudtrail::fixtures as cloudtrail;
    use super::ec2::fixtures as ec2f;
    use super::iam::{cred_fixtures as cred, policy_fixtures as pol};
    use super::kms::fixtures as kms;
    use super::rds::fixtures as rds;
    use super::secretsmanager::fixtures as secrets;

    let mut s = snapshot();

    // IAM: the credential report, account settings, and principals with managed, inline and AWS
    // managed policies.
    let mut alice = report_row("alice");
    alice.password_enabled = Some(true);
    alice.password_last_used = Some(days_ago(5));
    alice.password_last_changed = Some(days_ago(50));
    alice.mfa_active = true;
    alice.access_keys[0] = AccessKeyInfo {
        active: true,
        last_rotated: Some(days_ago(200)),
        last_used_date: Some(days_ago(2)),
        last_used_region: Some(REGION.into()),
        last_used_service: Some("s3".into()),
    };
    alice.access_keys[1] = AccessKeyInfo { active: true, last_rotated: Some(days_ago(10)), ..Default::default() };
    let mut root = cred::root_report_row();
    root.mfa_active = true;
    root.password_last_used = Some(days_ago(3));
    report_rows(&mut s).extend([root, alice]);
    let iam_data = iam(&mut s);
    iam_data.password_policy = Fetched::Ok(Some(cred::strong_password_policy()));
    iam_data.account_summary =
        Fetched::Ok(BTreeMap::from([("AccountMFAEnabled".into(), 1), ("AccountAccessKeysPresent".into(), 0)]));
    iam_data.virtual_mfa_devices = Fetched::Ok(vec![
        cred::virtual_mfa("alice", Some(format!("arn:aws:iam::{ACCOUNT}:user/alice"))),
        cred::virtual_mfa("root-account-mfa-device", Some(cred::root_arn())),
    ]);
    iam_data.server_certificates = Fetched::Ok(vec![cred::server_certificate("web", 30)]);

    let admin = pol::aws_policy("AdministratorAccess", pol::ADMIN, 3);
    let support = pol::aws_policy("AWSSupportAccess", pol::NARROW, 1);
    let attached = pol::customer_policy("deploy", pol::NARROW, 2);
    let unattached = pol::customer_policy("spare", pol::ADMIN, 0);
    let mut user = cred::user("alice");
    user.groups = vec!["admins".into()];
    user.attached_policies = vec![pol::admin_access(), pol::attach(&attached)];
    user.inline_policies = vec![pol::inline("alice-inline", pol::NARROW)];
    user.permissions_boundary = Some(attached.arn.clone());
    user.tags = Tags::from([("team".to_string(), "ops".to_string())]);
    let mut group = cred::group("admins");
    group.attached_policies = vec![pol::admin_access()];
    group.inline_policies = vec![pol::inline("admins-inline", pol::NARROW)];
    let mut role = pol::role("app-role");
    role.attached_policies = vec![pol::admin_access(), pol::attach(&attached), pol::attach(&support)];
    role.inline_policies = vec![pol::inline("app-inline", pol::NARROW)];
    role.last_used = Some(days_ago(1));
    role.last_used_region = Some(REGION.into());
    role.instance_profiles = vec!["app-profile".into()];
    let cross_account = pol::role_trusting(
        "partner",
        r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole"}"#,
    );
    let details = auth(&mut s);
    details.users = vec![user];
    details.groups = vec![group];
    details.roles = vec![role, cross_account];
    details.policies = vec![admin, support, attached, unattached];

    // S3: a bucket with every per-bucket setting present, and account-level Block Public Access.
    super::s3::fixtures::set_account_bpa(&mut s, Fetched::Ok(Some(PublicAccessBlock::default())));
    let mut b = super::s3::fixtures::with_grants(
        "logs",
        vec![super::s3::fixtures::owner_grant(), super::s3::fixtures::all_users("READ")],
    );
    b.policy = super::s3::fixtures::policy_with(
        r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*"}"#,
    );
    b.policy_status_is_public = Fetched::Ok(Some(false));
    b.public_access_block = Fetched::Ok(Some(super::s3::fixtures::BPA_ALL));
    b.object_ownership = Fetched::Ok(Some("ObjectWriter".into()));
    b.encryption = Fetched::Ok(Some(BucketEncryption {
        algorithm: "aws:kms".into(),
        kms_key_id: Some(format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/app")),
        bucket_key_enabled: true,
    }));
    b.versioning = Fetched::Ok(Versioning { status: Some("Enabled".into()), mfa_delete: Some("Disabled".into()) });
    b.logging = Fetched::Ok(Some(LoggingTarget { target_bucket: "audit".into(), target_prefix: "logs/".into() }));
    b.tags = Fetched::Ok(Tags::from([("team".to_string(), "ops".to_string())]));
    buckets(&mut s).push(b);

    // EC2 and VPC.
    let mut default_sg = ec2f::sg("sg-default", "default");
    default_sg.ingress = vec![ec2f::rule("-1", None, None, &[], &[])];
    default_sg.ingress[0].referenced_groups = vec!["sg-default".into()];
    default_sg.egress = vec![ec2f::all_traffic(&["0.0.0.0/0"], &["::/0"])];
    let mut web = ec2f::sg("sg-web", "web");
    web.ingress = vec![ec2f::tcp(22, 22, &["0.0.0.0/0"], &[]), ec2f::tcp(3389, 3389, &[], &["::/0"])];
    web.ingress[0].prefix_list_ids = vec!["pl-1".into()];
    web.tags = Tags::from([("Name".to_string(), "web".to_string())]);
    let unused = ec2f::sg("sg-unused", "unused");
    ec2f::groups(&mut s).extend([default_sg, web, unused]);
    let mut eni = ec2f::eni("eni-1", &["sg-web"]);
    eni.description = Some("web server".into());
    eni.attached_instance_id = Some("i-web".into());
    eni.public_ip = Some("203.0.113.10".into());
    let mut instance = ec2f::instance("i-web");
    instance.public_ip = Some("203.0.113.10".into());
    instance.security_group_ids = vec!["sg-web".into()];
    let mut snap = ec2f::ebs_snapshot("snap-1", false);
    snap.create_volume_permission =
        Fetched::Ok(CreateVolumePermission { public: false, accounts: vec!["999988887777".into()] });
    let mut acl = ec2f::nacl(
        "acl-1",
        vec![
            ec2f::entry(100, "6", "allow", "0.0.0.0/0", Some((22, 22))),
            ec2f::entry(110, "-1", "allow", "::/0", None),
            ec2f::entry(32767, "-1", "deny", "0.0.0.0/0", None),
        ],
    );
    acl.is_default = true;
    let ec2 = crate::testing::ec2(&mut s);
    ec2.network_interfaces = Fetched::Ok(vec![eni]);
    ec2.vpcs = Fetched::Ok(vec![ec2f::vpc("vpc-1")]);
    ec2.flow_logs = Fetched::Ok(vec![ec2f::flow_log("fl-1", "vpc-1")]);
    ec2.network_acls = Fetched::Ok(vec![acl]);
    ec2.volumes = Fetched::Ok(vec![ec2f::volume("vol-1", true)]);
    ec2.snapshots = Fetched::Ok(vec![snap]);
    ec2.instances = Fetched::Ok(vec![instance]);

    // RDS: a public standalone instance, an Aurora cluster with a member, and snapshots of each.
    let mut db = rds::instance("db1");
    db.publicly_accessible = true;
    db.vpc_security_group_ids = vec!["sg-web".into()];
    db.tags = Tags::from([("team".to_string(), "ops".to_string())]);
    rds::instances(&mut s).extend([db, rds::member("aurora-1", "aurora")]);
    rds::clusters(&mut s).push(rds::cluster("aurora"));
    let mut shared = rds::db_snapshot("db1-snap");
    shared.restore_accounts = Fetched::Ok(vec!["999988887777".into()]);
    let rds_region = rds::rds(&mut s);
    rds_region.snapshots = Fetched::Ok(vec![shared]);
    let mut cluster_snap = rds::db_snapshot("aurora-snap");
    cluster_snap.arn = format!("arn:aws:rds:{REGION}:{ACCOUNT}:cluster-snapshot:aurora-snap");
    cluster_snap.source_id = Some("aurora".into());
    rds_region.cluster_snapshots = Fetched::Ok(vec![cluster_snap]);

    // Lambda: a function using app-role, with a URL, a resource policy and environment variables.
    let mut f = lambda::function("api");
    f.role = Some(format!("arn:aws:iam::{ACCOUNT}:role/app-role"));
    f.last_modified = Some("2026-05-01T00:00:00.000+0000".into());
    if let Some(vpc) = f.vpc.as_mut() {
        vpc.security_group_ids = vec!["sg-unused".into()];
    }
    f.environment = vec![
        lambda::env_var("API_TOKEN", &["generic-api-key"], "ghp_****"),
        lambda::env_var("LOG_LEVEL", &[], "de****"),
    ];
    f.url_config = Fetched::Ok(Some(FunctionUrl {
        url: "https://abc.lambda-url.us-east-1.on.aws/".into(),
        auth_type: "AWS_IAM".into(),
    }));
    f.policy = Fetched::Ok(Some(doc(&format!(
        r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"Service":"s3.amazonaws.com"}},"Action":"lambda:InvokeFunction","Resource":"*","Condition":{{"StringEquals":{{"aws:SourceAccount":"{ACCOUNT}"}}}}}}]}}"#
    ))));
    lambda::functions(&mut s).push(f);

    // Secrets Manager, KMS and CloudTrail.
    let mut secret = secrets::secret("db-password");
    secret.kms_key_id = Some(format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/app"));
    secret.tags = Tags::from([("team".to_string(), "ops".to_string())]);
    secret.policy = Fetched::Ok(Some(doc(&format!(
        r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"secretsmanager:GetSecretValue","Resource":"*"}}]}}"#
    ))));
    secrets::secrets(&mut s).push(secret);
    let mut key = kms::key("app");
    kms::meta(&mut key).description = Some("application data".into());
    kms::keys(&mut s).extend([key, kms::aws_managed_key("aws-s3")]);
    let mut trail = cloudtrail::trail(REGION, "org-trail");
    trail.is_multi_region = true;
    cloudtrail::trails(&mut s, REGION).push(trail);

    s
}

/// For every check, the resources (by ARN) it reported on.
fn resources_by_check(findings: &[Finding]) -> BTreeMap<String, BTreeSet<String>> {
    let mut by_check: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in findings {
        by_check.entry(f.check_id().to_string()).or_default().insert(f.resource.arn.to_string());
    }
    by_check
}

fn run_all(s: &Snapshot) -> Vec<Finding> {
    evaluate(s, &all(), &Filter::default(), &Config::default(), now())
}

/// How a field is emptied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Emptied {
    /// `null`: an `Option` left `None`.
    Null,
    /// `""` or `[]`: a string or list defaulted to empty.
    Empty,
    /// `0` or `false`: a number or flag defaulted (`unwrap_or_default`).
    Zero,
}

/// Calls `visit` with the path of every node under `value` (children before their parent), as
/// `regions.*.kms.keys.ok[].metadata.ok.usage`: list positions are `[]` and region names `*`, so one
/// path stands for the field in every resource.
fn walk(value: &mut Value, path: &str, visit: &mut dyn FnMut(&str, &mut Value)) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                let child_path = match path {
                    "regions" => "regions.*".to_string(),
                    _ => format!("{path}.{key}"),
                };
                if !NOT_DESCENDED.contains(&key.as_str()) {
                    walk(child, &child_path, visit);
                } else if key == "json" {
                    // The document as a whole may still be absent.
                    visit(&child_path, child);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                walk(item, &format!("{path}[]"), visit);
            }
        }
        _ => {}
    }
    visit(path, value);
}

/// Whether the node at `path` is a field a reply could leave out: not a service or region container
/// (those are "not collected", which the engine handles), not an identity field, and not a listing of
/// resources (an empty listing is an account without them).
fn is_field(path: &str, value: &Value) -> bool {
    let segments: Vec<&str> = path.split('.').collect();
    let container = match segments.first() {
        Some(&"regions") => segments.len() <= 3,
        Some(&"iam") | Some(&"s3") => segments.len() == 1,
        _ => true,
    };
    let last = segments.last().copied().unwrap_or_default().trim_end_matches("[]");
    let listing = matches!(value, Value::Array(items)
        if items.iter().any(|i| IDENTITY_FIELDS.iter().any(|k| i.get(k).is_some())));
    !container && !listing && !IDENTITY_FIELDS.contains(&last)
}

/// The emptied form of `value`, if it has one of that kind (and differs from it).
fn emptied(value: &Value, how: Emptied) -> Option<Value> {
    let new = match (how, value) {
        (Emptied::Null, Value::Null) => return None,
        (Emptied::Null, _) => Value::Null,
        (Emptied::Empty, Value::String(s)) if !s.is_empty() => Value::String(String::new()),
        (Emptied::Empty, Value::Array(a)) if !a.is_empty() => Value::Array(vec![]),
        (Emptied::Zero, Value::Number(n)) if n.as_f64() != Some(0.0) => Value::from(0),
        (Emptied::Zero, Value::Bool(true)) => Value::Bool(false),
        _ => return None,
    };
    Some(new)
}

/// Every field path of the serialised account.
fn field_paths(json: &Value) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    let mut copy = json.clone();
    for top in ["iam", "s3", "regions"] {
        if let Some(v) = copy.get_mut(top) {
            walk(v, top, &mut |path, value| {
                if is_field(path, value) {
                    paths.insert(path.to_string());
                }
            });
        }
    }
    paths
}

/// The account with every occurrence of the field at `path` emptied `how`; `None` when that leaves
/// nothing changed or the snapshot type cannot hold it (a required field cannot be `null`).
fn with_field_emptied(json: &Value, path: &str, how: Emptied) -> Option<Snapshot> {
    let mut copy = json.clone();
    let mut changed = false;
    let top = path.split(['.', '[']).next().unwrap_or_default().to_string();
    let node = copy.get_mut(&top)?;
    walk(node, &top, &mut |p, value| {
        if p == path {
            if let Some(new) = emptied(value, how) {
                *value = new;
                changed = true;
            }
        }
    });
    if !changed {
        return None;
    }
    serde_json::from_value(copy).ok()
}

#[test]
fn the_rich_account_gets_a_finding_from_every_check() {
    let by_check = resources_by_check(&run_all(&rich_snapshot()));
    let silent: Vec<&str> = all().iter().map(|c| c.id).filter(|id| !by_check.contains_key(*id)).collect();
    assert!(silent.is_empty(), "checks without a finding on the rich fixture (give it data they judge): {silent:?}");
}

#[test]
fn no_resource_drops_out_of_a_check_when_a_field_comes_back_empty() {
    let full = rich_snapshot();
    let expected = resources_by_check(&run_all(&full));
    let json = serde_json::to_value(&full).expect("a snapshot serialises");
    let paths = field_paths(&json);
    let allowed: BTreeSet<(&str, &str)> =
        ALLOWED_SKIPS.iter().flat_map(|(path, checks, _)| checks.iter().map(move |check| (*check, *path))).collect();
    let mut used_allowances = BTreeSet::new();
    let mut lost = Vec::new();
    let mut variants = 0;
    for path in &paths {
        for how in [Emptied::Null, Emptied::Empty, Emptied::Zero] {
            let Some(variant) = with_field_emptied(&json, path, how) else { continue };
            variants += 1;
            let got = resources_by_check(&run_all(&variant));
            for (check, resources) in &expected {
                for resource in resources {
                    if got.get(check).is_some_and(|r| r.contains(resource)) {
                        continue;
                    }
                    if allowed.contains(&(check.as_str(), path.as_str())) {
                        used_allowances.insert((check.clone(), path.clone()));
                        continue;
                    }
                    lost.push(format!("{check}: {resource} has no finding when {path} is {how:?}"));
                }
            }
        }
    }
    // The walk must reach the fields this test exists for (a fixture or walker change could hide them).
    for field in ["regions.*.kms.keys.ok[].metadata.ok.usage", "regions.*.rds.instances.ok[].engine"] {
        assert!(paths.contains(field), "{field} not among the emptied fields: {paths:#?}");
    }
    assert!(variants > 100, "only {variants} variants");
    assert!(lost.is_empty(), "{} resource(s) dropped out:\n{}", lost.len(), lost.join("\n"));
    let stale: Vec<_> =
        allowed.iter().filter(|(c, p)| !used_allowances.contains(&(c.to_string(), p.to_string()))).collect();
    assert!(stale.is_empty(), "allowed skips that no longer happen (remove them): {stale:?}");
}
