//! A hostile mutelist under a memory limit: argus must refuse it with a clear one-line error, not be
//! killed for running out of memory. The limit (`prlimit --as`) is far below what the file would
//! take without the caps on the file size and on the compiled size of all patterns together.

use std::path::Path;
use std::process::{Command, Output};

/// Address space for the whole process: enough for an ordinary run (checked below), far less than
/// the 3 GiB the hostile patterns took.
const ADDRESS_SPACE: &str = "1073741824";

fn argus_limited(args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("tempdir");
    Command::new("prlimit")
        .arg(format!("--as={ADDRESS_SPACE}"))
        .arg(env!("CARGO_BIN_EXE_argus"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .output()
        .expect("run argus under prlimit (util-linux)")
}

/// A snapshot with nothing collected: evaluating it is all mutelist loading.
fn empty_snapshot(dir: &Path) -> String {
    let snapshot = serde_json::json!({
        "schema_version": 1,
        "argus_version": "0.1.0",
        "identity": {"account_id": "111111111111", "partition": "aws", "caller_arn": "arn:aws:iam::111111111111:user/a"},
        "collection": {
            "started_at": "2026-12-01T00:00:00Z", "finished_at": "2026-12-01T00:00:01Z",
            "regions": [], "services": [], "endpoint_url": null, "api_calls": 0, "retries": 0
        },
        "iam": null, "s3": null, "regions": {}, "errors": []
    });
    let path = dir.join("snapshot.json");
    std::fs::write(&path, snapshot.to_string()).expect("write snapshot");
    path.to_string_lossy().into_owned()
}

fn rules(count: usize, resource: impl Fn(usize) -> String) -> String {
    let mut yaml = String::from("Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n");
    for i in 0..count {
        yaml.push_str(&format!("        \"check_{i:05}\": {{Regions: [\"*\"], Resources: [\"{}\"]}}\n", resource(i)));
    }
    yaml
}

fn evaluate_with(dir: &Path, mutelist: &str) -> Output {
    let snapshot = empty_snapshot(dir);
    let path = dir.join("mutelist.yaml");
    std::fs::write(&path, mutelist).expect("write mutelist");
    argus_limited(&["evaluate", &snapshot, "--mutelist", &path.to_string_lossy(), "--quiet"])
}

fn assert_refused(out: &Output, contains: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a clear error exit, not a kill; stderr: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: ") && err.contains("mutelist.yaml") && err.contains(contains), "{err}");
}

#[test]
fn an_ordinary_mutelist_loads_under_the_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = evaluate_with(dir.path(), &rules(1000, |i| format!("^bucket-{i}$")));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn many_large_patterns_are_refused_not_fatal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = evaluate_with(dir.path(), &rules(2000, |i| format!("[a-z]{{1,8000}}{i}")));
    assert_refused(&out, "MiB allowed for a whole mutelist");
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 60 MB of distinct rules: past the file cap, and far past the memory limit once parsed.
    let out = evaluate_with(dir.path(), &rules(99_999, |i| format!("^{i}-{}", "x".repeat(520))));
    assert_refused(&out, "larger than the 16 MiB");
}
