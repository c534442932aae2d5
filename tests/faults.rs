//! argus under faults, through the fault-injecting proxy (tests/support/fault_proxy.rs) between argus and a
//! seeded moto: throttling, denied permissions, a hung region, connection resets and mangled bodies.
//!
//! Each test compares a faulted scan with a clean scan of the same seeded account through the same proxy:
//! what the fault could not affect must come out identical, what it did affect must be an ERROR finding
//! that names the missing permission or the timeout — never a changed PASS/FAIL, never a panic.

mod common;
mod support;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};
use support::fault_proxy::{self, Fault, FaultProxy, Rule};
use support::Emulator;

const REGIONS: &str = "us-east-1,eu-west-1";

/// One call of every service argus reads, i.e. of every wire protocol: query (IAM, STS, RDS), EC2 query,
/// JSON (KMS, Secrets Manager, CloudTrail), REST-JSON (Lambda), REST-XML (S3, S3 Control).
const EVERY_PROTOCOL: [&str; 10] = [
    "iam:GetAccountAuthorizationDetails",
    "sts:GetCallerIdentity",
    "rds:DescribeDBInstances",
    "ec2:DescribeSecurityGroups",
    "kms:ListKeys",
    "secretsmanager:ListSecrets",
    "cloudtrail:DescribeTrails",
    "lambda:ListFunctions",
    "s3:ListBuckets",
    "s3control:GetPublicAccessBlock",
];

struct Scan {
    code: i32,
    stdout: String,
    stderr: String,
    file: Value,
    elapsed: Duration,
}

impl Scan {
    fn findings(&self) -> &Vec<Value> {
        self.file["findings"].as_array().expect("findings array")
    }

    fn errors(&self) -> &Vec<Value> {
        self.file["collection_errors"].as_array().expect("collection_errors array")
    }
}

fn seeded_moto() -> Emulator {
    let em = Emulator::moto();
    em.seed("localstack/seed_demo.py", &["--regions", REGIONS, "--flavour", "moto"]);
    em
}

/// `argus scan` of both regions through the proxy; never a panic, always a normal exit code.
fn scan(em: &Emulator, proxy: &FaultProxy, extra: &[&str]) -> Scan {
    let dir = support::ReportDir::new();
    let dir_s = dir.path().to_string_lossy().to_string();
    let endpoint = proxy.endpoint();
    let mut args = vec!["scan", "--endpoint-url", &endpoint, "--regions", REGIONS, "--output-dir", &dir_s];
    args.extend_from_slice(extra);
    let started = Instant::now();
    let out = common::argus(em, &args);
    let elapsed = started.elapsed();
    let code = out.status.code().unwrap_or(-1);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        [0, 3, 4].contains(&code) && !stderr.contains("panicked"),
        "argus {args:?} exited {code}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}\n--- proxy ---\n{:?}",
        proxy.injected()
    );
    // A request of a protocol the proxy does not know would get its faults in the wrong format.
    assert!(
        proxy.unrecognised().is_empty(),
        "the fault proxy cannot answer these in their protocol: {:?}",
        proxy.unrecognised()
    );
    let file = common::read_json(&common::file_ending(dir.path(), ".findings.json"));
    Scan { code, stdout, stderr, file, elapsed }
}

/// (check, region, resource) → finding.
fn by_key(scan: &Scan) -> BTreeMap<(String, String, String), Value> {
    let mut map = BTreeMap::new();
    for f in scan.findings() {
        let key = (
            f["check_id"].as_str().unwrap_or_default().to_string(),
            f["region"].as_str().unwrap_or_default().to_string(),
            f["resource_id"].as_str().unwrap_or_default().to_string(),
        );
        assert!(map.insert(key.clone(), f.clone()).is_none(), "duplicate finding {key:?}");
    }
    map
}

/// The summary line `N API calls, M retries`.
fn summary_retries(stdout: &str) -> u64 {
    let line = stdout.lines().find(|l| l.contains("API calls,")).unwrap_or_else(|| panic!("no summary in {stdout}"));
    line.split(", ").nth(1).and_then(|r| r.split_whitespace().next()).and_then(|n| n.parse().ok()).expect("retries")
}

fn services_hit(proxy: &FaultProxy) -> BTreeSet<String> {
    proxy.injected().keys().filter_map(|k| k.split(':').next().map(str::to_string)).collect()
}

#[test]
fn throttling_and_connection_resets_change_no_finding() {
    let em = seeded_moto();
    let proxy = FaultProxy::start(&em.endpoint());
    let clean = scan(&em, &proxy, &[]);
    assert!(proxy.total_requests() > 100, "the clean scan went through the proxy: {:?}", proxy.counts());
    assert_eq!(proxy.injected_total(), 0);
    // moto's listing names no bucket's region: one listing, then one GetBucketLocation per bucket
    // (the demo expectations check where each bucket was placed).
    assert_eq!(proxy.count("s3:ListBuckets"), 1, "{:?}", proxy.counts());
    let buckets = proxy.count("s3:GetBucketAcl");
    assert!(buckets > 1, "{:?}", proxy.counts());
    assert_eq!(proxy.count("s3:GetBucketLocation"), buckets, "{:?}", proxy.counts());
    // moto answers DescribeClientVpnEndpoints with an HTML crash page (HTTP 500): recorded once per region,
    // not retried through the whole backoff schedule; nothing else of a clean scan is retried.
    let regions = proxy.count("ec2:DescribeTransitGateways");
    assert!(regions > 0, "{:?}", proxy.counts());
    assert_eq!(proxy.count("ec2:DescribeClientVpnEndpoints"), regions, "{:?}", proxy.counts());
    assert_eq!(clean.file["retries"].as_u64(), Some(0), "a clean scan retried: {:?}", proxy.counts());

    // 30 % of all calls throttled, in each service's own wire format; a call is throttled at most three
    // times in a row (argus makes up to 8 attempts), so every call eventually succeeds. One call of every
    // service is throttled twice whatever the dice say, so that every protocol's error format is seen.
    proxy.reset_counts();
    proxy.set_seed(2024);
    let mut rules: Vec<Rule> = EVERY_PROTOCOL.iter().map(|op| Rule::op(op, Fault::Throttle).up_to_attempt(2)).collect();
    rules.push(Rule::any(Fault::Throttle).probability(0.3).up_to_attempt(3));
    proxy.set_rules(rules);
    let throttled = scan(&em, &proxy, &[]);
    let injected = proxy.injected_total();
    eprintln!(
        "clean scan {:.1} s; throttled scan {:.1} s, {injected} throttles: {:?}",
        clean.elapsed.as_secs_f64(),
        throttled.elapsed.as_secs_f64(),
        proxy.injected()
    );
    // Every protocol's throttling error was recognised and retried (otherwise the call would have failed).
    for op in EVERY_PROTOCOL {
        assert!(
            proxy.injected().contains_key(&format!("{op} Throttle")),
            "{op} was not throttled: {:?}",
            proxy.injected()
        );
    }
    let services = services_hit(&proxy);
    assert!(services.len() >= 10, "throttled services: {services:?}");
    let share = injected as f64 / proxy.total_requests() as f64;
    assert!(injected > 50 && share > 0.2, "{injected} throttles in {} requests", proxy.total_requests());
    assert_eq!(throttled.findings(), clean.findings(), "throttling changed the findings");
    assert_eq!(throttled.errors(), clean.errors(), "throttling left collection errors");
    let retries = throttled.file["retries"].as_u64().expect("retries in the findings file");
    assert!(retries >= injected, "{retries} retries reported for {injected} throttles");
    assert_eq!(summary_retries(&throttled.stdout), retries, "the terminal summary reports the retries");
    assert_eq!(throttled.code, clean.code);

    // Connection resets (TCP RST instead of a response) on 30 % of calls, and 200 ms delays on 20 %:
    // retried like any transient network failure.
    proxy.reset_counts();
    proxy.set_rules(vec![
        Rule::any(Fault::Reset).probability(0.3).up_to_attempt(3),
        Rule::any(Fault::Delay(Duration::from_millis(200))).probability(0.2),
    ]);
    let reset = scan(&em, &proxy, &[]);
    let resets: u64 = proxy.injected().iter().filter(|(k, _)| k.ends_with(" Reset")).map(|(_, n)| n).sum();
    eprintln!("reset scan {:.1} s, {resets} resets", reset.elapsed.as_secs_f64());
    assert!(resets > 30, "only {resets} resets injected");
    assert_eq!(reset.findings(), clean.findings(), "connection resets changed the findings");
    assert_eq!(reset.errors(), clean.errors(), "connection resets left collection errors");
    assert!(reset.file["retries"].as_u64().unwrap_or(0) >= resets);
}

/// Clean and denied scans of one account: every finding is unchanged, or an ERROR naming `action`.
/// Returns the check ids that turned ERROR.
fn assert_only_dependent_findings_error(clean: &Scan, denied: &Scan, action: &str) -> BTreeSet<String> {
    let before = by_key(clean);
    let after = by_key(denied);
    let mut changed = BTreeSet::new();
    let mut problems = Vec::new();
    for (key, f) in &after {
        if before.get(key) == Some(f) {
            continue;
        }
        let message = f["message"].as_str().unwrap_or_default();
        // EC2 says UnauthorizedOperation where the other services say AccessDenied.
        let names_the_denial =
            message.contains(action) && (message.contains("AccessDenied") || message.contains("UnauthorizedOperation"));
        if f["status"] == "ERROR" && names_the_denial {
            changed.insert(key.0.clone());
        } else if names_the_denial && before.get(key).is_some_and(|b| b["status"] == f["status"]) {
            // The verdict did not need the denied data (e.g. Block Public Access neutralises whatever the
            // unreadable bucket policy says): same status, and the message says what could not be read.
        } else {
            problems.push(format!("{key:?}: {} — {message}", f["status"]));
        }
    }
    // A resource whose checks turned ERROR is still reported (by the ERROR), so nothing disappears
    // except per-resource findings replaced by the check's ERROR for the same resource.
    for key in before.keys() {
        if !after.contains_key(key) && !changed.contains(&key.0) {
            problems.push(format!("{key:?} disappeared"));
        }
    }
    assert!(problems.is_empty(), "denying {action} changed unrelated findings:\n{}", problems.join("\n"));
    assert!(!changed.is_empty(), "denying {action} changed no finding");

    // The scan says it is incomplete, names the permission, and still exits by its findings (3: FAILs).
    assert!(denied.stdout.contains("INCOMPLETE"), "no INCOMPLETE in the summary:\n{}", denied.stdout);
    assert!(denied.stdout.contains(action), "the summary does not name {action}:\n{}", denied.stdout);
    let denied_errors: Vec<&Value> = denied.errors().iter().filter(|e| e["iam_action"] == action).collect();
    assert!(!denied_errors.is_empty(), "no collection error for {action}");
    for e in &denied_errors {
        assert_eq!(e["kind"], "access_denied", "{e}");
    }
    assert_eq!(denied.code, 3, "the demo account has FAILs: exit 3 even though the scan is incomplete");
    changed
}

#[test]
fn access_denied_turns_only_the_checks_that_need_it_to_error() {
    let em = seeded_moto();
    let proxy = FaultProxy::start(&em.endpoint());
    let clean = scan(&em, &proxy, &[]);

    proxy.set_rules(vec![Rule::op("s3:GetBucketPolicy", Fault::AccessDenied)]);
    let denied = scan(&em, &proxy, &[]);
    assert!(proxy.count("s3:GetBucketPolicy") >= 9, "{:?}", proxy.counts());
    let changed = assert_only_dependent_findings_error(&clean, &denied, "s3:GetBucketPolicy");
    eprintln!("s3:GetBucketPolicy denied → ERROR in {changed:?}");
    // The attack paths read bucket policies too: who may reach a bucket is unknown without its policy.
    assert!(
        changed.iter().all(|c| c.starts_with("s3_") || c.starts_with("paths_")),
        "checks that do not read bucket policies changed: {changed:?}"
    );
    assert!(changed.contains("paths_internet_to_sensitive_data"), "{changed:?}");

    proxy.set_rules(vec![Rule::op("iam:GenerateCredentialReport", Fault::AccessDenied)]);
    let denied = scan(&em, &proxy, &[]);
    let changed = assert_only_dependent_findings_error(&clean, &denied, "iam:GenerateCredentialReport");
    eprintln!("iam:GenerateCredentialReport denied → ERROR in {changed:?}");
    assert!(changed.iter().all(|c| c.starts_with("iam_")), "non-IAM checks changed: {changed:?}");

    // EC2's own denial code (UnauthorizedOperation), on one regional call.
    proxy.set_rules(vec![Rule::op("ec2:DescribeSecurityGroups", Fault::AccessDenied).in_region("eu-west-1")]);
    let denied = scan(&em, &proxy, &[]);
    let changed = assert_only_dependent_findings_error(&clean, &denied, "ec2:DescribeSecurityGroups");
    for f in
        denied.findings().iter().filter(|f| f["status"] == "ERROR" && changed.contains(f["check_id"].as_str().unwrap()))
    {
        assert_eq!(f["region"], "eu-west-1", "only eu-west-1 was denied: {f}");
    }
}

#[test]
fn an_incomplete_scan_without_failures_exits_4_not_0() {
    // An empty account's KMS: nothing to fail. Clean, that is exit 0; with kms:ListKeys denied the
    // checks ERROR and the exit code must not read as all-clear, even with --ignore-exit-code-3.
    let em = Emulator::moto();
    let proxy = FaultProxy::start(&em.endpoint());
    let clean = scan(&em, &proxy, &["--services", "kms"]);
    assert_eq!(clean.code, 0, "{}", clean.stdout);
    proxy.set_rules(vec![Rule::op("kms:ListKeys", Fault::AccessDenied)]);
    let denied = scan(&em, &proxy, &["--services", "kms", "--ignore-exit-code-3"]);
    assert_eq!(denied.code, 4, "{}\n{}", denied.stdout, denied.stderr);
    assert!(denied.stdout.contains("INCOMPLETE") && denied.stdout.contains("kms:ListKeys"), "{}", denied.stdout);
    assert!(denied.findings().iter().all(|f| f["status"] == "ERROR"), "{:?}", denied.findings());
    assert!(!denied.findings().is_empty());
}

#[test]
fn a_hung_region_ends_within_the_timeout_and_only_its_checks_error() {
    let em = seeded_moto();
    let proxy = FaultProxy::start(&em.endpoint());
    let clean = scan(&em, &proxy, &[]);

    // eu-west-1 reads every request and never answers.
    let timeout = 5;
    proxy.set_rules(vec![Rule::region("eu-west-1", Fault::Hang)]);
    let hung = scan(&em, &proxy, &["--timeout", &timeout.to_string()]);
    eprintln!(
        "clean scan {:.1} s; eu-west-1 hung, --timeout {timeout}: {:.1} s; {} requests hung",
        clean.elapsed.as_secs_f64(),
        hung.elapsed.as_secs_f64(),
        proxy.injected_total()
    );
    // One timeout for the region, not one per call or attempt (there are dozens of eu-west-1 calls, each
    // allowed 8 attempts), on top of what the healthy part of the scan takes anyway. The hung calls hold
    // their slots of the shared pool until that timeout, so healthy calls queued behind them may wait for
    // it once too.
    let limit = clean.elapsed + Duration::from_secs(2 * timeout + 5);
    assert!(hung.elapsed < limit, "hung region: scan took {:?}, limit {limit:?}", hung.elapsed);

    let before = by_key(&clean);
    let after = by_key(&hung);
    let mut errored = 0;
    // A judgement that reads other regions' data may turn ERROR too, naming eu-west-1's timeout: an
    // account-wide one (one VPC region only, say), or a region's own one that a resource of eu-west-1 can
    // settle (a multi-region trail there may cover us-east-1).
    // A FAIL that stands on what was read keeps its status and names what it could not read.
    let names_the_hung_region = |f: &Value| {
        let message = f["message"].as_str().unwrap_or_default();
        message.contains("eu-west-1") && (message.contains("EndpointUnresponsive") || message.contains("Timeout"))
    };
    for (key, f) in &before {
        if key.1 == "eu-west-1" {
            continue;
        }
        let now = after.get(key);
        assert!(
            now == Some(f)
                || now.is_some_and(|n| {
                    (n["status"] == "ERROR" || n["status"] == f["status"]) && names_the_hung_region(n)
                }),
            "outside eu-west-1, {key:?} changed: {now:?}"
        );
    }
    for (key, f) in &after {
        if key.1 != "eu-west-1" {
            let was = before.get(key);
            assert!(
                was == Some(f)
                    || (names_the_hung_region(f)
                        && (f["status"] == "ERROR" || was.is_some_and(|b| b["status"] == f["status"]))),
                "outside eu-west-1, {key:?} is new or changed: {f}"
            );
            continue;
        }
        if before.get(key) == Some(f) {
            continue; // judged on data from outside the region
        }
        let message = f["message"].as_str().unwrap_or_default();
        assert!(
            f["status"] == "ERROR" && (message.contains("EndpointUnresponsive") || message.contains("Timeout")),
            "eu-west-1 {key:?} should be an ERROR by timeout: {f}"
        );
        errored += 1;
    }
    assert!(errored >= 10, "only {errored} eu-west-1 findings turned ERROR");
    let eu_errors: Vec<&Value> = hung.errors().iter().filter(|e| e["region"] == "eu-west-1").collect();
    assert!(!eu_errors.is_empty());
    for e in &eu_errors {
        assert_eq!(e["kind"], "timeout", "{e}");
    }
    for e in hung.errors().iter().filter(|e| e["region"] != "eu-west-1") {
        assert!(clean.errors().contains(e), "a collection error outside eu-west-1: {e}");
    }
    assert!(hung.stdout.contains("INCOMPLETE"));
}

#[test]
fn mangled_bodies_and_cut_connections_are_errors_not_panics() {
    // The emulator's own default resources (VPCs, security groups, managed policies) are enough here.
    let em = Emulator::moto();
    let proxy = FaultProxy::start(&em.endpoint());
    let clean = scan(&em, &proxy, &["--services", "iam,ec2,kms"]);
    let mangled_ops = [
        ("ec2:DescribeSecurityGroups", Fault::Garble),
        ("ec2:DescribeVpcs", Fault::Truncate),
        ("iam:GetAccountAuthorizationDetails", Fault::CutOff),
        ("iam:GetCredentialReport", Fault::Garble),
        ("kms:ListKeys", Fault::Truncate),
        ("iam:GetAccountSummary", Fault::Reset),
    ];
    proxy.set_rules(mangled_ops.iter().map(|(op, fault)| Rule::op(op, fault.clone())).collect());
    let mangled = scan(&em, &proxy, &["--services", "iam,ec2,kms", "--max-attempts", "3"]);
    eprintln!("mangled: {:?}", proxy.injected());
    let errors = mangled.errors();
    for (op, fault) in &mangled_ops {
        let (service, operation) = op.split_once(':').unwrap();
        assert!(proxy.count(op) > 0, "{op} was never called: {:?}", proxy.counts());
        let recorded: Vec<&Value> =
            errors.iter().filter(|e| e["service"] == service && e["operation"] == operation).collect();
        assert!(!recorded.is_empty(), "{op} ({fault}) left no collection error:\n{}", mangled.stderr);
        for e in recorded {
            let kind = e["kind"].as_str().unwrap_or_default();
            assert!(["invalid_response", "network", "timeout", "other"].contains(&kind), "{op} ({fault}): {e}");
        }
    }
    // The checks that needed the data say so; the rest are as in the clean scan.
    assert!(mangled.findings().iter().any(|f| f["status"] == "ERROR"));
    assert!(clean.findings().len() > 10);
    assert!(mangled.stdout.contains("INCOMPLETE"));
}

#[test]
fn the_proxy_names_operations_and_regions_of_every_protocol() {
    use http::{HeaderMap, HeaderValue, Method};
    let signed = |region: &str, service: &str| {
        let mut h = HeaderMap::new();
        let auth = format!(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/{region}/{service}/aws4_request, SignedHeaders=host, Signature=00"
        );
        h.insert("authorization", HeaderValue::from_str(&auth).unwrap());
        h
    };
    let id = |m: &Method, uri: &str, h: &HeaderMap, body: &[u8]| {
        let op = fault_proxy::identify(m, &uri.parse().unwrap(), h, body);
        (op.key(), op.region)
    };
    let (get, post) = (Method::GET, Method::POST);
    assert_eq!(
        id(&get, "/b?policy", &signed("eu-west-1", "s3"), b""),
        ("s3:GetBucketPolicy".into(), "eu-west-1".into())
    );
    assert_eq!(id(&get, "/b?policyStatus", &signed("us-east-1", "s3"), b"").0, "s3:GetBucketPolicyStatus");
    assert_eq!(id(&get, "/b?publicAccessBlock", &signed("us-east-1", "s3"), b"").0, "s3:GetPublicAccessBlock");
    assert_eq!(id(&get, "/?x-id=ListBuckets", &signed("us-east-1", "s3"), b"").0, "s3:ListBuckets");
    assert_eq!(
        id(&get, "/v20180820/configuration/publicAccessBlock", &signed("us-east-1", "s3"), b"").0,
        "s3control:GetPublicAccessBlock"
    );
    let body = b"Action=GenerateCredentialReport&Version=2010-05-08";
    assert_eq!(id(&post, "/", &signed("us-east-1", "iam"), body).0, "iam:GenerateCredentialReport");
    let body = b"Action=DescribeSecurityGroups&Version=2016-11-15&MaxResults=1000";
    assert_eq!(
        id(&post, "/", &signed("eu-west-1", "ec2"), body),
        ("ec2:DescribeSecurityGroups".into(), "eu-west-1".into())
    );
    let mut h = signed("eu-west-1", "kms");
    h.insert("x-amz-target", HeaderValue::from_static("TrentService.ListKeys"));
    assert_eq!(id(&post, "/", &h, b"{}").0, "kms:ListKeys");
    assert_eq!(id(&get, "/2015-03-31/functions/f1/policy", &signed("us-east-1", "lambda"), b"").0, "lambda:GetPolicy");
    assert_eq!(id(&get, "/2015-03-31/functions/", &signed("us-east-1", "lambda"), b"").0, "lambda:ListFunctions");
    assert_eq!(
        id(&get, "/2021-10-31/functions/f1/url", &signed("us-east-1", "lambda"), b"").0,
        "lambda:GetFunctionUrlConfig"
    );
}

#[test]
fn random_rules_are_deterministic_and_near_their_rate() {
    use http::{HeaderMap, Method};
    let op = fault_proxy::identify(&Method::GET, &"/".parse().unwrap(), &HeaderMap::new(), b"Action=X");
    let rules = vec![Rule::any(Fault::Throttle).probability(0.3)];
    let fired = (0..10_000u64).filter(|fp| fault_proxy::decide(&rules, 7, &op, *fp, 1) == Fault::Throttle).count();
    assert!((2_700..3_300).contains(&fired), "{fired} of 10000");
    for fp in 0..100 {
        assert_eq!(fault_proxy::decide(&rules, 7, &op, fp, 1), fault_proxy::decide(&rules, 7, &op, fp, 1));
    }
    let capped = vec![Rule::any(Fault::Throttle).up_to_attempt(2)];
    assert_eq!(fault_proxy::decide(&capped, 0, &op, 1, 2), Fault::Throttle);
    assert_eq!(fault_proxy::decide(&capped, 0, &op, 1, 3), Fault::Pass);
    let other_op = vec![Rule::op("s3:GetBucketPolicy", Fault::AccessDenied)];
    assert_eq!(fault_proxy::decide(&other_op, 0, &op, 1, 1), Fault::Pass);
}
