//! `argus iam-policy`: the policy is exactly the read-only allowlist, the committed audit-role template
//! is exactly what argus generates, and the policy suffices for a full scan.
//!
//! Sufficiency is shown two ways:
//!
//! 1. On moto with IAM enforcement on: the demo account is scanned through an audit role whose ONLY
//!    permissions are `argus iam-policy`'s output. Every call succeeds except those moto cannot authorise
//!    whatever the policy says (`MOTO_ENFORCEMENT_GAPS`, each explained below: moto names some S3
//!    actions differently from IAM, and its signature check fails for the REST paths of Lambda, EFS,
//!    GuardDuty, Security Hub and Macie).
//! 2. For those few, and for every other entry, the allowlist's IAM action is checked against AWS's own
//!    `SecurityAudit` managed policy (the copy moto ships): each action argus asks for is one AWS grants
//!    to auditors, i.e. a real IAM action name for that read.

mod common;
mod support;

use argus::aws::readonly::READ_OPERATIONS;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;
use support::Emulator;

/// IAM action in argus's allowlist → why moto 5.2.5's enforcement denies it even when the policy grants it.
const MOTO_ENFORCEMENT_GAPS: &[(&str, &str)] = &[
    ("s3:GetEncryptionConfiguration", "moto has no action name for ?encryption and checks s3:ListBucket"),
    ("s3:GetBucketOwnershipControls", "moto has no action name for ?ownershipControls and checks s3:ListBucket"),
    ("s3:GetBucketPublicAccessBlock", "moto checks s3:GetPublicAccessBlock (the API name, not the IAM action)"),
    ("s3:GetAccountPublicAccessBlock", "moto checks s3:GetPublicAccessBlock for S3 Control as well"),
    (
        "s3:GetBucketObjectLockConfiguration",
        "moto checks s3:GetObjectLockConfiguration (the API name, not the IAM action)",
    ),
    ("s3:GetReplicationConfiguration", "moto checks s3:GetBucketReplication (the API name, not the IAM action)"),
    ("lambda:ListFunctions", "moto's SigV4 check rejects Lambda's REST requests (SignatureDoesNotMatch, boto3 too)"),
    (
        "elasticfilesystem:DescribeFileSystems",
        "moto's SigV4 check rejects the Rust SDK's EFS REST requests (SignatureDoesNotMatch; boto3's pass)",
    ),
    ("cloudwatch:DescribeAlarms", "moto names the action by the signing name, monitoring:DescribeAlarms"),
    (
        "guardduty:ListDetectors",
        "moto's SigV4 check rejects GuardDuty's REST requests (SignatureDoesNotMatch, boto3 too)",
    ),
    (
        "securityhub:DescribeHub",
        "moto's SigV4 check rejects Security Hub's REST requests (SignatureDoesNotMatch, boto3 too)",
    ),
    ("macie2:GetMacieSession", "moto's SigV4 check rejects Macie's REST requests (SignatureDoesNotMatch, boto3 too)"),
    ("backup:ListBackupPlans", "moto's IAM enforcement denies AWS Backup's REST requests the policy grants"),
    ("backup:ListBackupVaults", "moto's IAM enforcement denies AWS Backup's REST requests the policy grants"),
];

fn argus(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_argus")).args(args).output().expect("run argus");
    assert!(out.status.success(), "argus {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn allowlist() -> BTreeSet<String> {
    READ_OPERATIONS.iter().map(|o| o.iam_action.to_string()).collect()
}

#[test]
fn the_policy_is_printed_with_what_its_actions_really_read() {
    for args in [&["iam-policy"][..], &["iam-policy", "--format", "cloudformation"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_argus")).args(args).output().expect("run argus");
        assert!(out.status.success());
        let note = String::from_utf8_lossy(&out.stderr).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            note.contains("lambda:ListFunctions returns every function's environment variables, values included"),
            "{note}"
        );
        assert!(note.contains("iam:GenerateCredentialReport") && note.contains("as a write event"), "{note}");
    }
}

#[test]
fn printed_policy_is_exactly_the_allowlist() {
    let policy: Value = serde_json::from_str(&argus(&["iam-policy"])).expect("policy JSON");
    assert_eq!(policy["Version"], "2012-10-17");
    let statements = policy["Statement"].as_array().expect("statements");
    assert_eq!(statements.len(), 1);
    assert_eq!(statements[0]["Effect"], "Allow");
    assert_eq!(statements[0]["Resource"], "*");
    let listed: Vec<String> = statements[0]["Action"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| a.as_str().expect("action").to_string())
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(listed, sorted, "actions are sorted and deduplicated");
    assert_eq!(listed.into_iter().collect::<BTreeSet<_>>(), allowlist());
}

#[test]
fn trust_policy_names_the_scanner_and_the_external_id() {
    let scanner = "arn:aws:iam::111122223333:role/argus-scanner";
    let doc: Value = serde_json::from_str(&argus(&[
        "iam-policy",
        "--document",
        "trust",
        "--trust-principal",
        scanner,
        "--external-id",
        "0123456789abcdef",
    ]))
    .expect("trust JSON");
    let s = &doc["Statement"][0];
    assert_eq!(s["Principal"]["AWS"], scanner);
    assert_eq!(s["Action"], "sts:AssumeRole");
    assert_eq!(s["Condition"]["StringEquals"]["sts:ExternalId"], "0123456789abcdef");
}

#[test]
fn committed_audit_role_template_is_generated_from_the_allowlist() {
    let path = support::repo_root().join("deploy/cloudformation/audit-role.yaml");
    let committed = std::fs::read_to_string(&path).expect("read audit-role.yaml");
    let generated = argus(&["iam-policy", "--format", "cloudformation"]);
    // The actions: every `- service:Action` line of the permissions statement.
    let actions: BTreeSet<String> = committed
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("- "))
        .filter(|a| a.contains(':') && !a.contains(' ') && a.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .map(str::to_string)
        .collect();
    assert_eq!(actions, allowlist(), "{} actions differ from the allowlist", path.display());
    assert!(
        committed == generated,
        "{} is not what `argus iam-policy --format cloudformation` prints: run deploy/generate-audit-role.sh",
        path.display()
    );
}

/// `SecurityAudit` as moto ships it (AWS's managed policy document).
fn security_audit_actions() -> Vec<String> {
    let python = support::repo_root().join(".venv/moto/bin/python");
    support::require_venvs();
    let out = Command::new(python)
        .args([
            "-c",
            "import json; from moto.iam.aws_managed_policies import aws_managed_policies_data as d; \
             print(json.dumps(json.loads(d)['SecurityAudit']['Document']))",
        ])
        .output()
        .expect("run moto's python");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("SecurityAudit JSON");
    let mut actions = Vec::new();
    for s in doc["Statement"].as_array().expect("statements") {
        if s["Effect"] != "Allow" {
            continue;
        }
        match &s["Action"] {
            Value::String(a) => actions.push(a.clone()),
            Value::Array(list) => actions.extend(list.iter().filter_map(|a| a.as_str().map(str::to_string))),
            _ => {}
        }
    }
    actions
}

/// IAM's action matching: case-insensitive, `*` any run, `?` one character.
fn glob(pattern: &[u8], action: &[u8]) -> bool {
    match (pattern.first(), action.first()) {
        (None, None) => true,
        (Some(b'*'), _) => glob(&pattern[1..], action) || (!action.is_empty() && glob(pattern, &action[1..])),
        (Some(b'?'), Some(_)) => glob(&pattern[1..], &action[1..]),
        (Some(p), Some(a)) if p.eq_ignore_ascii_case(a) => glob(&pattern[1..], &action[1..]),
        _ => false,
    }
}

/// Actions that need no permission at all, so no policy lists them.
const NEEDS_NO_PERMISSION: &[&str] = &["sts:GetCallerIdentity"];

/// Read actions argus needs that SecurityAudit does not grant, with the reason (the README lists them).
const OUTSIDE_SECURITY_AUDIT: &[(&str, &str)] = &[(
    "macie2:GetMacieSession",
    "the one call that tells whether Macie is enabled or suspended; SecurityAudit grants Macie only ListFindings",
)];

#[test]
fn every_allowlisted_action_is_one_aws_grants_to_auditors() {
    let audit = security_audit_actions();
    assert!(audit.len() > 100, "SecurityAudit looks truncated: {} actions", audit.len());
    assert!(glob(b"s3:GetBucket*", b"s3:getbucketpolicy") && !glob(b"s3:List*", b"s3:GetBucketAcl"));
    let missing: Vec<String> = allowlist()
        .into_iter()
        .filter(|a| !NEEDS_NO_PERMISSION.contains(&a.as_str()))
        .filter(|a| !OUTSIDE_SECURITY_AUDIT.iter().any(|(action, _)| action == a))
        .filter(|a| !audit.iter().any(|p| glob(p.as_bytes(), a.as_bytes())))
        .collect();
    assert!(missing.is_empty(), "not granted by AWS's SecurityAudit policy (misspelt IAM action?): {missing:?}");
}

#[test]
fn the_policy_alone_suffices_for_a_full_scan_on_moto_with_iam_enforcement() {
    let em = Emulator::moto();
    let dir = support::ReportDir::new();
    let policy = dir.path().join("policy.json");
    std::fs::write(&policy, argus(&["iam-policy"])).expect("write policy");
    let creds = dir.path().join("scanner.json");
    em.seed("localstack/seed_demo.py", &["--regions", "us-east-1", "--flavour", "moto"]);
    em.seed(
        "tests/seed/org_enforce.py",
        &[
            "--policy",
            &policy.to_string_lossy(),
            "--external-id",
            "argus-enforce-0123456789",
            "--out",
            &creds.to_string_lossy(),
        ],
    );
    let creds = common::read_json(&creds);
    let out_dir = dir.path().join("out");
    let out = Command::new(env!("CARGO_BIN_EXE_argus"))
        .args([
            "scan",
            "--role-arn",
            creds["role_arn"].as_str().expect("role"),
            "--external-id",
            "argus-enforce-0123456789",
            "--endpoint-url",
            &em.endpoint(),
            "--regions",
            "us-east-1",
            "--max-attempts",
            "2",
            "--output-formats",
            "csv",
            "--compliance",
            "none",
            "--output-dir",
            &out_dir.to_string_lossy(),
            "--quiet",
        ])
        .envs(em.aws_env())
        .env("AWS_ACCESS_KEY_ID", creds["access_key_id"].as_str().expect("key"))
        .env("AWS_SECRET_ACCESS_KEY", creds["secret_access_key"].as_str().expect("secret"))
        .env_remove("RUST_LOG")
        .output()
        .expect("run argus");
    assert_eq!(
        out.status.code(),
        Some(3),
        "scan failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        em.log_tail(20)
    );
    let findings = common::read_json(&common::file_ending(&out_dir, ".findings.json"));
    // Really scanned through the role, with real data.
    assert!(findings["findings"].as_array().is_some_and(|f| f.len() > 100), "too few findings");
    let mut denied = BTreeSet::new();
    for e in findings["collection_errors"].as_array().expect("errors") {
        assert_ne!(e["kind"], "refused", "argus refused its own call: {e}");
        if e["kind"] == "access_denied" {
            denied.insert(e["iam_action"].as_str().unwrap_or_default().to_string());
        }
    }
    let gaps: BTreeSet<String> = MOTO_ENFORCEMENT_GAPS.iter().map(|(a, _)| a.to_string()).collect();
    let unexplained: Vec<&String> = denied.difference(&gaps).collect();
    assert!(unexplained.is_empty(), "AccessDenied with only `argus iam-policy` as permissions: {unexplained:?}");
    // If moto fixes one of its gaps, the list should shrink: keep it honest.
    let fixed: Vec<&String> = gaps.difference(&denied).collect();
    assert!(fixed.is_empty(), "moto now authorises {fixed:?}: remove them from MOTO_ENFORCEMENT_GAPS");
    for (action, _) in MOTO_ENFORCEMENT_GAPS {
        assert!(allowlist().contains(*action), "{action} is not in the allowlist");
    }
}
