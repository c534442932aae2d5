//! Untrusted strings on every terminal path of the binary: findings files given to `merge` and
//! `diff`, snapshots given to `evaluate`, config files, and the one-line `error:` message. Each path
//! is fed escape sequences, OSC commands, CR/LF and Unicode bidi/format characters, and its output
//! must show them as visible escapes: no repainting, no forged line, no reordered text.

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

/// The payloads of the unit tests of every terminal path.
const PAYLOADS: &[&str] = include!("../crates/argus-core/src/report/terminal_payloads.rs");

fn argus(args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("tempdir");
    Command::new(env!("CARGO_BIN_EXE_argus"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("NO_COLOR", "1")
        // Wide enough that no cell wraps: a wrapped escape would look like a line of its own.
        .env("COLUMNS", "2000")
        .output()
        .expect("run argus")
}

/// Characters a terminal acts on or that change how text reads (C0/C1 controls, bidi and other
/// format characters, line and paragraph separators).
fn is_raw_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
        || ('\u{200b}'..='\u{200f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2060}'..='\u{206f}').contains(&c)
}

/// The payload is shown, escaped, and starts no line.
fn assert_clean(what: &str, text: &str) {
    assert!(!text.chars().any(|c| c != '\n' && is_raw_unsafe(c)), "{what}: raw control character in:\n{text:?}");
    assert!(text.contains("FORGED"), "{what}: the untrusted string is shown:\n{text}");
    for line in text.lines() {
        let content = line.trim_start_matches(|c: char| c.is_whitespace() || "│┆|".contains(c));
        assert!(!content.starts_with("FORGED"), "{what}: a forged line:\n{text}");
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write_json(path: &Path, value: &Value) {
    std::fs::write(path, serde_json::to_vec(value).expect("json")).expect("write");
}

/// A findings file of one account, without findings.
fn findings_file(account: &str) -> Value {
    json!({
        "schema_version": 1,
        "argus_version": "0.1.0",
        "account_id": account,
        "collected_at": "2026-12-01T00:00:00Z",
        "regions": ["us-east-1"],
        "services": ["s3"],
        "collection_errors": [],
        "api_calls": 1,
        "retries": 0,
        "findings": []
    })
}

/// A snapshot with nothing collected but one failed call whose every field carries `payload`.
fn snapshot(payload: &str) -> Value {
    json!({
        "schema_version": 1,
        "argus_version": "0.1.0",
        "identity": {"account_id": payload, "partition": "aws", "caller_arn": "arn:aws:iam::111111111111:user/a"},
        "collection": {
            "started_at": "2026-12-01T00:00:00Z",
            "finished_at": "2026-12-01T00:00:01Z",
            "regions": [],
            "services": [],
            "endpoint_url": null,
            "api_calls": 1,
            "retries": 0
        },
        "iam": null,
        "s3": null,
        "regions": {},
        "errors": [{
            "service": payload,
            "region": payload,
            "operation": payload,
            "iam_action": payload,
            "resource": payload,
            "kind": "access_denied",
            "code": payload,
            "message": payload
        }]
    })
}

#[test]
fn evaluate_escapes_the_could_not_collect_table_and_header() {
    let dir = tempfile::tempdir().expect("tempdir");
    for payload in PAYLOADS {
        let path = dir.path().join("snapshot.json");
        write_json(&path, &snapshot(payload));
        let out = argus(&["evaluate", &path.to_string_lossy(), "--fail-on", "critical"]);
        let text = stdout(&out);
        assert!(text.contains("Could not collect"), "{text}\n{}", stderr(&out));
        assert_clean("evaluate", &text);
    }
}

#[test]
fn merge_escapes_the_organization_table() {
    for payload in PAYLOADS {
        let dir = tempfile::tempdir().expect("tempdir");
        let (a, b) = (dir.path().join("a.findings.json"), dir.path().join("b.findings.json"));
        write_json(&a, &findings_file(payload));
        write_json(&b, &findings_file("222222222222"));
        let out = argus(&["merge", &a.to_string_lossy(), &b.to_string_lossy()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_clean("merge", &stdout(&out));
    }
}

/// The one-line `error:` message, for errors that quote an untrusted string.
#[test]
fn error_messages_escape_what_they_quote() {
    for payload in PAYLOADS {
        let dir = tempfile::tempdir().expect("tempdir");
        // merge: the same account in two inputs names the account id.
        let (a, b) = (dir.path().join("a.findings.json"), dir.path().join("b.findings.json"));
        write_json(&a, &findings_file(payload));
        write_json(&b, &findings_file(payload));
        let merge = argus(&["merge", &a.to_string_lossy(), &b.to_string_lossy()]);
        // An unknown config key is named in the error.
        let snapshot_path = dir.path().join("snapshot.json");
        write_json(&snapshot_path, &snapshot("111111111111"));
        let config = dir.path().join("argus.toml");
        let key = serde_json::to_string(payload).expect("quoted key");
        std::fs::write(&config, format!("{key} = 1\n")).expect("write config");
        let config_error =
            argus(&["evaluate", &snapshot_path.to_string_lossy(), "--config", &config.to_string_lossy()]);
        // An unknown check id.
        let show = argus(&["checks", "show", payload]);
        for (what, out) in [("merge", merge), ("config", config_error), ("checks show", show)] {
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{what}: {err}");
            assert_eq!(err.lines().count(), 1, "{what}: one line: {err:?}");
            assert!(err.starts_with("error: "), "{what}: {err}");
            assert_clean(what, &err);
        }
    }
}

#[test]
fn diff_escapes_both_headers() {
    for payload in PAYLOADS {
        let dir = tempfile::tempdir().expect("tempdir");
        let (old, new) = (dir.path().join("old.json"), dir.path().join("new.json"));
        write_json(&old, &findings_file(payload));
        write_json(&new, &findings_file(payload));
        let out = argus(&["diff", &old.to_string_lossy(), &new.to_string_lossy()]);
        assert_clean("diff", &stdout(&out));
    }
}
