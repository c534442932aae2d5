//! Fixture helpers for check tests: a minimal snapshot to mutate, and ways to run one check on it.

use crate::engine::{evaluate, Check, Config, Filter, Finding, Status};
use crate::snapshot::*;
use chrono::{DateTime, TimeZone, Utc};
use std::collections::BTreeMap;

pub const ACCOUNT: &str = "123456789012";
pub const REGION: &str = "us-east-1";

/// The fixed "now" of every fixture run.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).single().unwrap_or_default()
}

/// `days` before [`now`].
pub fn days_ago(days: i64) -> DateTime<Utc> {
    now() - chrono::Duration::days(days)
}

/// An account with every service collected and nothing in it.
pub fn snapshot() -> Snapshot {
    Snapshot {
        schema_version: SCHEMA_VERSION,
        argus_version: "test".into(),
        identity: Identity {
            account_id: ACCOUNT.into(),
            partition: "aws".into(),
            caller_arn: format!("arn:aws:iam::{ACCOUNT}:user/auditor"),
        },
        collection: CollectionInfo {
            started_at: now(),
            finished_at: now(),
            regions: vec![REGION.into()],
            services: [
                "iam",
                "s3",
                "ec2",
                "rds",
                "lambda",
                "secretsmanager",
                "kms",
                "cloudtrail",
                "efs",
                "cloudwatch",
                "sns",
                "ssm",
                "ecs",
                "guardduty",
                "securityhub",
                "config",
                "accessanalyzer",
                "macie",
                "inspector2",
                "elb",
                "backup",
                "organizations",
                "sqs",
                "ecr",
                "account",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            endpoint_url: None,
            api_calls: 0,
            retries: 0,
        },
        iam: Some(IamSnapshot {
            credential_report: Fetched::Ok(CredentialReport { generated_at: Some(now()), rows: vec![] }),
            password_policy: Fetched::Ok(None),
            account_summary: Fetched::Ok(BTreeMap::new()),
            virtual_mfa_devices: Fetched::Ok(vec![]),
            server_certificates: Fetched::Ok(vec![]),
            authorization_details: Fetched::Ok(AuthorizationDetails::default()),
            account_aliases: Fetched::Ok(vec![]),
            saml_providers: Fetched::Ok(vec![]),
            service_last_accessed: Fetched::Ok(vec![]),
        }),
        s3: Some(S3Snapshot {
            account_public_access_block: Fetched::Ok(None),
            buckets: Fetched::Ok(vec![]),
            access_points: Fetched::Ok(BTreeMap::new()),
            multi_region_access_points: Fetched::Ok(vec![]),
        }),
        organizations: Some(OrganizationsSnapshot::standalone()),
        account: Some(AccountSnapshot {
            security_contact: Fetched::Ok(None),
            billing_contact: Fetched::Ok(None),
            operations_contact: Fetched::Ok(None),
        }),
        regions: BTreeMap::from([(REGION.to_string(), region())]),
        errors: vec![],
    }
}

/// A region with every regional service collected and empty.
pub fn region() -> RegionSnapshot {
    RegionSnapshot {
        ec2: Some(Ec2Region {
            security_groups: Fetched::Ok(vec![]),
            network_interfaces: Fetched::Ok(vec![]),
            vpcs: Fetched::Ok(vec![]),
            flow_logs: Fetched::Ok(vec![]),
            network_acls: Fetched::Ok(vec![]),
            ebs_encryption_by_default: Fetched::Ok(true),
            volumes: Fetched::Ok(vec![]),
            snapshots: Fetched::Ok(vec![]),
            instances: Fetched::Ok(vec![]),
            vpc: VpcRegion {
                subnets: Fetched::Ok(vec![]),
                route_tables: Fetched::Ok(vec![]),
                peering_connections: Fetched::Ok(vec![]),
                endpoints: Fetched::Ok(vec![]),
                endpoint_services: Fetched::Ok(vec![]),
            },
            instance_user_data: Fetched::Ok(vec![]),
            launch_templates: Fetched::Ok(vec![]),
            elastic_ips: Fetched::Ok(vec![]),
            transit_gateways: Fetched::Ok(vec![]),
            vpn_connections: Fetched::Ok(vec![]),
            client_vpn_endpoints: Fetched::Ok(vec![]),
            image_block_public_access: Fetched::Ok("block-new-sharing".into()),
            snapshot_block_public_access: Fetched::Ok("block-all-sharing".into()),
            instance_metadata_defaults: Fetched::Ok(InstanceMetadataDefaults {
                http_tokens: Some("required".into()),
                http_endpoint: Some("enabled".into()),
            }),
            images: Fetched::Ok(vec![]),
            instance_images: Fetched::Ok(vec![]),
        }),
        rds: Some(RdsRegion {
            instances: Fetched::Ok(vec![]),
            clusters: Fetched::Ok(vec![]),
            snapshots: Fetched::Ok(vec![]),
            cluster_snapshots: Fetched::Ok(vec![]),
            parameter_groups: BTreeMap::new(),
            cluster_parameter_groups: BTreeMap::new(),
            certificates: None,
            event_subscriptions: Fetched::Ok(vec![]),
            // The version of `checks::rds::fixtures::instance`.
            available_engine_versions: Fetched::Ok(vec![RdsEngineVersion {
                engine: "postgres".into(),
                version: "16.3".into(),
            }]),
        }),
        lambda: Some(LambdaRegion { functions: Fetched::Ok(vec![]) }),
        secretsmanager: Some(SecretsManagerRegion { secrets: Fetched::Ok(vec![]) }),
        kms: Some(KmsRegion { keys: Fetched::Ok(vec![]) }),
        cloudtrail: Some(CloudTrailRegion { trails: Fetched::Ok(vec![]), event_lookups: None }),
        efs: Some(EfsRegion { file_systems: Fetched::Ok(vec![]) }),
        cloudwatch: Some(CloudWatchRegion { metric_filters: Fetched::Ok(vec![]), alarms: Fetched::Ok(vec![]) }),
        sns: Some(SnsRegion { topics: Fetched::Ok(vec![]), subscriptions: Fetched::Ok(vec![]) }),
        ssm: Some(SsmRegion {
            parameters: Fetched::Ok(vec![]),
            managed_instances: Fetched::Ok(vec![]),
            patch_compliance: Fetched::Ok(vec![]),
        }),
        ecs: Some(EcsRegion { task_definition_families: Fetched::Ok(vec![]), clusters: Fetched::Ok(vec![]) }),
        guardduty: Some(GuardDutyRegion { detectors: Fetched::Ok(vec![]) }),
        securityhub: Some(SecurityHubRegion { hub: Fetched::Ok(None) }),
        config: Some(ConfigRegion {
            recorders: Fetched::Ok(vec![]),
            recorder_statuses: Fetched::Ok(vec![]),
            delivery_channels: Fetched::Ok(vec![]),
        }),
        accessanalyzer: Some(AccessAnalyzerRegion { analyzers: Fetched::Ok(vec![]) }),
        macie: Some(MacieRegion { status: Fetched::Ok(None) }),
        inspector2: Some(Inspector2Region {
            account: Fetched::Ok(Inspector2Status { status: "DISABLED".into(), scans: BTreeMap::new() }),
        }),
        elb: Some(ElbRegion { load_balancers: Fetched::Ok(vec![]), classic_load_balancers: Fetched::Ok(vec![]) }),
        backup: Some(BackupRegion { plans: Fetched::Ok(vec![]), vaults: Fetched::Ok(vec![]) }),
        sqs: Some(SqsRegion { queues: Fetched::Ok(vec![]) }),
        ecr: Some(EcrRegion { repositories: Fetched::Ok(vec![]) }),
        role_runners: Some(RoleRunnersRegion {
            glue_dev_endpoints: Fetched::Ok(vec![]),
            sagemaker_notebooks: Fetched::Ok(vec![]),
            cloudformation_stacks: Fetched::Ok(vec![]),
        }),
    }
}

/// Mutable access to the fixture's IAM / S3 / default-region data.
pub fn iam(s: &mut Snapshot) -> &mut IamSnapshot {
    s.iam.get_or_insert_with(unreachable_iam)
}

fn unreachable_iam() -> IamSnapshot {
    match snapshot().iam {
        Some(i) => i,
        None => unreachable!("fixture snapshot always has IAM"),
    }
}

pub fn auth(s: &mut Snapshot) -> &mut AuthorizationDetails {
    match &mut iam(s).authorization_details {
        Fetched::Ok(d) => d,
        Fetched::Err(_) => panic!("fixture: authorization details replaced by an error"),
    }
}

pub fn buckets(s: &mut Snapshot) -> &mut Vec<Bucket> {
    match &mut s.s3.as_mut().expect("fixture has S3").buckets {
        Fetched::Ok(b) => b,
        Fetched::Err(_) => panic!("fixture: bucket list replaced by an error"),
    }
}

pub fn region_mut<'a>(s: &'a mut Snapshot, name: &str) -> &'a mut RegionSnapshot {
    if !s.collection.regions.iter().any(|r| r == name) {
        s.collection.regions.push(name.to_string());
    }
    s.regions.entry(name.to_string()).or_insert_with(region)
}

pub fn ec2(s: &mut Snapshot) -> &mut Ec2Region {
    region_mut(s, REGION).ec2.as_mut().expect("fixture has EC2")
}

/// Unwraps a fixture list (panics if a test replaced it with an error).
pub fn list<T>(f: &mut Fetched<Vec<T>>) -> &mut Vec<T> {
    match f {
        Fetched::Ok(v) => v,
        Fetched::Err(_) => panic!("fixture: list replaced by an error"),
    }
}

/// A collection error as the collector would record it.
pub fn denied(service: &str, operation: &str) -> CollectionError {
    CollectionError::from(CollectionErrorDetails {
        service: service.into(),
        region: Some(REGION.into()),
        operation: operation.into(),
        iam_action: format!("{service}:{operation}"),
        resource: None,
        kind: ErrorKind::AccessDenied,
        code: "AccessDenied".into(),
        message: "User is not authorized to perform this operation".into(),
    })
}

/// Runs one check over the snapshot with default thresholds.
pub fn run_check(check: Check, s: &Snapshot) -> Vec<Finding> {
    run_with(check, s, &Config::default())
}

pub fn run_with(check: Check, s: &Snapshot, config: &Config) -> Vec<Finding> {
    evaluate(s, &[check], &Filter::default(), config, now())
}

/// `(resource_id, status)` pairs, for compact assertions.
pub fn statuses(findings: &[Finding]) -> Vec<(String, Status)> {
    findings.iter().map(|f| (f.resource.id.to_string(), f.status)).collect()
}

/// The status of the single finding about `resource_id` (panics when there is not exactly one).
pub fn status_of(findings: &[Finding], resource_id: &str) -> Status {
    let matching: Vec<_> = findings.iter().filter(|f| f.resource.id == resource_id).collect();
    assert_eq!(matching.len(), 1, "expected one finding for {resource_id}, got {findings:#?}");
    matching[0].status
}

/// The message of the single finding about `resource_id`.
pub fn finding_message(findings: &[Finding], resource_id: &str) -> String {
    status_of(findings, resource_id);
    findings.iter().find(|f| f.resource.id == resource_id).map(|f| f.message.to_string()).unwrap_or_default()
}

/// A policy document fixture from JSON text.
pub fn doc(json: &str) -> PolicyDocument {
    PolicyDocument::from_json_text(json)
}

/// A bucket with every per-bucket read successful and nothing configured.
pub fn bucket(name: &str) -> Bucket {
    Bucket {
        name: name.into(),
        arn: format!("arn:aws:s3:::{name}").into(),
        region: REGION.into(),
        creation_date: Some(days_ago(100)),
        policy: Fetched::Ok(None),
        policy_status_is_public: Fetched::Ok(None),
        public_access_block: Fetched::Ok(None),
        acl: Fetched::Ok(BucketAcl { owner_id: Some("owner".into()), grants: vec![] }),
        object_ownership: Fetched::Ok(None),
        encryption: Fetched::Ok(None),
        versioning: Fetched::Ok(Versioning::default()),
        logging: Fetched::Ok(None),
        tags: Fetched::Ok(Tags::new()),
        object_lock: Fetched::Ok(None),
        lifecycle_rules: Fetched::Ok(vec![]),
        replication_rules: Fetched::Ok(vec![]),
        notifications: Fetched::Ok(EventNotifications::default()),
    }
}

/// A credential-report row for an IAM user with nothing enabled.
pub fn report_row(user: &str) -> CredentialReportRow {
    CredentialReportRow {
        user: user.into(),
        arn: if user == "<root_account>" {
            format!("arn:aws:iam::{ACCOUNT}:root")
        } else {
            format!("arn:aws:iam::{ACCOUNT}:user/{user}")
        },
        user_creation_time: Some(days_ago(400)),
        password_enabled: Some(false),
        ..Default::default()
    }
}

pub fn report_rows(s: &mut Snapshot) -> &mut Vec<CredentialReportRow> {
    match &mut iam(s).credential_report {
        Fetched::Ok(r) => &mut r.rows,
        Fetched::Err(_) => panic!("fixture: credential report replaced by an error"),
    }
}

/// A finding about the resource `resource` (its id and name; an S3-style ARN) for report, diff and
/// mutelist tests: severity high, message "<resource> is <status>", not muted. Struct update syntax
/// adjusts the rest.
pub fn finding_about(
    check: &str,
    service: &str,
    account: &str,
    region: &str,
    resource: &str,
    status: Status,
) -> Finding {
    Finding {
        source: std::sync::Arc::new(crate::engine::FindingSource {
            check_id: check.into(),
            severity: crate::engine::Severity::High,
            service: service.into(),
            account_id: account.into(),
            prowler: Default::default(),
        }),
        status,
        resource: std::sync::Arc::new(crate::engine::Resource {
            id: resource.into(),
            arn: format!("arn:aws:s3:::{resource}").into(),
            name: resource.into(),
            region: region.into(),
            tags: Default::default(),
        }),
        message: format!("{resource} is {status}").into(),
        muted: false,
        paths: None,
    }
}
