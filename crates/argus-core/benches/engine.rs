//! Criterion benchmarks: the whole engine (every check) on synthetic snapshots of 10k, 100k and 1M
//! resources, IAM policy parsing, and what one finding costs the engine.
//!
//!     cargo bench -p argus-core --bench engine                  # everything
//!     cargo bench -p argus-core --bench engine -- evaluate/10k  # one size
//!     cargo bench -p argus-core --bench engine -- finding       # the cost of a finding
//!
//! The snapshot mix is described in `support/mod.rs`. Memory is measured by the `engine_memory` bench.

mod support;

use argus_core::checks;
use argus_core::engine::{evaluate, Check, CheckContext, Config, Filter, Findings};
use argus_core::policy::{PermissionSet, Policy};
use argus_core::snapshot::PolicyDocument;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

fn engine(c: &mut Criterion) {
    let all = checks::all();
    let config = Config::default();
    let filter = Filter::default();
    let mut group = c.benchmark_group("evaluate");
    group.sample_size(10);
    for (label, n) in [("10k", 10_000), ("100k", 100_000), ("1M", 1_000_000)] {
        let snapshot = support::snapshot(n);
        group.throughput(Throughput::Elements(n as u64));
        group.measurement_time(Duration::from_secs(match n {
            10_000 => 5,
            100_000 => 15,
            _ => 40,
        }));
        group.bench_function(label, |b| {
            b.iter_with_large_drop(|| evaluate(black_box(&snapshot), &all, &filter, &config, support::now()))
        });
    }
    group.finish();
}

fn policy_parsing(c: &mut Criterion) {
    let encoded = support::encoded_policies(1_000);
    let mut group = c.benchmark_group("policy");
    group.throughput(Throughput::Elements(encoded.len() as u64));
    // What the collector does with each IAM document: percent-decode and parse the JSON.
    group.bench_function("decode_json_1000x12stmt", |b| {
        b.iter(|| encoded.iter().map(|t| PolicyDocument::from_iam_encoded(black_box(t))).collect::<Vec<_>>())
    });
    // What a check does: the stored JSON text into the typed policy model.
    let docs: Vec<PolicyDocument> = encoded.iter().map(|t| PolicyDocument::from_iam_encoded(t)).collect();
    group.bench_function("typed_parse_1000x12stmt", |b| {
        b.iter(|| {
            docs.iter()
                .filter_map(|d| d.json.as_ref())
                .map(|v| Policy::parse_str(black_box(v.as_str())).map(|p| p.statements.len()).unwrap_or(0))
                .sum::<usize>()
        })
    });
    // Parsing plus one question a check asks of every policy (privilege escalation).
    let parsed: Vec<Policy> =
        docs.iter().filter_map(|d| d.json.as_ref()).filter_map(|v| Policy::parse_str(v.as_str()).ok()).collect();
    group.bench_function("escalation_1000x12stmt", |b| {
        b.iter_batched(
            || parsed.clone(),
            |policies| {
                policies
                    .into_iter()
                    .map(|p| argus_core::policy::detect_escalation(&PermissionSet::from_policy(&p)).len())
                    .sum::<usize>()
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// Findings one check emits in the `finding` benchmarks.
const FINDINGS: u64 = 100_000;

/// What the engine spends per finding beyond a check's own logic: storing it, sharing or storing its
/// message, joining it into the result. One check (standing in for a real id, so that the engine
/// runs it) judges the account resource `FINDINGS` times.
fn finding_cost(c: &mut Criterion) {
    fn constant_message(ctx: &CheckContext<'_>, out: &mut Findings) {
        let r = ctx.account_resource();
        for _ in 0..FINDINGS {
            out.pass(r.clone(), "Object versioning is enabled.");
        }
    }
    fn message_with_arguments(ctx: &CheckContext<'_>, out: &mut Findings) {
        let (r, subject) = (ctx.account_resource(), "TCP port 22 (SSH)");
        for _ in 0..FINDINGS {
            out.pass(r.clone(), format_args!("No ingress rule admits 0.0.0.0/0 or ::/0 to {subject}."));
        }
    }
    fn message_naming_its_resource(ctx: &CheckContext<'_>, out: &mut Findings) {
        let r = ctx.account_resource();
        for i in 0..FINDINGS {
            out.pass(r.clone(), format_args!("Function bench-fn-{i:07}'s execution role has no administrator access."));
        }
    }
    let snapshot = support::snapshot(100);
    let (config, filter) = (Config::default(), Filter::default());
    let mut group = c.benchmark_group("finding");
    group.throughput(Throughput::Elements(FINDINGS));
    for (label, run) in [
        ("constant_message", constant_message as fn(&CheckContext<'_>, &mut Findings)),
        ("message_with_arguments", message_with_arguments),
        ("message_naming_its_resource", message_naming_its_resource),
    ] {
        let check = [Check { id: "s3_bucket_object_versioning", run }];
        group.bench_function(label, |b| {
            b.iter_with_large_drop(|| evaluate(black_box(&snapshot), &check, &filter, &config, support::now()))
        });
    }
    group.finish();
}

criterion_group!(benches, engine, policy_parsing, finding_cost);
criterion_main!(benches);
