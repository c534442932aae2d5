//! Criterion benchmark: resource policies at AWS's size limits (a 20 KB bucket policy, a 32 KB key
//! policy) and a crafted 160 KB one, parsed and classified as the S3 and KMS checks do. Each document
//! is built so that comparing its Denies with its Allow compares long star patterns with each other.
//!
//!     cargo bench -p argus-core --bench policy_size

use argus_core::policy::{analyse_resource_policy, Policy};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

#[path = "support/crafted_policy.rs"]
mod crafted_policy;
use crafted_policy::crafted_policy;

const ACCOUNT: &str = "123456789012";

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
