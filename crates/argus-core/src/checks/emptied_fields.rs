//! Every check, on an account where an AWS reply left fields out.
//!
//! A collector turns an omitted field into `None`, `""` or an empty list. A check must then infer
//! AWS's documented default or report ERROR naming the field: a resource must never drop out of a
//! check's findings because a field came back empty. The test below starts from the rich account
//! (`rich_account`, every resource type), then empties one field path at a time (every occurrence of
//! it) by walking the serialised snapshot, so that a field added to the snapshot is covered without
//! touching this file.

use super::all;
use super::rich_account::rich_snapshot;
use crate::engine::{evaluate, Config, Filter, Finding};
use crate::snapshot::*;
use crate::testing::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Fields that name a resource in findings (`Finding::resource.arn` is built from them): a reply
/// without them yields no resource to follow from one run to the other. An SQS queue is listed by its
/// URL (its ARN comes with its attributes).
const IDENTITY_FIELDS: &[&str] = &["id", "arn", "url"];

/// Documents are the account's own policy text: emptying parts of it makes a different policy, not a
/// reply with a field left out (the malformed-document tests cover broken text). Collection errors
/// are the collector's own record.
const NOT_DESCENDED: &[&str] = &["json", "err"];

/// The checks of inline policies: they judge a principal by its inline policies.
const INLINE_POLICY_CHECKS: &[&str] = &[
    "iam_inline_policy_allows_privilege_escalation",
    "iam_inline_policy_no_administrative_privileges",
    "iam_inline_policy_no_full_access_to_cloudtrail",
    "iam_inline_policy_no_full_access_to_kms",
    "iam_inline_policy_no_kms_decrypt_on_all_keys",
    "iam_inline_policy_no_wildcard_marketplace_subscribe",
    "iam_policy_data_exfiltration_without_constraints",
    "iam_policy_service_wildcard_on_all_resources",
];

/// Checks that legitimately judge no resource when a field is empty, with the reason. Each entry is
/// (field path as [`field_paths`] writes it, the checks, why the resource is out of their scope).
const ALLOWED_SKIPS: &[(&str, &[&str], &str)] = &[
    (
        "regions.*.cloudtrail.event_lookups",
        &["cloudtrail_threat_detection_enumeration"],
        "without the event history there is no caller to name: the check reports one ERROR about the account \
         (the history was not searched) instead",
    ),
    (
        "regions.*.securityhub.hub.ok",
        &["securityhub_enabled"],
        "no hub is Security Hub not enabled: the finding is then about the region, which has no hub to name",
    ),
    (
        "iam.service_last_accessed.ok[].services.ok",
        &[
            "iam_role_access_not_stale_to_bedrock",
            "iam_user_access_not_stale_to_bedrock",
            "iam_user_access_not_stale_to_sagemaker",
        ],
        "a principal whose last-accessed report lists no service is granted none, Bedrock and SageMaker included: \
         these checks judge only principals granted their service (Prowler's scope)",
    ),
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
    (
        "regions.*.lambda.functions.ok[].vpc",
        &["awslambda_function_vpc_multi_az"],
        "a function without a VPC configuration is outside any VPC (awslambda_function_inside_vpc FAILs it): it has no \
         subnets to spread across zones",
    ),
    (
        "regions.*.lambda.functions.ok[].vpc.subnet_ids",
        &["awslambda_function_vpc_multi_az"],
        "a function whose VPC configuration lists no subnet is not attached to a VPC (Lambda's reply for a function \
         outside one)",
    ),
    (
        "regions.*.lambda.functions.ok[].url_config.ok",
        &["awslambda_function_url_cors_policy"],
        "a function without a URL has no CORS configuration (awslambda_function_url_public judges it)",
    ),
    (
        "regions.*.ec2.instances.ok[].enclave_enabled",
        &[
            "ec2_confidential_workload_host_imdsv2_not_enforced",
            "ec2_confidential_workload_host_not_running",
            "ec2_confidential_workload_host_public_ip",
            "ec2_confidential_workload_host_unrestricted_ingress",
            "ec2_confidential_workload_host_vsock_proxy_exposed",
        ],
        "an instance whose reply has no EnclaveOptions was launched without Nitro Enclaves (the option is set only at \
         launch, and AWS reports it as enabled then): it hosts no enclave, and the checks of enclave hosts judge only hosts",
    ),
    (
        "regions.*.ec2.instance_images.ok[].owner_alias",
        &["ec2_instance_with_outdated_ami"],
        "an AMI whose answer names no owner alias is not Amazon's (AWS sets ImageOwnerAlias only on Amazon's and \
         Marketplace AMIs); like Prowler, the check judges the instances launched from Amazon's AMIs only",
    ),
    (
        "organizations.organization.ok",
        &[
            "organizations_authorization_guardrails_enabled",
            "organizations_delegated_administrators_in_use",
            "organizations_policies_managed_by_delegated_administrator",
        ],
        "no organization (DescribeOrganization answered AWSOrganizationsNotInUseException) is judged as a FAIL on the \
         account itself: there is no organization resource",
    ),
];

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
        Some(&"iam") | Some(&"s3") | Some(&"organizations") | Some(&"account") => segments.len() == 1,
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
    for top in ["iam", "s3", "organizations", "account", "regions"] {
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
