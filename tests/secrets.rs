//! Invariant 2 and 4: a secret value found in the account never reaches an output file, the snapshot,
//! stdout or a log line — not even at `RUST_LOG=trace` — and neither do the credentials argus runs with.
//!
//! The demo seed plants fake secrets (Lambda and ECS environment values, EC2 instance and launch-template
//! user data, SSM parameter values, Secrets Manager secret strings, a console password, an RDS master
//! password; `seed_demo.py --print-planted-secrets`). On top of that the test
//! creates an access key for a seeded user and runs argus *with that key and a session token*, so the
//! account's own credentials are both something argus lists and something it signs with.

mod common;
mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use support::Emulator;

const REGIONS: &str = "us-east-1,eu-west-1";

/// A distinctive session token: moto accepts any token when it does not enforce IAM.
const SESSION_TOKEN: &str = "ArgusTestSessionToken//Zm9vYmFyYmF6cXV4X25ldmVyX2xvZ19tZQ==";

fn planted_secrets() -> Vec<String> {
    let root = support::repo_root();
    let out = Command::new(root.join(".venv/moto/bin/python"))
        .arg(root.join("localstack/seed_demo.py"))
        .arg("--print-planted-secrets")
        .output()
        .expect("run seed_demo.py --print-planted-secrets");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let secrets: Vec<String> = serde_json::from_slice(&out.stdout).expect("planted secrets JSON");
    assert!(secrets.len() >= 8, "{secrets:?}");
    secrets
}

/// Creates an access key for the seeded user `argus-demo-onekey` (boto3, the emulator's venv) and returns
/// (access key id, secret access key).
fn create_access_key(em: &Emulator) -> (String, String) {
    let script = "import boto3, json, sys\n\
                  iam = boto3.client('iam', endpoint_url=sys.argv[1])\n\
                  k = iam.create_access_key(UserName='argus-demo-onekey')['AccessKey']\n\
                  print(json.dumps([k['AccessKeyId'], k['SecretAccessKey']]))\n";
    let out = Command::new(support::repo_root().join(".venv/moto/bin/python"))
        .args(["-c", script, &em.endpoint()])
        .envs(em.aws_env())
        .output()
        .expect("run boto3");
    assert!(out.status.success(), "create_access_key: {}", String::from_utf8_lossy(&out.stderr));
    let [id, secret]: [String; 2] = serde_json::from_slice(&out.stdout).expect("access key JSON");
    (id, secret)
}

/// Every file under `dir`, recursively, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push((path.display().to_string(), std::fs::read(&path).expect("read file")));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn no_secret_reaches_a_file_a_report_or_a_trace_log() {
    let em = Emulator::moto();
    em.seed("localstack/seed_demo.py", &["--regions", REGIONS, "--flavour", "moto"]);
    let (key_id, key_secret) = create_access_key(&em);
    let dir = support::ReportDir::new();
    let dir_s = dir.path().to_string_lossy().to_string();

    let out = Command::new(env!("CARGO_BIN_EXE_argus"))
        .args(["scan", "--endpoint-url", &em.endpoint(), "--regions", REGIONS, "--output-dir", &dir_s])
        .args(["--output-formats", "json-ocsf,asff,csv,html,junit", "--compliance", "cis-5.0,cis-7.0,fsbp"])
        .args(["--log-format", "text", "-vvv"])
        .envs(em.aws_env())
        .env("AWS_ACCESS_KEY_ID", &key_id)
        .env("AWS_SECRET_ACCESS_KEY", &key_secret)
        .env("AWS_SESSION_TOKEN", SESSION_TOKEN)
        .env("RUST_LOG", "trace")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run argus");
    let (stdout, stderr) = (out.stdout, out.stderr);
    assert_eq!(out.status.code(), Some(3), "the demo account has FAILs:\n{}", String::from_utf8_lossy(&stderr));

    // Not vacuous: the trace log is the SDK's and argus's (many lines), the secrets were seen and judged.
    let log = String::from_utf8_lossy(&stderr);
    assert!(log.lines().count() > 500, "expected a verbose trace log, got {} lines", log.lines().count());
    // The SDK's own debug output is on (argus caps the SDK at DEBUG whatever RUST_LOG says).
    assert!(
        log.contains(" DEBUG ") && log.contains("aws_smithy_runtime::client::orchestrator"),
        "no SDK debug lines in the log"
    );
    let findings = common::read_json(&common::file_ending(dir.path(), ".findings.json"));
    let secret_env = findings["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| {
            f["check_id"] == "awslambda_function_no_secrets_in_variables"
                && f["status"] == "FAIL"
                && f["resource_name"].as_str().is_some_and(|n| n.contains("secrets-in-env"))
        })
        .expect("the planted Lambda environment secrets are reported");
    let message = secret_env["message"].as_str().unwrap_or_default();
    assert!(message.contains("LEGACY_SECRET_ACCESS_KEY"), "the finding names the variable: {message}");
    // The secrets planted in user data (plain and gzip) and in an ECS container environment were read
    // and reported too, so their absence from every output below is not for want of looking.
    for (check, resource, named) in [
        ("ec2_instance_secrets_user_data", "argus-demo-userdata-leaky", "AWS_ACCESS_KEY_ID"),
        ("ec2_launch_template_no_secrets", "argus-demo-lt-leaky", "private-key"),
        ("ecs_task_definitions_no_environment_secrets", "argus-demo-task-legacy", "DB_PASSWORD"),
    ] {
        let finding = findings["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["check_id"] == check && f["status"] == "FAIL" && f["resource_name"] == resource)
            .unwrap_or_else(|| panic!("{check} reports the secret planted in {resource}"));
        let message = finding["message"].as_str().unwrap_or_default();
        assert!(message.contains(named), "{check} names {named}: {message}");
    }
    let artefacts = files(dir.path());
    assert!(
        artefacts.len() >= 8,
        "expected every report format: {:?}",
        artefacts.iter().map(|a| &a.0).collect::<Vec<_>>()
    );
    assert!(artefacts.iter().any(|(name, _)| name.ends_with(".snapshot.json")));

    let mut secrets = planted_secrets();
    secrets.push(key_secret.clone());
    secrets.push(SESSION_TOKEN.to_string());
    let mut leaks = Vec::new();
    for secret in &secrets {
        for (name, bytes) in &artefacts {
            if contains(bytes, secret) {
                leaks.push(format!("{name} contains {secret}"));
            }
        }
        if contains(&stdout, secret) {
            leaks.push(format!("stdout contains {secret}"));
        }
        if contains(&stderr, secret) {
            leaks.push(format!("the trace log contains {secret}"));
        }
    }
    // The access key id argus signs with is no secret (IAM lists it) but is part of the credentials: never
    // logged. (The SDK's endpoint-resolution debug line printed it until argus capped that target.)
    if contains(&stderr, &key_id) {
        leaks.push(format!("the trace log contains the access key id argus runs with ({key_id})"));
    }
    assert!(leaks.is_empty(), "secrets leaked:\n{}", leaks.join("\n"));
}
