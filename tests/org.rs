//! `argus scan --organization` end to end on moto with IAM enforcement switched on.
//!
//! tests/seed/org.py builds an organization of four member accounts, each seeded differently: alpha,
//! bravo and charlie each get a different planted issue and the audit role, whose only permissions are
//! the output of `argus iam-policy`; the scanner (an IAM user of the management account) is denied
//! sts:AssumeRole into delta. Then moto's IAM enforcement is switched on, so every call argus makes is
//! checked against those policies.
//!
//! One org scan must find each planted issue under the right account id (and nowhere else), report
//! delta as ERROR and carry on, and `--shard 0/2` + `--shard 1/2` + `argus merge` must equal it.

mod common;
mod support;

use common::read_json;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::Emulator;

const EXTERNAL_ID: &str = "argus-test-external-id-0123";
const ROLE: &str = "argus-audit";

/// Calls that moto's IAM enforcement cannot authorise whatever the policy says (see tests/iam_policy.rs
/// for the details): under enforcement these are the only calls allowed to fail.
const MOTO_ENFORCEMENT_GAPS: &[&str] = &[
    "lambda:ListFunctions",
    "s3:GetAccountPublicAccessBlock",
    // moto checks the API names (s3:GetObjectLockConfiguration, s3:GetBucketReplication), not the IAM actions.
    "s3:GetBucketObjectLockConfiguration",
    "s3:GetReplicationConfiguration",
    "backup:ListBackupPlans",
    "backup:ListBackupVaults",
    "elasticfilesystem:DescribeFileSystems",
    // Denied under enforcement although the policy allows them (moto answers AccessDenied).
    "cloudwatch:DescribeAlarms",
    "guardduty:ListDetectors",
    "macie2:GetMacieSession",
    "securityhub:DescribeHub",
];

struct Org {
    em: Emulator,
    ids: Value,
    scanner_key: String,
    scanner_secret: String,
    _dir: support::ReportDir,
}

impl Org {
    fn id(&self, name: &str) -> String {
        self.ids["accounts"][name].as_str().expect("account id").to_string()
    }

    /// Runs argus as the scanner user; panics unless the exit code is one of `codes`.
    fn argus(&self, args: &[&str], codes: &[i32]) -> Output {
        let out = Command::new(env!("CARGO_BIN_EXE_argus"))
            .args(args)
            .envs(self.em.aws_env())
            .env("AWS_ACCESS_KEY_ID", &self.scanner_key)
            .env("AWS_SECRET_ACCESS_KEY", &self.scanner_secret)
            .env_remove("AWS_PROFILE")
            .env_remove("RUST_LOG")
            .env_remove("JOB_COMPLETION_INDEX")
            .env("NO_COLOR", "1")
            .output()
            .expect("run argus");
        let code = out.status.code().unwrap_or(-1);
        assert!(
            codes.contains(&code),
            "argus {args:?} exited {code}\n--- stdout ---\n{}\n--- stderr ---\n{}\n--- emulator log ---\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            self.em.log_tail(30)
        );
        out
    }

    fn scan(&self, out_dir: &Path, extra: &[&str]) {
        let endpoint = self.em.endpoint();
        let dir = out_dir.to_string_lossy().to_string();
        let mut args = vec![
            "scan",
            "--organization",
            "--role-name",
            ROLE,
            "--external-id",
            EXTERNAL_ID,
            // The management account has no audit role in this organization.
            "--exclude-accounts",
            "123456789012",
            "--endpoint-url",
            &endpoint,
            "--regions",
            "us-east-1",
            "--max-attempts",
            "2",
            "--output-dir",
            &dir,
            "--output-formats",
            "csv",
            "--compliance",
            "none",
        ];
        args.extend_from_slice(extra);
        self.argus(&args, &[0, 3, 4]);
    }
}

fn setup() -> Org {
    let em = Emulator::moto();
    let dir = support::ReportDir::new();
    let policy = Command::new(env!("CARGO_BIN_EXE_argus")).arg("iam-policy").output().expect("argus iam-policy");
    assert!(policy.status.success(), "argus iam-policy failed");
    let policy_path = dir.path().join("policy.json");
    std::fs::write(&policy_path, &policy.stdout).expect("write policy");
    let ids_path = dir.path().join("org.json");
    em.seed(
        "tests/seed/org.py",
        &[
            "--out",
            &ids_path.to_string_lossy(),
            "--role-name",
            ROLE,
            "--external-id",
            EXTERNAL_ID,
            "--policy",
            &policy_path.to_string_lossy(),
            "--enforce-iam",
        ],
    );
    let ids = read_json(&ids_path);
    let scanner_key = ids["scanner"]["access_key_id"].as_str().expect("key").to_string();
    let scanner_secret = ids["scanner"]["secret_access_key"].as_str().expect("secret").to_string();
    Org { em, ids, scanner_key, scanner_secret, _dir: dir }
}

/// The one top-level `argus-organization*.findings.json` of an output directory.
fn org_report(dir: &Path) -> Value {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read output dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy().to_string();
            name.starts_with("argus-organization") && name.ends_with(".findings.json")
        })
        .collect();
    assert_eq!(found.len(), 1, "one organization report in {}: {found:?}", dir.display());
    read_json(&found[0])
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings array")
}

/// Findings with messages made comparable across runs (moto puts request ids into error texts).
fn comparable_findings(report: &Value) -> Vec<Value> {
    let request_id = regex::Regex::new(r#"aws_request_id: "[^"]*""#).expect("regex");
    findings(report)
        .iter()
        .map(|f| {
            let mut f = f.clone();
            let msg = f["message"].as_str().unwrap_or_default().to_string();
            f["message"] = Value::String(request_id.replace_all(&msg, "aws_request_id: _").into_owned());
            f
        })
        .collect()
}

/// Collection errors without their free-text messages.
fn comparable_errors(report: &Value) -> Vec<Value> {
    report["collection_errors"]
        .as_array()
        .expect("collection_errors")
        .iter()
        .map(|e| {
            let account = e["message"].as_str().unwrap_or_default().split(':').next().unwrap_or_default().to_string();
            serde_json::json!([
                account,
                e["service"],
                e["region"],
                e["operation"],
                e["iam_action"],
                e["resource"],
                e["kind"]
            ])
        })
        .collect()
}

/// Account entries without their collection times.
fn comparable_accounts(report: &Value) -> Vec<Value> {
    report["organization"]["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| {
            let mut a = a.clone();
            a.as_object_mut().expect("object").remove("collected_at");
            a
        })
        .collect()
}

fn has_finding(report: &Value, account: &str, check: &str, resource: &str, status: &str) -> bool {
    findings(report).iter().any(|f| {
        f["account_id"] == account && f["check_id"] == check && f["resource_name"] == resource && f["status"] == status
    })
}

#[test]
fn organization_scan_shards_and_merge() {
    let org = setup();
    let (alpha, bravo, charlie, delta) = (org.id("alpha"), org.id("bravo"), org.id("charlie"), org.id("delta"));
    let out = support::ReportDir::new();
    let full_dir = out.path().join("full");
    org.scan(&full_dir, &[]);
    let full = org_report(&full_dir);

    // The organization section lists every selected account; delta could not be entered.
    assert_eq!(full["organization"]["organization_id"], org.ids["organization_id"]);
    assert_eq!(full["account_id"], org.ids["organization_id"]);
    let accounts: Vec<(String, String)> = full["organization"]["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| {
            (
                a["account_id"].as_str().unwrap_or_default().to_string(),
                a["state"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String)> =
        [(&alpha, "scanned"), (&bravo, "scanned"), (&charlie, "scanned"), (&delta, "not_entered")]
            .iter()
            .map(|(a, s)| (a.to_string(), s.to_string()))
            .collect();
    expected.sort();
    assert_eq!(accounts, expected);

    // Each planted issue under its own account id, and under no other.
    let planted = [
        (&alpha, "iam_user_administrator_access_policy", "alpha-admin"),
        (&bravo, "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22", "bravo-ssh-open"),
        (&charlie, "iam_role_trust_allows_any_principal", "charlie-trust-any"),
    ];
    for (account, check, resource) in planted {
        assert!(has_finding(&full, account, check, resource, "FAIL"), "{check} FAIL on {resource} in {account}");
        let elsewhere: Vec<&Value> = findings(&full)
            .iter()
            .filter(|f| f["resource_name"] == resource && f["account_id"] != account.as_str())
            .collect();
        assert!(elsewhere.is_empty(), "{resource} leaked into other accounts: {elsewhere:?}");
    }
    // The audit roles themselves are fine (trust pinned to the scanner with the external id).
    assert!(has_finding(&full, &alpha, "iam_role_cross_account_trust_without_external_id", ROLE, "PASS"));

    // delta: one ERROR finding naming the role, and the failed AssumeRole as a collection error.
    let delta_findings: Vec<&Value> = findings(&full).iter().filter(|f| f["account_id"] == delta.as_str()).collect();
    assert_eq!(delta_findings.len(), 1, "{delta_findings:?}");
    assert_eq!(delta_findings[0]["check_id"], "organization_account_assume_role");
    assert_eq!(delta_findings[0]["status"], "ERROR");
    let role_arn = format!("arn:aws:iam::{delta}:role/{ROLE}");
    assert!(delta_findings[0]["message"].as_str().unwrap_or_default().contains(&role_arn));
    let errors = full["collection_errors"].as_array().expect("errors");
    assert!(errors.iter().any(|e| e["iam_action"] == "sts:AssumeRole" && e["resource"] == role_arn.as_str()));

    // Under enforcement, with only `argus iam-policy` as the audit role's permissions, nothing failed
    // in the entered accounts except the calls moto cannot authorise at all.
    let unexpected: Vec<String> = errors
        .iter()
        .filter(|e| e["iam_action"] != "sts:AssumeRole")
        .filter(|e| !MOTO_ENFORCEMENT_GAPS.contains(&e["iam_action"].as_str().unwrap_or_default()))
        .filter(|e| !support::is_moto_gap(e))
        .map(|e| e.to_string())
        .collect();
    assert!(unexpected.is_empty(), "unexpected failed calls under IAM enforcement:\n{}", unexpected.join("\n"));

    // Per-account outputs: each account's files under <out>/<account>/, about that account only.
    for account in [&alpha, &bravo, &charlie] {
        let sub = full_dir.join(account.as_str());
        let file = common::file_ending(&sub, ".findings.json");
        let per_account = read_json(&file);
        assert_eq!(per_account["account_id"], account.as_str());
        assert!(findings(&per_account).iter().all(|f| f["account_id"] == account.as_str()));
        common::file_ending(&sub, ".snapshot.json");
        common::file_ending(&sub, ".csv");
    }
    assert!(full_dir.join(&delta).is_dir(), "delta gets a directory with its ERROR finding");

    // Shards: deterministic, disjoint, and merged equal to the unsharded run.
    let shard0 = out.path().join("shard0");
    let shard1 = out.path().join("shard1");
    org.scan(&shard0, &["--shard", "0/2"]);
    org.scan(&shard1, &["--shard", "1/2"]);
    let (r0, r1) = (org_report(&shard0), org_report(&shard1));
    let in0: BTreeSet<String> = comparable_accounts(&r0).iter().map(|a| a["account_id"].to_string()).collect();
    let in1: BTreeSet<String> = comparable_accounts(&r1).iter().map(|a| a["account_id"].to_string()).collect();
    assert!(in0.is_disjoint(&in1), "shards overlap: {in0:?} {in1:?}");
    assert_eq!(in0.len() + in1.len(), 4, "shards cover every account: {in0:?} {in1:?}");
    assert_eq!(r0["organization"]["shards"], serde_json::json!(["0/2"]));

    let merged_dir = out.path().join("merged");
    let merged_arg = merged_dir.to_string_lossy().to_string();
    let s0 = shard0.to_string_lossy().to_string();
    let s1 = shard1.to_string_lossy().to_string();
    org.argus(&["merge", &s1, &s0, "--output-dir", &merged_arg, "--output-formats", "csv,html"], &[3]);
    let merged = org_report(&merged_dir);
    assert_eq!(
        comparable_findings(&merged),
        comparable_findings(&full),
        "merged shards differ from the unsharded scan"
    );
    assert_eq!(comparable_errors(&merged), comparable_errors(&full));
    assert_eq!(comparable_accounts(&merged), comparable_accounts(&full));
    assert_eq!(merged["organization"]["shards"], serde_json::json!(["0/2", "1/2"]));
    common::file_ending(&merged_dir, ".html");

    // Merging a report with itself is refused: its accounts would count twice.
    let f = full_dir.to_string_lossy().to_string();
    let twice = org.argus(&["merge", &f, &f, "--output-dir", &merged_arg], &[1]);
    assert!(String::from_utf8_lossy(&twice.stderr).contains("more than one input"));
}
