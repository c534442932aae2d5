//! A large account comes back complete: 1,000 buckets and 1,000 security groups (plus the default
//! groups) are all in the snapshot, with every per-bucket read done.

mod common;
mod support;

use common::{argus_ok, ok_list, read_json};
use support::Emulator;

#[test]
fn thousand_buckets_and_security_groups_are_collected_completely() {
    let em = Emulator::moto();
    // The benchmark's seeder, limited to buckets (a third with a policy) and security groups.
    em.seed(
        "bench/seed_scale.py",
        &[
            "--only",
            "buckets=1000,security_groups=1000",
            "--prefix",
            "argus-scale-",
            "--regions",
            "us-east-1,eu-west-1",
        ],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("snapshot.json");
    let out_s = out.to_string_lossy().to_string();
    // 4: a call failed (moto's GetBucketVersioning gap, checked below); 0: everything collected.
    let collected = argus_ok(
        &em,
        &[
            "collect",
            "--endpoint-url",
            &em.endpoint(),
            "--regions",
            "us-east-1,eu-west-1",
            "--services",
            "s3,ec2",
            "--output",
            &out_s,
        ],
        &[0, 4],
    );
    let snap = read_json(&out);
    let failed_calls = snap["errors"].as_array().is_some_and(|e| !e.is_empty());
    assert_eq!(collected.status.code(), Some(if failed_calls { 4 } else { 0 }), "collect's exit code and its errors");
    // A call failing for a thousand buckets is one warning line, not a thousand.
    let stderr = String::from_utf8_lossy(&collected.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("WARN")).collect();
    assert_eq!(warnings.len(), usize::from(failed_calls), "{stderr}");
    if failed_calls {
        assert!(warnings[0].contains("s3:GetBucketVersioning UnparseableResponse x1000"), "{}", warnings[0]);
    }
    let buckets = ok_list(&snap["s3"]["buckets"], "bucket list");
    let scale_buckets: Vec<_> =
        buckets.iter().filter(|b| b["name"].as_str().is_some_and(|n| n.starts_with("argus-scale-"))).collect();
    assert_eq!(scale_buckets.len(), 1000);
    for b in &scale_buckets {
        for field in ["policy", "public_access_block", "acl", "object_ownership", "encryption", "logging", "tags"] {
            assert!(b[field].get("ok").is_some(), "bucket {} {field} not collected: {}", b["name"], b[field]);
        }
    }
    let mut groups = 0;
    for region in ["us-east-1", "eu-west-1"] {
        let sgs = ok_list(&snap["regions"][region]["ec2"]["security_groups"], "security groups");
        let n = sgs.iter().filter(|g| g["name"].as_str().is_some_and(|n| n.starts_with("argus-scale-"))).count();
        assert_eq!(n, 500, "{region}: scale security groups");
        groups += n;
    }
    assert_eq!(groups, 1000);
    // Only the emulator's known gaps may be missing (scripts/moto-gaps.txt).
    for e in snap["errors"].as_array().expect("errors list") {
        assert!(support::is_moto_gap(e), "unexpected collection error: {e}");
    }
}
