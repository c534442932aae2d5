//! Invariant 3 against an emulator: a reply that leaves a field out does not remove a resource from a
//! check. moto's DescribeKey has no KeyUsage for a key created without one (AWS's default usage).

mod common;
mod support;

use support::Emulator;

/// Unguarded KMS client, standing in for the account's owner.
async fn owner_kms(em: &Emulator) -> aws_sdk_kms::Client {
    let conf = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(em.endpoint())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_kms::config::Credentials::new("testing", "testing", None, None, "test"))
        .load()
        .await;
    aws_sdk_kms::Client::new(&conf)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_created_without_a_usage_is_judged_for_rotation() {
    let em = Emulator::moto();
    let kms = owner_kms(&em).await;
    let mut ids = Vec::new();
    for _ in 0..2 {
        let key = kms.create_key().send().await.expect("create key");
        let id = key.key_metadata().expect("key metadata").key_id().to_string();
        let described = kms.describe_key().key_id(&id).send().await.expect("describe key");
        let usage = described.key_metadata().and_then(|m| m.key_usage());
        assert!(usage.is_none(), "moto now reports KeyUsage {usage:?}: this test no longer covers an omitted field");
        ids.push(id);
    }
    let (plain, rotated) = (&ids[0], &ids[1]);
    kms.enable_key_rotation().key_id(rotated).send().await.expect("enable rotation");

    let out_dir = support::ReportDir::new();
    let dir = out_dir.path().to_string_lossy().to_string();
    let args = ["scan", "--endpoint-url", &em.endpoint(), "--services", "kms", "--regions", "us-east-1"];
    // 3 when the key without rotation fails as it should; 0 lets the assertions below say what is missing.
    common::argus_ok(&em, &[&args[..], &["--output-dir", &dir]].concat(), &[0, 3]);
    let file = common::read_json(&common::file_ending(out_dir.path(), ".findings.json"));
    let findings = file["findings"].as_array().cloned().unwrap_or_default();
    let status = |id: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["check_id"] == "kms_cmk_rotation_enabled" && f["resource_id"] == id)
            .map(|f| f["status"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(status(plain), ["FAIL"], "{findings:#?}");
    assert_eq!(status(rotated), ["PASS"], "{findings:#?}");
}
