//! Every OCSF file the test suite writes is validated with py-ocsf-models, the models Prowler emits
//! and ingests OCSF with (pinned in scripts/moto-requirements.txt): `support::ReportDir` validates
//! its `*.ocsf.json` files when dropped. These tests hold the suite to that and check the validator.

mod support;

use std::path::PathBuf;

/// A test that passes `--output-dir` takes the directory from `support::ReportDir`, so that the
/// OCSF files argus writes there are validated; a plain `tempfile` directory would skip them.
#[test]
fn every_test_writing_reports_validates_its_ocsf_files() {
    let tests = support::repo_root().join("tests");
    let mut offenders = Vec::new();
    let mut writers = 0;
    // Spelled in two parts so that this file does not match itself.
    let direct_tempdir = ["tempfile", "::"].concat();
    for entry in std::fs::read_dir(&tests).expect("read tests/").flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read test source");
        if text.contains("\"--output-dir\"") {
            writers += 1;
            if text.contains(&direct_tempdir) {
                offenders.push(path.display().to_string());
            }
        }
    }
    assert!(writers >= 5, "found only {writers} test files passing --output-dir: is the scan broken?");
    assert!(
        offenders.is_empty(),
        "these tests write reports into a tempfile directory; use support::ReportDir so their OCSF output \
         is validated: {offenders:?}"
    );
}

fn write(dir: &support::ReportDir, name: &str, events: &serde_json::Value) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, serde_json::to_vec(events).expect("json")).expect("write");
    path
}

/// An event as argus writes it, with the `cloud.account` given.
fn event(account: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "activity_id": 1, "activity_name": "Create", "category_uid": 2, "category_name": "Findings",
        "class_uid": 2004, "class_name": "Detection Finding", "type_uid": 200401,
        "type_name": "Detection Finding: Create", "time": 1_767_225_600_000_i64, "time_dt": "2026-01-01T00:00:00Z",
        "severity_id": 4, "severity": "High", "status_id": 1, "status": "New", "status_code": "FAIL",
        "status_detail": "m", "message": "m", "is_alert": true,
        "finding_info": {"uid": "u", "title": "t", "types": ["Software and Configuration Checks"],
                         "created_time": 1_767_225_600_000_i64, "created_time_dt": "2026-01-01T00:00:00Z"},
        "metadata": {"product": {"name": "argus", "vendor_name": "argus", "version": "0"}, "version": "1.3.0",
                     "event_code": "c", "profiles": ["cloud", "datetime"]},
        "cloud": {"provider": "AWS", "account": account, "region": "us-east-1"},
        "resources": [{"uid": "r", "name": "r", "type": "AwsAccount", "region": "us-east-1", "cloud_partition": "aws"}],
        "unmapped": {"service": "iam", "compliance": {}}
    })
}

#[test]
fn the_validator_rejects_an_event_without_an_account_name_and_accepts_it_with_one() {
    let dir = support::ReportDir::new();
    let account = serde_json::json!({"uid": "123456789012", "type_id": 10, "type": "AWS Account"});
    let bad = write(&dir, "bad.json", &serde_json::json!([event(account.clone())]));
    let out = support::validate_ocsf(std::slice::from_ref(&bad));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cloud.account.name"), "{stderr}");
    std::fs::remove_file(bad).expect("remove");

    let mut named = account;
    named["name"] = "prod-payments".into();
    let good = write(&dir, "good.ocsf.json", &serde_json::json!([event(named)]));
    assert_eq!(support::validate_ocsf_files(dir.path()), vec![good]);
}

/// Runs `argus scan` of IAM against `em` into a fresh report directory; returns the OCSF events.
fn scan_iam(em: &support::Emulator, dir: &support::ReportDir) -> Vec<serde_json::Value> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_argus"))
        .args(["scan", "--endpoint-url", &em.endpoint(), "--services", "iam", "--regions", "us-east-1"])
        .args(["--output-dir", &dir.arg(), "--output-formats", "json-ocsf", "--quiet"])
        .envs(em.aws_env())
        .env_remove("RUST_LOG")
        .output()
        .expect("run argus");
    assert!(matches!(out.status.code(), Some(0 | 3)), "scan failed: {}", String::from_utf8_lossy(&out.stderr));
    let files = support::validate_ocsf_files(dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).expect("read OCSF");
    let events: Vec<serde_json::Value> = serde_json::from_str(&text).expect("OCSF JSON array");
    assert!(!events.is_empty(), "an IAM scan has findings");
    events
}

#[test]
fn the_account_is_named_by_its_alias_where_readable_else_its_id() {
    let em = support::Emulator::moto();
    let dir = support::ReportDir::new();
    for e in scan_iam(&em, &dir) {
        assert_eq!(e["cloud"]["account"]["name"], em.account_id(), "no alias: the id");
    }
    let script = "import boto3, sys\nboto3.client('iam', endpoint_url=sys.argv[1]).create_account_alias(AccountAlias='argus-prod')\n";
    let made = std::process::Command::new(support::repo_root().join(".venv/moto/bin/python"))
        .args(["-c", script, &em.endpoint()])
        .envs(em.aws_env())
        .output()
        .expect("run boto3");
    assert!(made.status.success(), "create_account_alias: {}", String::from_utf8_lossy(&made.stderr));
    let dir = support::ReportDir::new();
    for e in scan_iam(&em, &dir) {
        assert_eq!(e["cloud"]["account"]["name"], "argus-prod");
        assert_eq!(e["cloud"]["account"]["uid"], em.account_id());
    }
}
