//! `argus diff OLD NEW`: new, resolved and persisting failures, and exit code 3 when something new fails.

use serde_json::{json, Value};
use std::process::Command;

fn finding(check: &str, resource: &str, status: &str) -> Value {
    json!({
        "check_id": check, "status": status, "severity": "high", "service": "s3",
        "account_id": "123456789012", "region": "us-east-1", "resource_id": resource,
        "resource_arn": format!("arn:aws:s3:::{resource}"), "resource_name": resource,
        "message": format!("{resource} is {status}"), "muted": false
    })
}

fn findings_file(findings: Vec<Value>) -> Value {
    json!({
        "schema_version": 1, "argus_version": "test", "account_id": "123456789012",
        "collected_at": "2026-06-01T00:00:00Z", "regions": ["us-east-1"], "services": ["s3"],
        "collection_errors": [], "api_calls": 1, "retries": 0, "findings": findings
    })
}

fn run_diff(old: &Value, new: &Value, format: &str) -> (i32, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (o, n) = (dir.path().join("old.json"), dir.path().join("new.json"));
    std::fs::write(&o, old.to_string()).expect("write old");
    std::fs::write(&n, new.to_string()).expect("write new");
    let out = Command::new(env!("CARGO_BIN_EXE_argus"))
        .args(["diff", &o.to_string_lossy(), &n.to_string_lossy(), "--format", format])
        .env("NO_COLOR", "1")
        .output()
        .expect("run argus diff");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).to_string())
}

#[test]
fn diff_reports_new_resolved_and_persisting_failures() {
    let c = "s3_bucket_public_access";
    let old =
        findings_file(vec![finding(c, "fixed", "FAIL"), finding(c, "still-bad", "FAIL"), finding(c, "fine", "PASS")]);
    let new =
        findings_file(vec![finding(c, "fixed", "PASS"), finding(c, "still-bad", "FAIL"), finding(c, "fine", "FAIL")]);
    let (code, json_out) = run_diff(&old, &new, "json");
    assert_eq!(code, 3, "a new failure exits 3");
    let d: Value = serde_json::from_str(&json_out).expect("diff JSON");
    let ids = |key: &str, inner: &str| -> Vec<String> {
        d[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| if inner.is_empty() { &x["resource_id"] } else { &x[inner]["resource_id"] })
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(ids("new_failures", ""), vec!["fine"]);
    assert_eq!(ids("resolved_failures", ""), vec!["fixed"]);
    assert_eq!(ids("persisting_failures", ""), vec!["still-bad"]);

    let (code, table) = run_diff(&old, &new, "table");
    assert_eq!(code, 3);
    assert!(table.contains("NEW") && table.contains("RESOLVED"), "{table}");

    // Nothing new failing: exit 0.
    let (code, _) = run_diff(&new, &new, "json");
    assert_eq!(code, 0);
}
