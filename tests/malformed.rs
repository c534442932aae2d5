//! Invariant 5: malformed documents and odd encodings in an account give a finding that names the
//! resource (ERROR where argus cannot read the document), never a panic or a silently missing resource.
//! The parsers themselves are fuzzed by `scripts/fuzz.sh` (fuzz/); this is the same input end to end.

mod common;
mod support;

use serde_json::Value;
use support::Emulator;

#[test]
fn malformed_documents_are_findings_naming_the_resource() {
    let em = Emulator::moto();
    let out = std::process::Command::new(support::repo_root().join(".venv/moto/bin/python"))
        .arg(support::repo_root().join("tests/seed/malformed.py"))
        .args(["--endpoint-url", &em.endpoint()])
        .envs(em.aws_env())
        .output()
        .expect("run tests/seed/malformed.py");
    assert!(out.status.success(), "seed failed: {}\n{}", String::from_utf8_lossy(&out.stderr), em.log_tail(30));
    let seeded: Value = serde_json::from_slice(&out.stdout).expect("seed output");
    let planted = seeded["planted"].as_array().expect("planted");
    eprintln!("planted: {planted:#?}\nrefused by the emulator: {:#?}", seeded["refused"]);
    // moto stores at least the malformed bucket policies and the odd tags as given.
    assert!(planted.len() >= 4, "too little planted: {seeded}");

    let dir = support::ReportDir::new();
    let dir_s = dir.path().to_string_lossy().to_string();
    let scan = common::argus(
        &em,
        &["scan", "--endpoint-url", &em.endpoint(), "--regions", "us-east-1", "--output-dir", &dir_s],
    );
    let stderr = String::from_utf8_lossy(&scan.stderr);
    assert!(
        matches!(scan.status.code(), Some(0) | Some(3) | Some(4)) && !stderr.contains("panicked"),
        "argus exited {:?}:\n{stderr}",
        scan.status.code()
    );
    let findings_file = common::read_json(&common::file_ending(dir.path(), ".findings.json"));
    let findings = findings_file["findings"].as_array().expect("findings");
    let mut problems = Vec::new();
    for p in planted {
        let (resource, check, expect) =
            (p["resource"].as_str().unwrap(), p["check"].as_str().unwrap(), p["expect"].as_str().unwrap());
        let found: Vec<&Value> = findings
            .iter()
            .filter(|f| {
                f["check_id"] == check
                    && (f["resource_name"] == resource
                        || f["resource_id"] == resource
                        || f["resource_arn"].as_str().is_some_and(|a| a.ends_with(resource)))
            })
            .collect();
        match found.as_slice() {
            [] => problems.push(format!("{}: no {check} finding for {resource}", p["kind"])),
            [f] if expect == "ERROR" => {
                let message = f["message"].as_str().unwrap_or_default();
                if f["status"] != "ERROR" || !message.to_lowercase().contains("malformed") {
                    problems.push(format!("{}: expected an ERROR saying the document is malformed: {f}", p["kind"]));
                }
            }
            [_] => {}
            many => problems.push(format!("{}: {} findings for one resource: {many:?}", p["kind"], many.len())),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // Every report format rendered the odd strings (the HTML and CSV escaping is tested elsewhere).
    for suffix in [".ocsf.json", "Z.csv", ".html"] {
        common::file_ending(dir.path(), suffix);
    }
}
