//! Criterion benchmark of the attack-path graph: build it and run the five checks reading it (the three
//! `paths_*` checks and the two per-policy escalation checks) on accounts of N principals (users and
//! roles) and N other resources, N = 2,500, 5,000 and 10,000.
//!
//!     cargo bench -p argus-core --bench paths
//!
//! The account is the engine benchmarks' synthetic snapshot of N resources (`support/mod.rs`: buckets,
//! instances, functions, secrets, keys, databases; every tenth user holds iam:CreateAccessKey on `*`,
//! every tenth instance is exposed) with users added until users and roles number N; every fifth added
//! user may also assume roles, and every fiftieth may pass roles to Lambda. After each size it prints the
//! process's peak resident memory, to show how memory grows with N.

mod support;

use argus_core::checks;
use argus_core::engine::{evaluate, Config, Filter};
use argus_core::snapshot::{AuthorizationDetails, Fetched, InlinePolicy, PolicyDocument, Snapshot};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

fn account(n: usize) -> Snapshot {
    let mut s = support::snapshot(n);
    let Some(Fetched::Ok(details)) = s.iam.as_mut().map(|i| &mut i.authorization_details) else {
        unreachable!("the synthetic snapshot has IAM")
    };
    add_users(details, n);
    s
}

fn add_users(details: &mut AuthorizationDetails, n: usize) {
    let template = details.users[1].clone();
    let extra = n.saturating_sub(details.users.len() + details.roles.len());
    for i in 0..extra {
        let mut u = template.clone();
        u.name = format!("bench-extra-{i:07}");
        u.arn = format!("arn:aws:iam::{}:user/{}", support::ACCOUNT, u.name);
        let mut statements = vec![serde_json::json!(
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": format!("arn:aws:s3:::bench-{}/*", i % n)}
        )];
        if i % 5 == 0 {
            statements.push(serde_json::json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}));
        }
        if i % 50 == 0 {
            statements.push(serde_json::json!(
                {"Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}
            ));
        }
        let doc = serde_json::json!({"Version": "2012-10-17", "Statement": statements});
        u.inline_policies = vec![InlinePolicy { name: "inline".into(), document: PolicyDocument::from_value(&doc) }];
        details.users.push(u);
    }
}

fn peak_rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
        / 1024
}

fn paths(c: &mut Criterion) {
    let all = checks::all();
    let config = Config::default();
    let filter = Filter {
        checks: vec![
            "paths_principal_can_escalate_to_admin".into(),
            "paths_internet_to_sensitive_data".into(),
            "paths_any_account_to_admin".into(),
            "iam_policy_allows_privilege_escalation".into(),
            "iam_inline_policy_allows_privilege_escalation".into(),
        ],
        ..Filter::default()
    };
    let mut group = c.benchmark_group("paths");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for n in [2_500, 5_000, 10_000] {
        let snapshot = account(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{n}"), |b| {
            b.iter_with_large_drop(|| evaluate(black_box(&snapshot), &all, &filter, &config, support::now()))
        });
        let findings = evaluate(&snapshot, &all, &filter, &config, support::now());
        println!("paths/{n}: {} findings, peak RSS so far {} MiB", findings.len(), peak_rss_mib());
    }
    group.finish();
}

criterion_group!(benches, paths);
criterion_main!(benches);
