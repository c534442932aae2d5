//! The spellings the CLI accepts for services and report formats: any case, aliases, spaces after
//! the commas (tests/cli.rs checks the errors for anything else).

mod support;

use std::process::Command;

#[test]
fn services_and_formats_in_any_case_alias_and_spacing() {
    let dir = support::ReportDir::new();
    let snapshot = dir.path().join("snapshot.json");
    let json = serde_json::json!({
        "schema_version": 1,
        "argus_version": "0.1.0",
        "identity": {"account_id": "111111111111", "partition": "aws", "caller_arn": "arn:aws:iam::111111111111:user/a"},
        "collection": {
            "started_at": "2026-12-01T00:00:00Z", "finished_at": "2026-12-01T00:00:01Z",
            "regions": [], "services": [], "endpoint_url": null, "api_calls": 0, "retries": 0
        },
        "iam": null, "s3": null, "regions": {}, "errors": []
    });
    std::fs::write(&snapshot, json.to_string()).expect("write snapshot");
    let out_dir = dir.path().join("out");
    let out = Command::new(env!("CARGO_BIN_EXE_argus"))
        .args(["evaluate", &snapshot.to_string_lossy(), "--services", " S3, AwsLambda,vpc,secrets"])
        .args(["--output-formats", " CSV ,html,HTML", "--output-dir", &out_dir.to_string_lossy(), "--quiet"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", dir.path())
        .output()
        .expect("run argus");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("output dir")
        .filter_map(|e| e.ok()?.file_name().to_str().map(|n| n.split_once('.').map_or(n, |(_, ext)| ext).to_string()))
        .collect();
    written.sort();
    // The requested formats (no OCSF, the default's first), beside what every run writes.
    assert_eq!(written, ["compliance.csv", "compliance.json", "csv", "findings.json", "html", "snapshot.json"]);
}
