//! `argus diff` and `argus merge` read only findings files of the schema this argus writes: a file of a
//! newer (or unknown) schema is refused with a clear one-line error, not read as if it were known.

mod support;

use serde_json::{json, Value};
use std::process::{Command, Output};

fn findings_file(schema_version: Value) -> Value {
    json!({
        "schema_version": schema_version, "argus_version": "test", "account_id": "123456789012",
        "collected_at": "2026-06-01T00:00:00Z", "regions": ["us-east-1"], "services": ["s3"],
        "collection_errors": [], "api_calls": 1, "retries": 0, "findings": []
    })
}

fn argus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_argus")).args(args).env("NO_COLOR", "1").output().expect("run argus")
}

fn error_line(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{err}");
    lines[0].to_string()
}

#[test]
fn diff_and_merge_refuse_an_unknown_schema_version() {
    let dir = support::ReportDir::new();
    let known = dir.path().join("known.findings.json");
    std::fs::write(&known, findings_file(json!(1)).to_string()).expect("write");
    let known_s = known.to_string_lossy().to_string();
    // The known schema is read.
    assert_eq!(argus(&["diff", &known_s, &known_s]).status.code(), Some(0));
    let out_dir = dir.path().join("merged");
    let merged = argus(&["merge", &known_s, "--output-dir", &out_dir.to_string_lossy(), "--compliance", "none"]);
    assert!(merged.status.success(), "{}", String::from_utf8_lossy(&merged.stderr));

    for (name, version) in [("future", json!(2)), ("text", json!("1")), ("none", Value::Null)] {
        let path = dir.path().join(format!("{name}.findings.json"));
        let mut file = findings_file(version.clone());
        if version.is_null() {
            file.as_object_mut().expect("object").remove("schema_version");
        }
        std::fs::write(&path, file.to_string()).expect("write");
        let path_s = path.to_string_lossy().to_string();
        let expected =
            if version.is_null() { "no schema_version".to_string() } else { format!("findings schema {version}") };
        for args in [vec!["diff", &known_s, &path_s], vec!["diff", &path_s, &known_s], vec!["merge", &known_s, &path_s]]
        {
            let line = error_line(&argus(&args));
            assert!(line.starts_with("error: ") && line.contains(&path_s), "{args:?}: {line}");
            assert!(line.contains(&expected), "{args:?}: expected '{expected}' in {line}");
        }
    }
}
