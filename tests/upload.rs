//! `--output-dir s3://bucket/prefix`: the reports land in S3 with SSE-KMS, through an uploader that can
//! do nothing but PutObject (the audit clients stay read-only).

mod common;
mod support;

use argus::aws::ConnectOptions;
use argus::upload::Uploader;
use std::time::Duration;
use support::Emulator;

/// Unguarded clients, standing in for the bucket's owner.
async fn owner_clients(em: &Emulator) -> (aws_sdk_s3::Client, aws_sdk_kms::Client) {
    let conf = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(em.endpoint())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_s3::config::Credentials::new("testing", "testing", None, None, "test"))
        .load()
        .await;
    (
        aws_sdk_s3::Client::from_conf(aws_sdk_s3::config::Builder::from(&conf).force_path_style(true).build()),
        aws_sdk_kms::Client::new(&conf),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn reports_are_uploaded_with_sse_kms() {
    let em = Emulator::moto();
    let (s3, kms) = owner_clients(&em).await;
    s3.create_bucket().bucket("argus-reports").send().await.expect("create bucket");
    let key = kms.create_key().send().await.expect("create key");
    let key_arn = key.key_metadata().and_then(|m| m.arn()).expect("key arn").to_string();

    let endpoint = em.endpoint();
    let em_env = em.aws_env();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_argus"))
            .args([
                "scan",
                "--endpoint-url",
                &endpoint,
                "--services",
                "iam",
                "--regions",
                "us-east-1",
                "--output-dir",
                "s3://argus-reports/daily/run-1/",
                "--sse-kms-key-id",
                &key_arn,
                "--output-formats",
                "csv",
                "--quiet",
            ])
            .envs(em_env)
            .env_remove("RUST_LOG")
            .output()
            .expect("run argus")
    })
    .await
    .expect("join");
    let code = out.status.code();
    assert!(matches!(code, Some(0) | Some(3) | Some(4)), "scan failed: {}", String::from_utf8_lossy(&out.stderr));

    let listed = s3.list_objects_v2().bucket("argus-reports").prefix("daily/run-1/").send().await.expect("list");
    let keys: Vec<String> = listed.contents().iter().filter_map(|o| o.key().map(str::to_string)).collect();
    for suffix in [".snapshot.json", ".findings.json", ".csv", ".compliance.json"] {
        assert!(keys.iter().any(|k| k.ends_with(suffix)), "no *{suffix} uploaded: {keys:?}");
    }
    for k in &keys {
        let head = s3.head_object().bucket("argus-reports").key(k).send().await.expect("head");
        assert_eq!(head.server_side_encryption().map(|s| s.as_str()), Some("aws:kms"), "{k} is not SSE-KMS");
        let used = head.ssekms_key_id().unwrap_or_default();
        let key_id = key.key_metadata().map(|m| m.key_id()).unwrap_or("?");
        assert!(used.contains(key_id), "{k} used key {used}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_uploader_can_only_put_objects() {
    let em = Emulator::moto();
    let (s3, _) = owner_clients(&em).await;
    s3.create_bucket().bucket("argus-reports").send().await.expect("create bucket");
    s3.put_object().bucket("argus-reports").key("keep.txt").body(b"x".to_vec().into()).send().await.expect("put");
    for (k, v) in em.aws_env() {
        std::env::set_var(k, v);
    }
    let opts = ConnectOptions {
        endpoint_url: Some(em.endpoint()),
        timeout: Duration::from_secs(20),
        max_attempts: 2,
        ..Default::default()
    };
    let uploader = Uploader::new(&opts, None).await;
    let c = uploader.client();
    let refused = |r: Result<(), String>, what: &str| {
        let e = r.expect_err(&format!("{what} must be refused"));
        assert!(e.contains("upload guard refused"), "{what} failed for another reason: {e}");
    };
    let chain = |e: &(dyn std::error::Error + 'static)| argus::aws::errors::error_chain(e);
    refused(
        c.list_objects_v2().bucket("argus-reports").send().await.map(|_| ()).map_err(|e| chain(&e)),
        "ListObjectsV2",
    );
    refused(
        c.get_object().bucket("argus-reports").key("keep.txt").send().await.map(|_| ()).map_err(|e| chain(&e)),
        "GetObject",
    );
    refused(
        c.delete_object().bucket("argus-reports").key("keep.txt").send().await.map(|_| ()).map_err(|e| chain(&e)),
        "DeleteObject",
    );
    refused(c.delete_bucket().bucket("argus-reports").send().await.map(|_| ()).map_err(|e| chain(&e)), "DeleteBucket");
    // The object is still there, and PutObject itself works.
    s3.head_object().bucket("argus-reports").key("keep.txt").send().await.expect("keep.txt survived");
    let dir = support::ReportDir::new();
    std::fs::write(dir.path().join("a.json"), "{}").expect("write");
    let dest = argus::upload::S3Destination::parse(std::path::Path::new("s3://argus-reports/p")).unwrap().unwrap();
    let keys = uploader.upload_dir(dir.path(), &dest).await.expect("upload");
    assert_eq!(keys, vec!["p/a.json".to_string()]);
}
