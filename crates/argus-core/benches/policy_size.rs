//! Criterion benchmark: resource policies at AWS's size limits (a 20 KB bucket policy, a 32 KB key
//! policy) and a crafted 160 KB one, parsed and classified as the S3 and KMS checks do. Each document
//! is built so that comparing its Denies with its Allow compares long star patterns with each other.
//!
//!     cargo bench -p argus-core --bench policy_size

use argus_core::policy::{analyse_resource_policy, Policy};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

const ACCOUNT: &str = "123456789012";

/// A resource policy of at most `limit` bytes, public to everyone, whose Denies to everyone each almost
/// (not quite) cover the Allow.
fn crafted_policy(service: &str, resource_head: &str, limit: usize) -> String {
    let document = |n: usize| {
        let long = |head: &str, unit: &str, tail: &str| format!("{head}{}{tail}", unit.repeat(n));
        format!(
            r#"{{"Version":"2012-10-17","Statement":[
{{"Sid":"Read","Effect":"Allow","Principal":"*","Action":["{service}:G*","{}"],"Resource":["{}"]}},
{{"Sid":"GuardActions","Effect":"Deny","Principal":"*","Action":["{}"],"Resource":"*"}},
{{"Sid":"GuardResources","Effect":"Deny","Principal":"*","Action":"{service}:*","Resource":["{}"]}},
{{"Sid":"Fence","Effect":"Deny","Principal":"*","Action":"{service}:*","NotResource":["{}"]}}]}}"#,
            long(&format!("{service}:G"), "e*", ""),
            long(resource_head, "a*", ""),
            long(&format!("{service}:G"), "e*", "x"),
            long(resource_head, "a*", "b"),
            long(resource_head, "?a*", "c"),
        )
    };
    let (empty, one) = (document(0).len(), document(1).len());
    document((limit - empty) / (one - empty))
}

fn maximum_size_policies(c: &mut Criterion) {
    let mut group = c.benchmark_group("policy_size");
    group.sample_size(10);
    for (label, service, head, limit) in [
        ("bucket_20KB", "s3", "arn:aws:s3:::b/", 20 * 1024),
        ("key_32KB", "kms", "arn:aws:kms:*:*:key/", 32 * 1024),
        ("crafted_160KB", "s3", "arn:aws:s3:::b/", 160 * 1024),
    ] {
        let text = crafted_policy(service, head, limit);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(label, |b| {
            b.iter(|| {
                let policy = Policy::parse_str(black_box(&text)).expect("a valid policy");
                analyse_resource_policy(&policy, ACCOUNT)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, maximum_size_policies);
criterion_main!(benches);
