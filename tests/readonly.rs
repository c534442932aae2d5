//! Invariant 1: argus only reads. A write through argus's own client configuration is refused before
//! it is serialised, and nothing reaches the emulator. (Remove the ReadOnlyGuard interceptor and these
//! tests fail: the writes succeed and the resources appear.)

mod support;

use argus::aws::{AwsContext, ConnectOptions};
use std::time::Duration;
use support::Emulator;

async fn connect(em: &Emulator) -> AwsContext {
    for (k, v) in em.aws_env() {
        std::env::set_var(k, v);
    }
    let opts = ConnectOptions {
        endpoint_url: Some(em.endpoint()),
        timeout: Duration::from_secs(20),
        max_attempts: 2,
        ..Default::default()
    };
    AwsContext::connect(&opts).await.expect("connect to moto").0
}

/// An unguarded client, standing in for anyone else writing to the account.
async fn raw_s3(em: &Emulator) -> aws_sdk_s3::Client {
    let conf = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(em.endpoint())
        .region(aws_config::Region::new("us-east-1"))
        .load()
        .await;
    aws_sdk_s3::Client::from_conf(aws_sdk_s3::config::Builder::from(&conf).force_path_style(true).build())
}

fn assert_refused<T: std::fmt::Debug, E: std::error::Error + 'static>(what: &str, r: Result<T, E>) {
    let err = r.expect_err(&format!("{what} must be refused, but it succeeded"));
    let text = argus::aws::errors::error_chain(&err);
    assert!(text.contains(argus::aws::readonly::REFUSAL_MARKER), "{what} failed for another reason: {text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_through_argus_clients_are_refused_and_never_sent() {
    let em = Emulator::moto();
    let ctx = connect(&em).await;
    let log_before = std::fs::read_to_string(em.log_path()).unwrap_or_default().lines().count();

    assert_refused("s3:CreateBucket", ctx.s3("us-east-1").create_bucket().bucket("argus-readonly-probe").send().await);
    assert_refused(
        "s3:PutBucketPolicy",
        ctx.s3("us-east-1").put_bucket_policy().bucket("argus-readonly-probe").policy("{}").send().await,
    );
    assert_refused("iam:CreateUser", ctx.iam().create_user().user_name("argus-readonly-probe").send().await);
    assert_refused(
        "ec2:CreateSecurityGroup",
        ctx.ec2("us-east-1").create_security_group().group_name("argus-readonly-probe").description("x").send().await,
    );
    assert_refused("kms:CreateKey", ctx.kms("us-east-1").create_key().send().await);
    assert_refused(
        "secretsmanager:GetSecretValue",
        ctx.secretsmanager("us-east-1").get_secret_value().secret_id("x").send().await,
    );
    assert_refused("lambda:DeleteFunction", ctx.lambda("us-east-1").delete_function().function_name("x").send().await);
    assert_refused(
        "rds:DeleteDBInstance",
        ctx.rds("us-east-1").delete_db_instance().db_instance_identifier("x").send().await,
    );
    assert_refused("cloudtrail:StopLogging", ctx.cloudtrail("us-east-1").stop_logging().name("x").send().await);
    assert_refused(
        "elasticloadbalancing:DeleteLoadBalancer",
        ctx.elbv2("us-east-1").delete_load_balancer().load_balancer_arn("x").send().await,
    );
    assert_refused(
        "elasticloadbalancing:DeleteLoadBalancer (classic)",
        ctx.elb("us-east-1").delete_load_balancer().load_balancer_name("x").send().await,
    );
    assert_refused(
        "wafv2:DisassociateWebACL",
        ctx.wafv2("us-east-1").disassociate_web_acl().resource_arn("x").send().await,
    );
    assert_refused(
        "backup:DeleteBackupVault",
        ctx.backup("us-east-1").delete_backup_vault().backup_vault_name("x").send().await,
    );
    assert_refused(
        "s3control:PutPublicAccessBlock",
        ctx.s3control("us-east-1")
            .put_public_access_block()
            .account_id(em.account_id())
            .public_access_block_configuration(
                aws_sdk_s3control::types::PublicAccessBlockConfiguration::builder().build(),
            )
            .send()
            .await,
    );
    // Reading a parameter's value is not a read argus makes: Parameter Store is audited from metadata.
    assert_refused(
        "ssm:GetParameter",
        ctx.ssm("us-east-1").get_parameter().name("/argus/x").with_decryption(true).send().await,
    );
    assert_refused("ssm:GetParameters", ctx.ssm("us-east-1").get_parameters().names("/argus/x").send().await);
    assert_refused(
        "ecs:DeregisterTaskDefinition",
        ctx.ecs("us-east-1").deregister_task_definition().task_definition("x:1").send().await,
    );
    assert_refused(
        "ec2:ModifyInstanceAttribute",
        ctx.ec2("us-east-1").modify_instance_attribute().instance_id("i-0").send().await,
    );
    assert_refused(
        "sts:AssumeRole via argus client",
        ctx.sts().assume_role().role_arn("arn:aws:iam::123456789012:role/x").role_session_name("x").send().await,
    );

    // Nothing reached the emulator: no request lines were logged for the refused calls...
    let log = std::fs::read_to_string(em.log_path()).unwrap_or_default();
    let new_lines: Vec<&str> = log.lines().skip(log_before).collect();
    assert!(new_lines.is_empty(), "refused calls reached the emulator:\n{}", new_lines.join("\n"));
    // ...and, asked by an unguarded client, the bucket does not exist.
    let buckets = raw_s3(&em).await.list_buckets().send().await.expect("list buckets");
    assert!(buckets.buckets().iter().all(|b| b.name() != Some("argus-readonly-probe")));
}

#[tokio::test(flavor = "multi_thread")]
async fn reads_through_argus_clients_work() {
    let em = Emulator::moto();
    let ctx = connect(&em).await;
    ctx.s3("us-east-1").list_buckets().send().await.expect("ListBuckets is allowed");
    ctx.ec2("us-east-1").describe_security_groups().send().await.expect("DescribeSecurityGroups is allowed");
    assert!(ctx.metrics().operations() >= 3, "STS + 2 reads counted");
}
