//! Opt-in checks (slow or costly by nature) run, and have their data collected, only when named in
//! `--checks` or with `--include-opt-in`; `argus checks list` and `argus checks show` say so.

mod common;
mod support;

use common::{argus_ok, file_ending, read_json};
use serde_json::Value;
use support::Emulator;

const LLM_JACKING: &str = "cloudtrail_threat_detection_llm_jacking";

/// Scans CloudTrail in one region with `extra` arguments; returns the findings file.
fn scan(em: &Emulator, extra: &[&str]) -> Value {
    let dir = support::ReportDir::new();
    let (out, endpoint) = (dir.arg(), em.endpoint());
    let mut args = vec!["scan", "--endpoint-url", &endpoint, "--services", "cloudtrail", "--regions", "us-east-1"];
    args.extend(["--output-dir", &out, "--output-formats", "json-ocsf", "--quiet"]);
    args.extend(extra);
    // 4: incomplete, as a scan naming a check whose data moto does not serve is.
    argus_ok(em, &args, &[0, 3, 4]);
    read_json(&file_ending(dir.path(), ".findings.json"))
}

fn lookups(findings: &Value) -> usize {
    findings["collection_errors"]
        .as_array()
        .expect("collection errors")
        .iter()
        .filter(|e| e["operation"] == "LookupEvents")
        .count()
}

fn of_check<'a>(findings: &'a Value, id: &str) -> Vec<&'a Value> {
    findings["findings"].as_array().expect("findings").iter().filter(|f| f["check_id"] == id).collect()
}

#[test]
fn the_event_history_is_searched_only_for_a_selected_threat_detection_check() {
    let em = Emulator::moto();
    let default = scan(&em, &[]);
    assert!(
        default["findings"].as_array().unwrap().iter().all(|f| !f["check_id"].as_str().unwrap().contains("threat")),
        "a default scan runs no opt-in check"
    );
    assert_eq!(lookups(&default), 0, "and searches no event history");

    // moto does not implement LookupEvents: each lookup fails, and the check says so rather than pass.
    let named = scan(&em, &["--checks", LLM_JACKING]);
    let found = of_check(&named, LLM_JACKING);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["status"], "ERROR");
    assert!(found[0]["message"].as_str().unwrap().contains("LookupEvents"), "{}", found[0]["message"]);
    assert_eq!(lookups(&named), 14, "one lookup per action of its list, in one region");

    let others = "cloudtrail_threat_detection_enumeration,cloudtrail_threat_detection_privilege_escalation";
    let included = scan(&em, &["--include-opt-in", "--exclude-checks", others]);
    assert_eq!(of_check(&included, LLM_JACKING).len(), 1, "--include-opt-in runs it");
    assert!(of_check(&included, "cloudtrail_threat_detection_enumeration").is_empty(), "excluded");
    assert_eq!(lookups(&included), 14, "the excluded checks' event history is not searched");
}

/// `argus ARGS` without AWS, which must succeed; its standard output.
fn offline(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_argus")).args(args).env("NO_COLOR", "1").output().unwrap();
    assert!(out.status.success(), "argus {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn checks_list_and_show_say_a_check_is_opt_in_and_why() {
    let list = offline(&["checks", "list", "--service", "cloudtrail"]);
    let line = list.lines().map(str::trim_start).find(|l| l.starts_with(LLM_JACKING)).expect("listed");
    assert!(line.contains("(opt-in: searches CloudTrail's event history"), "{line}");
    assert!(!list.lines().any(|l| l.trim_start().starts_with("cloudtrail_insights_exist") && l.contains("opt-in")));
    let shown = offline(&["checks", "show", LLM_JACKING]);
    assert!(shown.starts_with("# opt-in: "), "{shown}");
    assert!(shown.contains("--include-opt-in") && shown.contains("# Bounds: one page of 50 events"), "{shown}");
}
