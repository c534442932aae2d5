//! Prowler check ids on the command line and in mutelists: an alias selects the findings it answers and
//! they carry it in the JSON and OCSF reports; a Prowler mutelist of per-port ids mutes the same groups
//! as in Prowler; an id argus does not know is a one-line error (exit 1) with the closest ids, or, in a
//! mutelist, a warning once per id.

mod support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MYSQL: &str = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306";
const REDIS: &str = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379";
const HIGH_RISK: &str = "ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports";

fn argus(args: &[&str]) -> Output {
    let home = support::ReportDir::new();
    Command::new(env!("CARGO_BIN_EXE_argus"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_REGION", "us-east-1")
        .env("NO_COLOR", "1")
        .output()
        .expect("run argus")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// One `error:` line and exit code 1.
fn error_line(out: &Output) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    lines[0].to_string()
}

fn tcp_from_anywhere(port: u16) -> Value {
    json!({"protocol": "tcp", "from_port": port, "to_port": port, "ipv4_ranges": ["0.0.0.0/0"],
           "ipv6_ranges": [], "prefix_list_ids": [], "referenced_groups": []})
}

fn group(id: &str, ports: &[u16]) -> Value {
    json!({"id": id, "name": id, "description": id, "vpc_id": "vpc-1", "owner_id": "111111111111",
           "ingress": ports.iter().map(|p| tcp_from_anywhere(*p)).collect::<Vec<_>>(), "egress": [], "tags": {}})
}

/// A snapshot of one region's EC2 data: a group open on MySQL, one on Redis, one on both.
fn snapshot(dir: &Path) -> PathBuf {
    let ok_empty = json!({"ok": []});
    let snapshot = json!({
        "schema_version": 1,
        "argus_version": "0.1.0",
        "identity": {"account_id": "111111111111", "partition": "aws", "caller_arn": "arn:aws:iam::111111111111:user/a"},
        "collection": {"started_at": "2026-12-01T00:00:00Z", "finished_at": "2026-12-01T00:00:01Z",
                       "regions": ["us-east-1"], "services": ["ec2"], "endpoint_url": null, "api_calls": 1, "retries": 0},
        "iam": null,
        "s3": null,
        "regions": {"us-east-1": {"ec2": {
            "security_groups": {"ok": [group("sg-mysql", &[3306]), group("sg-redis", &[6379]), group("sg-both", &[3306, 6379])]},
            "network_interfaces": ok_empty, "vpcs": ok_empty, "flow_logs": ok_empty, "network_acls": ok_empty,
            "ebs_encryption_by_default": {"ok": true}, "volumes": ok_empty, "snapshots": ok_empty, "instances": ok_empty
        }}},
        "errors": []
    });
    let path = dir.join("snapshot.json");
    std::fs::write(&path, serde_json::to_vec(&snapshot).expect("json")).expect("write snapshot");
    path
}

fn mutelist(dir: &Path, checks: &[(&str, &[&str])]) -> PathBuf {
    let mut yaml = String::from("Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n");
    for (check, resources) in checks {
        let resources: Vec<String> = resources.iter().map(|r| format!("\"^{r}$\"")).collect();
        yaml.push_str(&format!(
            "        \"{check}\":\n          Regions: [\"*\"]\n          Resources: [{}]\n",
            resources.join(", ")
        ));
    }
    let path = dir.join("mutelist.yaml");
    std::fs::write(&path, yaml).expect("write mutelist");
    path
}

/// The file of `dir` whose name ends with `suffix`, parsed.
fn report(dir: &Path, suffix: &str) -> Value {
    let entry = std::fs::read_dir(dir)
        .expect("output dir")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("no *{suffix} in {}", dir.display()));
    serde_json::from_slice(&std::fs::read(entry.path()).expect("read report")).expect("JSON report")
}

/// (check, resource, muted) of the FAIL findings of a findings file.
fn failures(findings: &Value) -> Vec<(String, String, bool)> {
    let list = findings["findings"].as_array().expect("findings");
    list.iter()
        .filter(|f| f["status"] == "FAIL")
        .map(|f| {
            (
                f["check_id"].as_str().unwrap_or_default().to_string(),
                f["resource_id"].as_str().unwrap_or_default().to_string(),
                f["muted"].as_bool().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_per_port_alias_selects_the_findings_of_its_port_and_they_name_it() {
    let dir = support::ReportDir::new();
    let snapshot = snapshot(dir.path());
    let out_dir = dir.path().join("out");
    let out = argus(&[
        "evaluate",
        &snapshot.to_string_lossy(),
        "--checks",
        MYSQL,
        "--output-dir",
        &out_dir.to_string_lossy(),
        "--output-formats",
        "json-ocsf",
        "--compliance",
        "none",
    ]);
    assert_eq!(out.status.code(), Some(3), "an unmuted FAIL: {}", stderr(&out));
    let findings = report(&out_dir, ".findings.json");
    let mut failed = failures(&findings);
    failed.sort();
    let fail = |r: &str| (HIGH_RISK.to_string(), r.to_string(), false);
    assert_eq!(failed, vec![fail("sg-both"), fail("sg-mysql")], "sg-redis is not about MySQL");
    let ids = |resource: &str| {
        findings["findings"]
            .as_array()
            .and_then(|l| l.iter().find(|f| f["resource_id"] == resource))
            .map(|f| f["prowler_check_ids"].clone())
            .unwrap_or_default()
    };
    assert_eq!(ids("sg-mysql"), json!([MYSQL]));
    assert_eq!(ids("sg-both"), json!([MYSQL, REDIS]));
    let ocsf = report(&out_dir, ".ocsf.json");
    let event = ocsf.as_array().and_then(|l| l.iter().find(|e| e["resources"][0]["name"] == "sg-mysql")).cloned();
    let event = event.expect("an OCSF event for sg-mysql");
    assert_eq!(event["metadata"]["event_code"], HIGH_RISK);
    assert_eq!(event["unmapped"]["prowler_check_ids"], json!([HIGH_RISK, MYSQL]));
}

#[test]
fn a_prowler_mutelist_of_per_port_ids_mutes_the_groups_it_muted_in_prowler() {
    let dir = support::ReportDir::new();
    let snapshot = snapshot(dir.path());
    // Prowler: MySQL muted on sg-mysql and sg-both; Redis left failing on sg-redis and sg-both.
    let list = mutelist(dir.path(), &[(MYSQL, &["sg-mysql", "sg-both"])]);
    let out_dir = dir.path().join("out");
    let out = argus(&[
        "evaluate",
        &snapshot.to_string_lossy(),
        "--checks",
        HIGH_RISK,
        "--mutelist",
        &list.to_string_lossy(),
        "--output-dir",
        &out_dir.to_string_lossy(),
        "--output-formats",
        "json-ocsf",
        "--compliance",
        "none",
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let mut failed = failures(&report(&out_dir, ".findings.json"));
    failed.sort();
    let fail = |r: &str, muted: bool| (HIGH_RISK.to_string(), r.to_string(), muted);
    assert_eq!(failed, vec![fail("sg-both", false), fail("sg-mysql", true), fail("sg-redis", false)]);

    // Muting Redis too leaves nothing failing, as in Prowler: exit 0.
    let list = mutelist(dir.path(), &[(MYSQL, &["sg-mysql", "sg-both"]), (REDIS, &["sg-redis", "sg-both"])]);
    let out =
        argus(&["evaluate", &snapshot.to_string_lossy(), "--checks", HIGH_RISK, "--mutelist", &list.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn an_unknown_check_id_is_an_error_naming_the_closest_ids() {
    let line = error_line(&argus(&["scan", "--checks", "s3_bucket_publc_access"]));
    assert!(line.contains("unknown check id 's3_bucket_publc_access'"), "{line}");
    assert!(line.contains("did you mean s3_bucket_public_access"), "{line}");
    let line = error_line(&argus(&["scan", "--exclude-checks", "iam_root_mfa_enabld"]));
    assert!(line.contains("did you mean iam_root_mfa_enabled"), "{line}");
    let dir = support::ReportDir::new();
    let snapshot = snapshot(dir.path());
    let line = error_line(&argus(&[
        "evaluate",
        &snapshot.to_string_lossy(),
        "--checks",
        "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3307",
    ]));
    assert!(line.contains(&format!("did you mean {MYSQL}")), "{line}");
}

#[test]
fn a_prowler_id_argus_does_not_implement_says_so() {
    let line = error_line(&argus(&["scan", "--exclude-checks", "s3_bucket_shadow_resource_vulnerability"]));
    assert!(line.contains("not implemented by argus: needs HeadBucket calls"), "{line}");
    assert!(line.contains("docs/prowler-parity.md"), "{line}");
    let line = error_line(&argus(&["scan", "--checks", "cloudfront_distributions_https_enabled"]));
    assert!(line.contains("not implemented by argus: argus does not audit the cloudfront service"), "{line}");
}

#[test]
fn a_mutelist_naming_unknown_ids_warns_once_per_id_and_still_applies() {
    let dir = support::ReportDir::new();
    let snapshot = snapshot(dir.path());
    let list = mutelist(
        dir.path(),
        &[
            ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysq_3306", &["sg-mysql", "sg-both"]),
            ("s3_bucket_shadow_resource_vulnerability", &["a", "b"]),
            (REDIS, &["sg-redis", "sg-both"]),
        ],
    );
    let out =
        argus(&["evaluate", &snapshot.to_string_lossy(), "--checks", REDIS, "--mutelist", &list.to_string_lossy()]);
    let err = stderr(&out);
    // The misspelt entry mutes nothing: sg-both, open on MySQL too, still fails.
    assert_eq!(out.status.code(), Some(3), "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 2, "{err}");
    assert!(warnings.iter().any(|w| w.contains(&format!("did you mean {MYSQL}"))), "{err}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("'s3_bucket_shadow_resource_vulnerability'") && w.contains("not implemented by argus")),
        "{err}"
    );
}

#[test]
fn checks_show_names_the_check_that_answers_an_alias() {
    let out = argus(&["checks", "show", MYSQL]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(shown.starts_with(&format!("# Prowler's {MYSQL} is answered by argus's {HIGH_RISK}")), "{shown}");
    assert!(shown.contains(&format!("id = \"{HIGH_RISK}\"")), "{shown}");
    let line = error_line(&argus(&["checks", "show", "s3_bucket_publc_access"]));
    assert!(line.contains("did you mean s3_bucket_public_access"), "{line}");
}
