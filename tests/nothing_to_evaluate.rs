//! A check that ran over an account and region holding nothing for it to judge is reported once per
//! account and region as an informational result in the compliance views, and told apart from a check
//! that did not run.

mod common;
mod support;

use common::{argus_ok, file_ending, read_json};
use serde_json::Value;
use support::Emulator;

fn requirement<'a>(compliance: &'a Value, framework: &str, id: &str) -> &'a Value {
    compliance
        .as_array()
        .and_then(|all| all.iter().find(|r| r["framework"] == framework))
        .and_then(|r| r["requirements"].as_array())
        .and_then(|reqs| reqs.iter().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("{framework} {id} missing"))
}

#[test]
fn an_empty_account_says_nothing_to_evaluate_once_per_region_and_not_for_filtered_checks() {
    let em = Emulator::moto();
    let dir = support::ReportDir::new();
    let args = ["scan", "--endpoint-url", &em.endpoint(), "--services", "kms,s3", "--regions", "us-east-1,eu-west-1"];
    let out = dir.arg();
    let mut all = args.to_vec();
    all.extend(["--output-dir", &out, "--output-formats", "json-ocsf,html", "--quiet"]);
    all.extend(["--exclude-checks", "s3_bucket_default_encryption"]);
    argus_ok(&em, &all, &[0, 3]);

    let findings = read_json(&file_ending(dir.path(), ".findings.json"));
    let empty: Vec<(String, String)> = findings["nothing_to_evaluate"]
        .as_array()
        .expect("nothing_to_evaluate recorded")
        .iter()
        .map(|n| (n["check_id"].as_str().unwrap_or("").into(), n["region"].as_str().unwrap_or("").into()))
        .collect();
    let count = |check: &str| empty.iter().filter(|(c, _)| c == check).count();
    assert_eq!(count("kms_cmk_rotation_enabled"), 2, "once per region: {empty:?}");
    assert!(empty.contains(&("s3_bucket_object_versioning".into(), "global".into())), "no buckets: {empty:?}");
    assert_eq!(count("s3_bucket_default_encryption"), 0, "filtered out, so not run: {empty:?}");
    assert_eq!(count("s3_account_level_public_access_blocks"), 0, "judged the account itself");
    assert!(empty.iter().all(|(c, _)| !c.starts_with("ec2_")), "EC2 not collected: {empty:?}");

    let compliance = read_json(&file_ending(dir.path(), ".compliance.json"));
    let kms = requirement(&compliance, "cis-5.0", "3.6");
    assert_eq!(kms["status"], "NOTHING TO EVALUATE");
    assert_eq!(kms["nothing_to_evaluate"].as_array().map(Vec::len), Some(2));
    assert_eq!(kms["finding_counts"]["pass"], 0, "not a PASS on a resource");
    // A requirement whose checks did not run (EC2 not collected) stays NOT EVALUATED.
    assert_eq!(requirement(&compliance, "cis-5.0", "5.7")["status"], "NOT EVALUATED");
    let html = std::fs::read_to_string(file_ending(dir.path(), ".html")).expect("read HTML");
    assert!(html.contains(r#"data-id="3.6" data-status="NOTHING TO EVALUATE""#));
}
