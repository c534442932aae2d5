//! Lambda environment variables that point at a secret (a Parameter Store path, a Secrets Manager
//! name) are not secrets, and the config's ignore patterns silence what they name: values while
//! collecting (the only time argus holds them), names while evaluating.

mod common;
mod support;

use common::{argus_ok, file_ending, read_json};
use serde_json::Value;
use support::Emulator;

const CHECK: &str = "awslambda_function_no_secrets_in_variables";

/// One function whose environment mixes references, a password and a documented example key.
const SEED: &str = r#"
import boto3, io, json, sys, zipfile
url = sys.argv[1]
iam = boto3.client("iam", endpoint_url=url)
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
role = iam.create_role(RoleName="fn-role", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("index.py", "def handler(e, c):\n    return 1\n")
boto3.client("lambda", endpoint_url=url, region_name="us-east-1").create_function(
    FunctionName="refs", Runtime="python3.12", Role=role, Handler="index.handler", Code={"ZipFile": buf.getvalue()},
    Environment={"Variables": {
        "API_TOKEN_PARAM": "/prod/app/api-token",
        "DB_PASSWORD_PARAM": "/myapp/prod/DB_PASSWORD",
        "DB_SECRET_NAME": "prod/app/db-credentials",
        "STAGING_DB_PASSWORD": "Zq8#rT2!mW9$kP4@",
        "EXAMPLE_KEY": "AKIAIOSFODNN7EXAMPLE",
    }},
)
"#;

fn seeded() -> Emulator {
    let em = Emulator::moto();
    let out = std::process::Command::new(support::repo_root().join(".venv/moto/bin/python"))
        .args(["-c", SEED, &em.endpoint()])
        .envs(em.aws_env())
        .output()
        .expect("run boto3");
    assert!(out.status.success(), "seed: {}", String::from_utf8_lossy(&out.stderr));
    em
}

/// The message of the check's finding about the function, from a report directory.
fn verdict(dir: &support::ReportDir) -> (String, String) {
    let findings = read_json(&file_ending(dir.path(), ".findings.json"));
    let f = findings["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["check_id"] == CHECK && f["resource_name"] == "refs")
        .cloned()
        .unwrap_or(Value::Null);
    (f["status"].as_str().unwrap_or_default().into(), f["message"].as_str().unwrap_or_default().into())
}

fn scan(em: &Emulator, dir: &support::ReportDir, extra: &[&str]) {
    let endpoint = em.endpoint();
    let mut args = vec!["scan", "--endpoint-url", &endpoint, "--services", "lambda", "--regions", "us-east-1"];
    let out = dir.arg();
    args.extend(["--output-dir", &out, "--output-formats", "json-ocsf", "--quiet"]);
    args.extend(extra);
    argus_ok(em, &args, &[0, 3]);
}

#[test]
fn references_pass_and_ignore_patterns_apply_to_names_and_values() {
    let em = seeded();
    let dir = support::ReportDir::new();
    scan(&em, &dir, &[]);
    let (status, message) = verdict(&dir);
    assert_eq!(status, "FAIL", "{message}");
    assert!(message.contains("2 environment variable(s)"), "only the password and the key: {message}");
    assert!(message.contains("STAGING_DB_PASSWORD") && message.contains("EXAMPLE_KEY"), "{message}");
    for reference in ["API_TOKEN_PARAM", "DB_PASSWORD_PARAM", "DB_SECRET_NAME"] {
        assert!(!message.contains(reference), "{reference} is a reference: {message}");
    }

    let config = support::ReportDir::new();
    let config_path = config.path().join("argus.toml");
    std::fs::write(
        &config_path,
        "secrets_ignore_names = [\"staging_*\"]\nsecrets_ignore_values = [\"AKIA*EXAMPLE\"]\n",
    )
    .expect("write config");
    let config_arg = config_path.to_string_lossy().to_string();
    let dir = support::ReportDir::new();
    scan(&em, &dir, &["--config", &config_arg]);
    let (status, message) = verdict(&dir);
    assert_eq!(status, "PASS", "{message}");
    assert!(message.contains("(2 ignored by the config's"), "{message}");
}

#[test]
fn value_patterns_are_applied_when_collecting_and_kept_in_the_snapshot() {
    let em = seeded();
    let dir = support::ReportDir::new();
    let config_path = dir.path().join("argus.toml");
    std::fs::write(&config_path, "secrets_ignore_values = [\"AKIA*EXAMPLE\"]\n").expect("write config");
    let snapshot = dir.path().join("snapshot.json");
    let (config_arg, snapshot_arg) = (config_path.to_string_lossy(), snapshot.to_string_lossy());
    let endpoint = em.endpoint();
    let mut args = vec!["collect", "--endpoint-url", &endpoint, "--services", "lambda", "--regions", "us-east-1"];
    args.extend(["--config", &config_arg, "--output", &snapshot_arg]);
    argus_ok(&em, &args, &[0]);
    let text = std::fs::read_to_string(&snapshot).expect("read snapshot");
    assert!(!text.contains("AKIAIOSFODNN7EXAMPLE") && !text.contains("/prod/app/api-token"), "no value is stored");
    let snap: Value = serde_json::from_str(&text).expect("snapshot JSON");
    let env = &snap["regions"]["us-east-1"]["lambda"]["functions"]["ok"][0]["environment"];
    let var = |name: &str| env.as_array().and_then(|v| v.iter().find(|e| e["name"] == name).cloned()).expect(name);
    assert_eq!(var("EXAMPLE_KEY")["value_ignored"], true);
    assert_eq!(var("STAGING_DB_PASSWORD").get("value_ignored"), None);
    assert_eq!(var("DB_SECRET_NAME")["is_reference"], true);

    // Evaluating the snapshot later, without the config, keeps the verdict made while collecting.
    let out = support::ReportDir::new();
    argus_ok(&em, &["evaluate", &snapshot_arg, "--output-dir", &out.arg(), "--quiet"], &[0, 3]);
    let (status, message) = verdict(&out);
    assert_eq!(status, "FAIL");
    assert!(message.contains("1 environment variable(s)") && message.contains("STAGING_DB_PASSWORD"), "{message}");
    // Value patterns given to evaluate cannot apply: argus says so rather than ignoring them silently.
    let again = support::ReportDir::new();
    let args = ["evaluate", &snapshot_arg, "--config", &config_arg, "--output-dir", &again.arg()];
    let stderr = String::from_utf8_lossy(&argus_ok(&em, &args, &[0, 3]).stderr).to_string();
    assert!(stderr.contains("secrets_ignore_values apply while collecting"), "{stderr}");
}
