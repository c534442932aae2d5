//! The command line: help text for every flag, and one-line errors with exit code 1 when argus
//! cannot start (no credentials, unreachable endpoint, unassumable role).

use std::process::{Command, Output};

fn argus_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let empty = tempfile::tempdir().expect("tempdir");
    let missing = empty.path().join("none").to_string_lossy().to_string();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_argus"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", empty.path())
        .env("AWS_CONFIG_FILE", &missing)
        .env("AWS_SHARED_CREDENTIALS_FILE", &missing)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_REGION", "us-east-1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run argus")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// One line, starting with `error:`, no backtrace, exit code 1.
fn assert_one_line_error(out: &Output, contains: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "exit code; stderr: {err}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one line, got:\n{err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    assert!(lines[0].contains(contains), "expected '{contains}' in: {err}");
    assert!(!err.contains("panicked") && !err.contains("backtrace"), "{err}");
}

#[test]
fn help_describes_every_flag() {
    for sub in [&["--help"][..], &["collect", "--help"], &["scan", "--help"], &["evaluate", "--help"]] {
        let out = argus_env(sub, &[]);
        assert!(out.status.success(), "{sub:?}");
        let help = String::from_utf8_lossy(&out.stdout);
        // Every `--flag` line in the help is followed by text describing it (`- name: ...` lines list
        // a flag's possible values).
        for line in help.lines().filter(|l| l.trim_start().starts_with('-') && !l.trim_start().starts_with("- ")) {
            let described = line.split("  ").filter(|p| !p.trim().is_empty()).count() >= 2;
            let next_is_text = help
                .lines()
                .skip_while(|l| *l != line)
                .nth(1)
                .is_some_and(|n| !n.trim().is_empty() && !n.trim_start().starts_with('-'));
            assert!(described || next_is_text, "undocumented flag in {sub:?}: {line}");
        }
    }
    let collect_help = String::from_utf8_lossy(&argus_env(&["collect", "--help"], &[]).stdout).to_string();
    for flag in [
        "--output",
        "--regions",
        "--services",
        "--profile",
        "--role-arn",
        "--external-id",
        "--role-session-name",
        "--endpoint-url",
        "--concurrency",
        "--timeout",
    ] {
        assert!(collect_help.contains(flag), "collect --help lacks {flag}");
    }
}

#[test]
fn no_credentials_is_a_clear_error() {
    let out = argus_env(&["collect", "--output", "/dev/null", "--regions", "us-east-1"], &[]);
    assert_one_line_error(&out, "no AWS credentials found");
}

#[test]
fn unreachable_endpoint_is_a_clear_error() {
    // Port 9 (discard) on loopback: nothing listens there.
    let out = argus_env(
        &[
            "collect",
            "--output",
            "/dev/null",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "--timeout",
            "3",
            "--max-attempts",
            "1",
        ],
        &[("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")],
    );
    assert_one_line_error(&out, "cannot reach http://127.0.0.1:9");
}

#[test]
fn unassumable_role_is_a_clear_error() {
    let out = argus_env(
        &[
            "collect",
            "--output",
            "/dev/null",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "--timeout",
            "3",
            "--max-attempts",
            "1",
            "--role-arn",
            "arn:aws:iam::123456789012:role/argus-audit",
            "--external-id",
            "x",
        ],
        &[("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")],
    );
    assert_one_line_error(&out, "could not assume role arn:aws:iam::123456789012:role/argus-audit");
}

#[test]
fn bad_arguments_are_rejected() {
    let out = argus_env(&["collect", "--output", "x", "--regions", "us-east-1;rm"], &[]);
    assert_one_line_error(&out, "is not a region name");
}

/// A usage error: clap's message naming the flag and listing every accepted value, exit code 2.
fn assert_usage_error(out: &Output, contains: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "exit code; stderr: {err}");
    assert!(err.starts_with("error: "), "{err}");
    for text in contains {
        assert!(err.contains(text), "expected '{text}' in: {err}");
    }
}

const SERVICE_NAMES: &str =
    "[possible values: iam, s3, ec2, rds, lambda, secretsmanager, kms, cloudtrail, efs, cloudwatch, sns, ssm, ecs, guardduty, securityhub, config, accessanalyzer, macie, inspector2, elb, backup, organizations, sqs, ecr, account]";
const FORMAT_NAMES: &str = "[possible values: json-ocsf, asff, csv, html, junit]";

#[test]
fn unknown_services_and_formats_are_usage_errors_listing_the_names() {
    let out = argus_env(&["collect", "--output", "x", "--services", "iam,nosuch"], &[]);
    assert_usage_error(&out, &["invalid value 'nosuch' for '--services <SERVICES>'", SERVICE_NAMES]);
    let out = argus_env(&["evaluate", "snapshot.json", "--services", "lamda"], &[]);
    assert_usage_error(&out, &["invalid value 'lamda'", "a similar value exists: 'lambda'", SERVICE_NAMES]);
    let out = argus_env(&["evaluate", "snapshot.json", "--output-formats", "csv,pdf"], &[]);
    assert_usage_error(&out, &["invalid value 'pdf' for '--output-formats <OUTPUT_FORMATS>'", FORMAT_NAMES]);

    let help = String::from_utf8_lossy(&argus_env(&["collect", "--help"], &[]).stdout).to_string();
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains(SERVICE_NAMES), "{help}");
    let help = String::from_utf8_lossy(&argus_env(&["evaluate", "--help"], &[]).stdout).to_string();
    for line in ["- json-ocsf: OCSF 1.3 Detection Findings (JSON)", "- html: a self-contained page"] {
        assert!(help.split_whitespace().collect::<Vec<_>>().join(" ").contains(line), "{help}");
    }
}

#[test]
fn checks_list_shows_every_check_and_show_prints_metadata() {
    let out = argus_env(&["checks", "list"], &[]);
    assert!(out.status.success());
    let list = String::from_utf8_lossy(&out.stdout).to_string();
    let metadata_files: Vec<_> = walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("checks"));
    assert!(metadata_files.len() > 80, "expected the full catalogue, found {}", metadata_files.len());
    for file in &metadata_files {
        let id = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        assert!(list.lines().any(|l| l.split_whitespace().next() == Some(id)), "checks list lacks {id}");
    }
    let out = argus_env(&["checks", "list", "--service", "s3", "--severity", "critical"], &[]);
    let filtered = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(filtered.lines().skip(1).all(|l| l.contains(" s3 ") && l.contains("critical")), "{filtered}");

    let out = argus_env(&["checks", "show", "iam_root_mfa_enabled"], &[]);
    assert!(out.status.success());
    let shown = String::from_utf8_lossy(&out.stdout).to_string();
    for field in ["title", "severity", "description", "risk", "[remediation]", "[compliance]", "cis-5.0"] {
        assert!(shown.contains(field), "checks show lacks {field}:\n{shown}");
    }
    assert_one_line_error(&argus_env(&["checks", "show", "no_such_check"], &[]), "unknown check id");
}

#[test]
fn compliance_coverage_prints_the_library_figures_as_a_table_and_as_json() {
    let out = argus_env(&["compliance", "coverage", "--format", "json"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("coverage JSON");
    let expected = serde_json::to_value(argus_core::compliance::coverage::coverage()).unwrap();
    assert_eq!(printed, expected);
    let frameworks: Vec<(&str, &str)> = printed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["framework"].as_str().unwrap(), r["scope"].as_str().unwrap()))
        .collect();
    assert_eq!(
        frameworks,
        [
            ("cis-5.0", "all_controls"),
            ("cis-7.0", "all_controls"),
            ("fsbp", "all_controls"),
            ("fsbp", "collected_services")
        ]
    );

    let out = argus_env(&["compliance", "coverage"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(table, argus_core::compliance::coverage::render_table(&argus_core::compliance::coverage::coverage()));
    assert_usage_error(&argus_env(&["compliance", "coverage", "--format", "yaml"], &[]), &["table", "json"]);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read checks dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
    out
}
