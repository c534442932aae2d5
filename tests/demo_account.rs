//! End to end on the seeded demo account: `argus scan` reports every planted issue, no FAIL on a
//! planted-good resource (tests/fixtures/demo-expected.json, documented in localstack/README.md), the
//! snapshot holds every seeded resource in both regions, and `argus evaluate` of the saved snapshot gives
//! identical findings. Runs on moto (every service) and LocalStack (the services it emulates).

mod common;
mod support;

use common::{argus_ok, file_ending, read_json};
use serde_json::Value;
use support::{Emulator, Flavour};

const REGIONS: &str = "us-east-1,eu-west-1";

struct Scan {
    snapshot_text: String,
    findings: Vec<Value>,
    findings_file: Value,
    out_dir: support::ReportDir,
}

fn seed_and_scan(em: &Emulator) -> Scan {
    let flavour = match em.flavour() {
        Flavour::Moto => "moto",
        Flavour::LocalStack => "localstack",
    };
    em.seed("localstack/seed_demo.py", &["--regions", REGIONS, "--flavour", flavour]);
    let out_dir = support::ReportDir::new();
    let dir = out_dir.path().to_string_lossy().to_string();
    // Exit code 3: the demo account has failing findings.
    argus_ok(em, &["scan", "--endpoint-url", &em.endpoint(), "--regions", REGIONS, "--output-dir", &dir], &[3]);
    let findings_file = read_json(&file_ending(out_dir.path(), ".findings.json"));
    let snapshot_text = std::fs::read_to_string(file_ending(out_dir.path(), ".snapshot.json")).expect("read snapshot");
    let findings = findings_file["findings"].as_array().cloned().unwrap_or_default();
    Scan { snapshot_text, findings, findings_file, out_dir }
}

fn expected(flavour: &str) -> Vec<Value> {
    let path = support::repo_root().join("tests/fixtures/demo-expected.json");
    let all: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&path).expect("read expected findings"))
        .expect("parse expected findings");
    all.into_iter().filter(|e| e["emulators"].as_array().is_some_and(|a| a.iter().any(|x| x == flavour))).collect()
}

/// Every expected (check, resource, region) has a finding with the expected status.
fn assert_expected_findings(scan: &Scan, em: &Emulator, flavour: &str) {
    let mut problems = Vec::new();
    let expected = expected(flavour);
    assert!(!expected.is_empty(), "no expected findings for {flavour}");
    for e in &expected {
        let check = e["check"].as_str().unwrap_or_default();
        let mut name = e["resource_name"].as_str().unwrap_or_default().to_string();
        if name == "ACCOUNT" {
            name = em.account_id().to_string();
        }
        if name == "ORGANIZATION" {
            // The organization's id is random: read it from the snapshot.
            let snap: Value = serde_json::from_str(&scan.snapshot_text).expect("snapshot JSON");
            name = snap["organizations"]["organization"]["ok"]["id"].as_str().unwrap_or("no organization").to_string();
        }
        let region = e["region"].as_str().unwrap_or("global");
        let status = e["status"].as_str().unwrap_or_default();
        let matching: Vec<&Value> = scan
            .findings
            .iter()
            .filter(|f| f["check_id"] == check)
            .filter(|f| region == "global" || f["region"] == region)
            .filter(|f| f["resource_name"] == name.as_str() || f["resource_id"] == name.as_str())
            .collect();
        if matching.is_empty() {
            problems.push(format!("missing: {check} on {name} ({region}), expected {status}"));
        } else if !matching.iter().any(|f| f["status"] == status) {
            let got: Vec<String> = matching.iter().map(|f| format!("{} — {}", f["status"], f["message"])).collect();
            problems.push(format!("{check} on {name} ({region}): expected {status}, got {got:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} expectations failed:\n{}",
        problems.len(),
        expected.len(),
        problems.join("\n")
    );
}

/// The snapshot holds every seeded resource named in the expectations, in the right region.
fn assert_snapshot_holds_seeded_resources(scan: &Scan, flavour: &str) {
    for e in expected(flavour) {
        let name = e["resource_name"].as_str().unwrap_or_default();
        if name == "ACCOUNT" || name == "ORGANIZATION" || name.starts_with("us-") || name.starts_with("eu-") {
            continue;
        }
        assert!(
            scan.snapshot_text.contains(&format!("\"{}\"", name.replace('"', "\\\""))),
            "snapshot lacks seeded resource {name}"
        );
    }
}

/// `argus evaluate` of the saved snapshot reproduces the scan's findings exactly.
fn assert_evaluate_is_identical(scan: &Scan, em: &Emulator) {
    let snapshot = file_ending(scan.out_dir.path(), ".snapshot.json");
    let again = support::ReportDir::new();
    let again_dir = again.path().to_string_lossy().to_string();
    argus_ok(em, &["evaluate", &snapshot.to_string_lossy(), "--output-dir", &again_dir], &[3]);
    let findings = read_json(&file_ending(again.path(), ".findings.json"));
    assert_eq!(findings["findings"], scan.findings_file["findings"], "evaluate differs from scan");
}

#[test]
fn moto_demo_account_end_to_end() {
    let em = Emulator::moto();
    let scan = seed_and_scan(&em);
    assert_expected_findings(&scan, &em, "moto");
    assert_snapshot_holds_seeded_resources(&scan, "moto");
    assert_evaluate_is_identical(&scan, &em);
    // Both regions were collected, and nothing was refused by the read-only guard.
    let snap: Value = serde_json::from_str(&scan.snapshot_text).expect("snapshot JSON");
    for region in ["us-east-1", "eu-west-1"] {
        assert!(snap["regions"][region]["ec2"]["security_groups"]["ok"].is_array(), "{region} EC2 collected");
    }
    for e in snap["errors"].as_array().expect("errors") {
        assert_ne!(e["kind"], "refused", "argus refused its own call: {e}");
    }
}

#[test]
fn localstack_demo_account_end_to_end() {
    let em = Emulator::localstack();
    let scan = seed_and_scan(&em);
    assert_expected_findings(&scan, &em, "localstack");
    assert_snapshot_holds_seeded_resources(&scan, "localstack");
    assert_evaluate_is_identical(&scan, &em);
    // APIs LocalStack lacks are recorded errors, never a crash, and their checks report ERROR.
    let snap: Value = serde_json::from_str(&scan.snapshot_text).expect("snapshot JSON");
    let errors = snap["errors"].as_array().expect("errors");
    assert!(errors.iter().any(|e| e["service"] == "rds"), "LocalStack has no RDS: expected recorded errors");
    assert!(
        scan.findings.iter().any(|f| f["service"] == "rds" && f["status"] == "ERROR"),
        "RDS checks must report ERROR on LocalStack"
    );
    assert!(!scan.findings.iter().any(|f| f["service"] == "rds" && f["status"] == "PASS"));
}
