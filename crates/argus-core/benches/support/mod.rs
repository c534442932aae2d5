//! Synthetic snapshots for the engine benchmarks: N resources of eleven kinds across two regions.
//!
//! Per 100 resources: 25 S3 buckets (every third with a 3-statement bucket policy), 20 security groups
//! (12 ingress rules and 1 egress rule each), 10 EC2 instances, 10 EBS volumes, 8 Lambda functions
//! (environment facts, every fourth with a resource policy), 7 secrets, 5 KMS keys (with key policies),
//! 5 IAM roles (trust policy, an attached customer policy and a 4-statement inline policy), 4 IAM users
//! (credential-report row, a 3-statement inline policy) and 3 customer managed policies of 12 statements
//! each, and 3 RDS instances. Every tenth resource of a kind carries a deliberate weakness, so FAIL paths run too.
//! Deterministic: the same N gives the same snapshot.

#![allow(dead_code)]

// The allocator the argus binary ships with (src/main.rs), so that the figures are the binary's.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use argus_core::snapshot::*;
use chrono::{DateTime, TimeZone, Utc};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const ACCOUNT: &str = "123456789012";
pub const REGIONS: [&str; 2] = ["us-east-1", "eu-west-1"];

/// The fixed "now" of every benchmark run.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).single().unwrap_or_default()
}

fn days_ago(days: i64) -> Option<DateTime<Utc>> {
    Some(now() - chrono::Duration::days(days))
}

/// How many of each kind N resources hold (the remainder of the rounding goes to buckets).
#[derive(Debug, Clone, Copy, Default)]
pub struct Mix {
    pub buckets: usize,
    pub security_groups: usize,
    pub instances: usize,
    pub volumes: usize,
    pub functions: usize,
    pub secrets: usize,
    pub keys: usize,
    pub roles: usize,
    pub users: usize,
    pub policies: usize,
    pub db_instances: usize,
}

impl Mix {
    pub fn for_total(n: usize) -> Mix {
        let share = |pct: usize| n * pct / 100;
        let mut m = Mix {
            buckets: share(25),
            security_groups: share(20),
            instances: share(10),
            volumes: share(10),
            functions: share(8),
            secrets: share(7),
            keys: share(5),
            roles: share(5),
            users: share(4),
            policies: share(3),
            db_instances: share(3),
        };
        m.buckets += n - m.total();
        m
    }

    pub fn total(&self) -> usize {
        self.buckets
            + self.security_groups
            + self.instances
            + self.volumes
            + self.functions
            + self.secrets
            + self.keys
            + self.roles
            + self.users
            + self.policies
            + self.db_instances
    }
}

fn doc(v: Value) -> PolicyDocument {
    PolicyDocument::from_value(&v)
}

fn region_of(i: usize) -> &'static str {
    REGIONS[i % REGIONS.len()]
}

/// Splits `n` items round-robin over the regions: the indices that land in region `r`.
fn indices(n: usize, r: usize) -> impl Iterator<Item = usize> {
    (r..n).step_by(REGIONS.len())
}

fn tags(i: usize) -> Tags {
    Tags::from([("team".to_string(), format!("t{}", i % 7)), ("env".to_string(), "prod".to_string())])
}

fn customer_policy_document(i: usize) -> Value {
    const SERVICES: [&str; 8] = ["s3", "ec2", "dynamodb", "sqs", "sns", "logs", "kms", "lambda"];
    let mut statements: Vec<Value> = (0..11)
        .map(|j| {
            let svc = SERVICES[(i + j) % SERVICES.len()];
            json!({
                "Sid": format!("S{j}"),
                "Effect": "Allow",
                "Action": [format!("{svc}:Get*"), format!("{svc}:List*"), format!("{svc}:Describe*")],
                "Resource": [format!("arn:aws:{svc}:*:{ACCOUNT}:bench-{i}-{j}"), format!("arn:aws:{svc}:*:{ACCOUNT}:bench-{i}-{j}/*")],
                "Condition": {"StringEquals": {"aws:PrincipalTag/team": format!("t{}", i % 7)}}
            })
        })
        .collect();
    statements.push(match i % 10 {
        0 => json!({"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}),
        5 => json!({"Sid": "Esc", "Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "*"}),
        _ => json!({"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}),
    });
    json!({"Version": "2012-10-17", "Statement": statements})
}

fn policy_arn(i: usize) -> String {
    format!("arn:aws:iam::{ACCOUNT}:policy/bench-policy-{i:07}")
}

fn managed_policies(m: &Mix) -> Vec<ManagedPolicy> {
    let mut list: Vec<ManagedPolicy> = (0..m.policies)
        .map(|i| ManagedPolicy {
            name: format!("bench-policy-{i:07}"),
            id: format!("ANPA{i:017}"),
            arn: policy_arn(i),
            path: "/".into(),
            attachment_count: 0,
            permissions_boundary_usage_count: 0,
            is_attachable: true,
            default_version_id: Some("v1".into()),
            document: Some(doc(customer_policy_document(i))),
            other_versions: Fetched::Ok(vec![]),
        })
        .collect();
    list.push(ManagedPolicy {
        name: "AdministratorAccess".into(),
        id: "ANPAIWMBCKSKIEE64ZLYK".into(),
        arn: "arn:aws:iam::aws:policy/AdministratorAccess".into(),
        path: "/".into(),
        attachment_count: 0,
        permissions_boundary_usage_count: 0,
        is_attachable: true,
        default_version_id: Some("v1".into()),
        document: Some(doc(
            json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
        )),
        other_versions: Fetched::Ok(vec![]),
    });
    list
}

fn inline(name: &str, v: Value) -> InlinePolicy {
    InlinePolicy { name: name.into(), document: doc(v) }
}

fn users(m: &Mix) -> (Vec<User>, Vec<CredentialReportRow>) {
    let users = (0..m.users)
        .map(|i| User {
            name: format!("bench-user-{i:07}"),
            id: format!("AIDA{i:017}"),
            arn: format!("arn:aws:iam::{ACCOUNT}:user/bench-user-{i:07}"),
            path: "/".into(),
            create_date: days_ago(400),
            groups: vec![],
            attached_policies: vec![],
            inline_policies: vec![inline(
                "inline",
                json!({"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": format!("arn:aws:s3:::bench-{i}/*")},
                    {"Effect": "Allow", "Action": if i % 10 == 0 { "iam:CreateAccessKey" } else { "sqs:SendMessage" }, "Resource": "*"},
                    {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}
                ]}),
            )],
            permissions_boundary: None,
            tags: tags(i),
        })
        .collect();
    let mut rows: Vec<CredentialReportRow> = (0..m.users)
        .map(|i| {
            let mut row = CredentialReportRow {
                user: format!("bench-user-{i:07}"),
                arn: format!("arn:aws:iam::{ACCOUNT}:user/bench-user-{i:07}"),
                user_creation_time: days_ago(400),
                password_enabled: Some(i % 3 == 0),
                password_last_used: if i % 3 == 0 { days_ago((i % 100) as i64) } else { None },
                mfa_active: i % 10 != 0,
                ..Default::default()
            };
            if i % 4 == 0 {
                row.access_keys[0] = AccessKeyInfo {
                    active: true,
                    last_rotated: days_ago((i % 200) as i64),
                    last_used_date: days_ago((i % 60) as i64),
                    last_used_region: Some("us-east-1".into()),
                    last_used_service: Some("s3".into()),
                };
            }
            row
        })
        .collect();
    rows.push(CredentialReportRow {
        user: "<root_account>".into(),
        arn: format!("arn:aws:iam::{ACCOUNT}:root"),
        user_creation_time: days_ago(1000),
        password_enabled: Some(true),
        mfa_active: true,
        ..Default::default()
    });
    (users, rows)
}

fn roles(m: &Mix) -> Vec<Role> {
    (0..m.roles)
        .map(|i| {
            let trust = match i % 3 {
                0 => json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}),
                1 => json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "sts:AssumeRole",
                    "Condition": if i % 2 == 0 { json!({"StringEquals": {"sts:ExternalId": "x"}}) } else { json!({}) }}]}),
                _ => json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}),
            };
            let mut attached = Vec::new();
            if m.policies > 0 {
                let p = i % m.policies;
                attached.push(AttachedPolicy { name: format!("bench-policy-{p:07}"), arn: policy_arn(p) });
            }
            if i % 50 == 0 {
                attached.push(AttachedPolicy {
                    name: "AdministratorAccess".into(),
                    arn: "arn:aws:iam::aws:policy/AdministratorAccess".into(),
                });
            }
            Role {
                name: format!("bench-role-{i:07}"),
                id: format!("AROA{i:017}"),
                arn: format!("arn:aws:iam::{ACCOUNT}:role/bench-role-{i:07}"),
                path: "/".into(),
                create_date: days_ago(300),
                trust_policy: Some(doc(trust)),
                attached_policies: attached,
                inline_policies: vec![inline(
                    "inline",
                    json!({"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"},
                        {"Effect": "Allow", "Action": "s3:*", "Resource": if i % 10 == 3 { json!("*") } else { json!(format!("arn:aws:s3:::bench-{i}/*")) }},
                        {"Effect": "Allow", "Action": "dynamodb:Query", "Resource": format!("arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/t{i}")},
                        {"Effect": "Deny", "NotAction": ["s3:*", "logs:*", "dynamodb:*"], "Resource": "*"}
                    ]}),
                )],
                permissions_boundary: None,
                last_used: days_ago((i % 30) as i64),
                last_used_region: Some("us-east-1".into()),
                instance_profiles: vec![],
                tags: tags(i),
            }
        })
        .collect()
}

fn bucket(i: usize) -> Bucket {
    let name = format!("bench-bucket-{i:07}");
    let policy = (i % 3 == 0).then(|| {
        let principal = if i % 30 == 0 { json!("*") } else { json!({"AWS": format!("arn:aws:iam::{ACCOUNT}:root")}) };
        doc(json!({"Version": "2012-10-17", "Statement": [
            {"Sid": "Read", "Effect": "Allow", "Principal": principal, "Action": "s3:GetObject", "Resource": format!("arn:aws:s3:::{name}/*")},
            {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": ["s3:GetObject", "s3:ListBucket"],
             "Resource": [format!("arn:aws:s3:::{name}"), format!("arn:aws:s3:::{name}/*")], "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}},
            {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [format!("arn:aws:s3:::{name}"), format!("arn:aws:s3:::{name}/*")],
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
        ]}))
    });
    Bucket {
        arn: format!("arn:aws:s3:::{name}").into(),
        region: region_of(i).into(),
        creation_date: days_ago(100),
        policy: Fetched::Ok(policy),
        policy_status_is_public: Fetched::Ok(Some(i % 30 == 0)),
        public_access_block: Fetched::Ok((i % 10 != 0).then_some(PublicAccessBlock {
            block_public_acls: true,
            ignore_public_acls: true,
            block_public_policy: true,
            restrict_public_buckets: true,
        })),
        acl: Fetched::Ok(BucketAcl {
            owner_id: Some("owner".into()),
            grants: vec![AclGrant {
                grantee_type: "CanonicalUser".into(),
                grantee_id: Some("owner".into()),
                grantee_uri: None,
                permission: "FULL_CONTROL".into(),
            }],
        }),
        object_ownership: Fetched::Ok(Some("BucketOwnerEnforced".into())),
        encryption: Fetched::Ok(Some(BucketEncryption {
            algorithm: if i % 2 == 0 { "aws:kms" } else { "AES256" }.into(),
            kms_key_id: None,
            bucket_key_enabled: i % 2 == 0,
        })),
        versioning: Fetched::Ok(Versioning { status: Some("Enabled".into()), mfa_delete: None }),
        logging: Fetched::Ok(None),
        tags: Fetched::Ok(tags(i)),
        object_lock: Fetched::Ok((i % 4 == 0).then_some(ObjectLock { enabled: true, default_retention: None })),
        lifecycle_rules: Fetched::Ok(if i % 2 == 0 {
            vec![LifecycleRule { id: Some("expire".into()), status: "Enabled".into() }]
        } else {
            vec![]
        }),
        replication_rules: Fetched::Ok(if i % 5 == 0 {
            vec![ReplicationRule {
                id: Some("dr".into()),
                status: "Enabled".into(),
                destination_bucket: format!("arn:aws:s3:::bench-bucket-{:07}", i + 1),
                destination_account: None,
            }]
        } else {
            vec![]
        }),
        notifications: Fetched::Ok(EventNotifications { eventbridge: i % 3 == 0, ..Default::default() }),
        name: name.into(),
    }
}

fn sg_rule(cidr: &str, protocol: &str, from: i32, to: i32) -> SecurityGroupRule {
    SecurityGroupRule {
        protocol: protocol.into(),
        from_port: Some(from),
        to_port: Some(to),
        ipv4_ranges: vec![cidr.into()],
        ipv6_ranges: vec![],
        prefix_list_ids: vec![],
        referenced_groups: vec![],
    }
}

fn security_group(i: usize, vpc: &str) -> SecurityGroup {
    let mut ingress: Vec<SecurityGroupRule> = (0..11)
        .map(|j| {
            let port = 1000 + ((i * 13 + j * 7) % 60000) as i32;
            sg_rule(&format!("10.{}.{}.0/24", j, i % 250), "tcp", port, port + (j as i32 % 3))
        })
        .collect();
    ingress.push(match i % 10 {
        0 => sg_rule("0.0.0.0/0", "tcp", 22, 22),
        5 => sg_rule("0.0.0.0/0", "tcp", 5432, 5432),
        _ => sg_rule("192.168.0.0/16", "udp", 53, 53),
    });
    SecurityGroup {
        id: format!("sg-{i:017x}").into(),
        name: if i < REGIONS.len() { "default".into() } else { format!("bench-sg-{i:07}").into() },
        description: format!("bench group {i}"),
        vpc_id: Some(vpc.into()),
        owner_id: Some(ACCOUNT.into()),
        ingress,
        egress: vec![sg_rule("0.0.0.0/0", "-1", -1, -1)],
        tags: tags(i),
    }
}

fn instance(i: usize, vpc: &str, m: &Mix) -> Instance {
    Instance {
        id: format!("i-{i:017x}"),
        state: Some("running".into()),
        public_ip: (i % 10 == 0).then(|| format!("54.0.{}.{}", (i / 250) % 250, i % 250)),
        metadata_http_tokens: Some(if i % 10 == 0 { "optional" } else { "required" }.into()),
        metadata_http_endpoint: Some("enabled".into()),
        instance_profile_arn: (i % 2 == 0).then(|| format!("arn:aws:iam::{ACCOUNT}:instance-profile/p{i}")),
        security_group_ids: if m.security_groups > 0 {
            vec![format!("sg-{:017x}", i % m.security_groups)]
        } else {
            vec![]
        },
        vpc_id: Some(vpc.into()),
        subnet_id: Some("subnet-1".into()),
        launch_time: days_ago(20),
        tags: tags(i),
        virtualization_type: Some("hvm".into()),
        state_transition_reason: Some(String::new()),
        monitoring_state: Some(if i % 4 == 0 { "enabled" } else { "disabled" }.into()),
        enclave_enabled: Some(i % 50 == 0),
        image_id: Some("ami-0a1b2c3d4e5f60001".into()),
    }
}

fn volume(i: usize) -> Volume {
    Volume {
        id: format!("vol-{i:017x}"),
        encrypted: i % 10 != 0,
        kms_key_id: None,
        size_gib: Some(8),
        state: Some("in-use".into()),
        attached_instances: vec![format!("i-{i:017x}")],
        tags: tags(i),
    }
}

fn function(i: usize, m: &Mix) -> Function {
    let region = region_of(i);
    let name = format!("bench-fn-{i:07}");
    let mut environment = vec![EnvVarFacts {
        name: "LOG_LEVEL".into(),
        length: 4,
        entropy: 2.0,
        detectors: vec![],
        is_reference: false,
        value_ignored: false,
        masked_preview: "in**".into(),
    }];
    if i % 10 == 0 {
        environment.push(EnvVarFacts {
            name: "API_TOKEN".into(),
            length: 40,
            entropy: 5.1,
            detectors: vec!["github_token".into()],
            is_reference: false,
            value_ignored: false,
            masked_preview: "ghp_****".into(),
        });
    }
    let policy = (i % 4 == 0).then(|| {
        let principal = if i % 40 == 0 { json!("*") } else { json!({"Service": "s3.amazonaws.com"}) };
        doc(json!({"Version": "2012-10-17", "Statement": [{"Sid": "Invoke", "Effect": "Allow", "Principal": principal,
            "Action": "lambda:InvokeFunction", "Resource": format!("arn:aws:lambda:{region}:{ACCOUNT}:function:{name}"),
            "Condition": {"StringEquals": {"AWS:SourceAccount": ACCOUNT}}}]}))
    });
    Function {
        arn: format!("arn:aws:lambda:{region}:{ACCOUNT}:function:{name}"),
        runtime: Some(if i % 5 == 0 { "python3.8" } else { "python3.12" }.into()),
        role: (m.roles > 0).then(|| format!("arn:aws:iam::{ACCOUNT}:role/bench-role-{:07}", i % m.roles)),
        package_type: Some("Zip".into()),
        last_modified: Some("2026-05-01T00:00:00.000+0000".into()),
        vpc: None,
        environment,
        url_config: Fetched::Ok(None),
        policy: Fetched::Ok(policy),
        settings: Some(FunctionSettings::default()),
        name,
    }
}

fn secret(i: usize) -> Secret {
    let region = region_of(i);
    Secret {
        name: format!("bench-secret-{i:07}"),
        arn: format!("arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:bench-secret-{i:07}-AbCdEf"),
        kms_key_id: None,
        rotation_enabled: i % 2 == 0,
        rotation_interval_days: (i % 2 == 0).then_some(30),
        created: days_ago(200),
        last_rotated: (i % 2 == 0).then(|| now() - chrono::Duration::days((i % 120) as i64)),
        next_rotation: (i % 2 == 0).then(|| now() + chrono::Duration::days(30 - (i % 120) as i64)),
        last_changed: days_ago(20),
        last_accessed: days_ago((i % 150) as i64),
        deleted: None,
        tags: tags(i),
        policy: Fetched::Ok(None),
    }
}

fn key(i: usize) -> KmsKey {
    let region = region_of(i);
    let id = format!("{i:08x}-0000-4000-8000-000000000000");
    let mut statements = vec![
        json!({"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{ACCOUNT}:root")}, "Action": "kms:*", "Resource": "*"}),
    ];
    if i % 10 == 0 {
        statements.push(json!({"Sid": "Anyone", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt"], "Resource": "*"}));
    }
    KmsKey {
        arn: format!("arn:aws:kms:{region}:{ACCOUNT}:key/{id}"),
        aliases: vec![format!("alias/bench-key-{i:07}")],
        metadata: Fetched::Ok(KmsKeyMetadata {
            manager: "CUSTOMER".into(),
            state: "Enabled".into(),
            spec: "SYMMETRIC_DEFAULT".into(),
            usage: "ENCRYPT_DECRYPT".into(),
            origin: Some("AWS_KMS".into()),
            created: days_ago(100),
            deletion_date: None,
            description: Some(format!("bench key {i}")),
            multi_region: Some(i % 20 == 0),
        }),
        rotation_enabled: Some(Fetched::Ok(i % 2 == 0)),
        policy: Some(Fetched::Ok(doc(json!({"Version": "2012-10-17", "Statement": statements})))),
        id,
    }
}

fn db_instance(i: usize, vpc: &str) -> DbInstance {
    let region = region_of(i);
    DbInstance {
        id: format!("bench-db-{i:07}"),
        arn: format!("arn:aws:rds:{region}:{ACCOUNT}:db:bench-db-{i:07}"),
        engine: "postgres".into(),
        engine_version: Some("16.3".into()),
        instance_class: Some("db.t3.micro".into()),
        status: Some("available".into()),
        publicly_accessible: Some(i % 10 == 0),
        storage_encrypted: i % 10 != 0,
        kms_key_id: None,
        backup_retention_period: 7,
        deletion_protection: i % 2 == 0,
        auto_minor_version_upgrade: true,
        multi_az: i % 2 == 0,
        iam_database_authentication_enabled: false,
        vpc_id: Some(vpc.into()),
        vpc_security_group_ids: vec![format!("sg-{:017x}", i)],
        endpoint_port: Some(5432),
        cluster_id: None,
        created: days_ago(100),
        tags: tags(i),
        parameter_groups: vec!["default.postgres16".into()],
        ca_certificate_identifier: Some("rds-ca-rsa2048-g1".into()),
        certificate_valid_till: days_ago(-300),
        monitoring_interval: Some(if i % 2 == 0 { 60 } else { 0 }),
        enabled_cloudwatch_logs_exports: Some(if i % 3 == 0 { vec![] } else { vec!["postgresql".into()] }),
        copy_tags_to_snapshot: Some(i % 2 == 0),
        master_username: Some(if i % 5 == 0 { "postgres" } else { "app" }.into()),
        engine_lifecycle_support: Some(if i % 7 == 0 { "open-source-rds-extended-support" } else { "" }.into()),
    }
}

fn region_snapshot(m: &Mix, r: usize) -> RegionSnapshot {
    let vpc = format!("vpc-{r:08x}");
    RegionSnapshot {
        ec2: Some(Ec2Region {
            security_groups: Fetched::Ok(indices(m.security_groups, r).map(|i| security_group(i, &vpc)).collect()),
            network_interfaces: Fetched::Ok(vec![]),
            vpcs: Fetched::Ok(vec![Vpc {
                id: vpc.clone(),
                is_default: true,
                cidr_block: Some("172.31.0.0/16".into()),
                tags: Tags::new(),
            }]),
            flow_logs: Fetched::Ok(vec![]),
            network_acls: Fetched::Ok(vec![NetworkAcl {
                id: format!("acl-{r:08x}"),
                vpc_id: Some(vpc.clone()),
                is_default: true,
                entries: vec![NetworkAclEntry {
                    rule_number: 100,
                    protocol: "-1".into(),
                    rule_action: "allow".into(),
                    egress: false,
                    cidr_block: Some("0.0.0.0/0".into()),
                    ipv6_cidr_block: None,
                    port_from: None,
                    port_to: None,
                }],
                subnet_ids: vec![],
                tags: Tags::new(),
            }]),
            ebs_encryption_by_default: Fetched::Ok(r == 0),
            volumes: Fetched::Ok(indices(m.volumes, r).map(volume).collect()),
            snapshots: Fetched::Ok(vec![]),
            instances: Fetched::Ok(indices(m.instances, r).map(|i| instance(i, &vpc, m)).collect()),
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
            instances: Fetched::Ok(indices(m.db_instances, r).map(|i| db_instance(i, &vpc)).collect()),
            clusters: Fetched::Ok(vec![]),
            snapshots: Fetched::Ok(vec![]),
            cluster_snapshots: Fetched::Ok(vec![]),
            parameter_groups: BTreeMap::new(),
            cluster_parameter_groups: BTreeMap::new(),
            certificates: None,
            event_subscriptions: Fetched::Ok(vec![]),
            available_engine_versions: Fetched::Ok(vec![RdsEngineVersion {
                engine: "postgres".into(),
                version: "16.3".into(),
            }]),
        }),
        lambda: Some(LambdaRegion {
            functions: Fetched::Ok(indices(m.functions, r).map(|i| function(i, m)).collect()),
        }),
        secretsmanager: Some(SecretsManagerRegion {
            secrets: Fetched::Ok(indices(m.secrets, r).map(secret).collect()),
        }),
        kms: Some(KmsRegion { keys: Fetched::Ok(indices(m.keys, r).map(key).collect()) }),
        cloudtrail: Some(CloudTrailRegion {
            trails: Fetched::Ok(vec![Trail {
                name: format!("trail-{}", REGIONS[r]),
                arn: format!("arn:aws:cloudtrail:{}:{ACCOUNT}:trail/trail-{}", REGIONS[r], REGIONS[r]),
                home_region: REGIONS[r].into(),
                is_multi_region: r == 0,
                is_organization_trail: false,
                log_file_validation_enabled: true,
                kms_key_id: None,
                s3_bucket_name: Some("bench-bucket-0000000".into()),
                is_logging: Fetched::Ok(true),
                cloudwatch_logs_log_group_arn: None,
                latest_cloudwatch_logs_delivery: None,
                latest_cloudwatch_logs_delivery_error: None,
                event_selectors: None,
                insight_selectors: Fetched::Ok(vec![]),
            }]),
            event_lookups: None,
        }),
        efs: Some(EfsRegion { file_systems: Fetched::Ok(vec![]) }),
        cloudwatch: None,
        sns: None,
        ssm: None,
        ecs: None,
        elb: None,
        backup: None,
        sqs: None,
        ecr: None,
        role_runners: None,
        // The detective services hold a few switches per region, no resources: nothing to scale.
        ..Default::default()
    }
}

/// A snapshot of about `n` resources (exactly [`Mix::for_total`]`(n).total()`).
pub fn snapshot(n: usize) -> Snapshot {
    let m = Mix::for_total(n);
    let (users, rows) = users(&m);
    let mut details = AuthorizationDetails { users, groups: vec![], roles: roles(&m), policies: managed_policies(&m) };
    // Attachment counts as the collector computes them.
    let mut counts: BTreeMap<&str, i32> = BTreeMap::new();
    for r in &details.roles {
        for a in &r.attached_policies {
            *counts.entry(a.arn.as_str()).or_default() += 1;
        }
    }
    let counts: BTreeMap<String, i32> = counts.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    for p in &mut details.policies {
        p.attachment_count = counts.get(&p.arn).copied().unwrap_or(0);
    }
    Snapshot {
        schema_version: SCHEMA_VERSION,
        argus_version: "bench".into(),
        identity: Identity {
            account_id: ACCOUNT.into(),
            partition: "aws".into(),
            caller_arn: format!("arn:aws:iam::{ACCOUNT}:user/auditor"),
        },
        collection: CollectionInfo {
            started_at: now(),
            finished_at: now(),
            regions: REGIONS.iter().map(|r| r.to_string()).collect(),
            services: ["cloudtrail", "ec2", "iam", "kms", "lambda", "rds", "s3", "secretsmanager"]
                .into_iter()
                .map(String::from)
                .collect(),
            endpoint_url: None,
            api_calls: 0,
            retries: 0,
        },
        iam: Some(IamSnapshot {
            credential_report: Fetched::Ok(CredentialReport { generated_at: Some(now()), rows }),
            password_policy: Fetched::Ok(Some(PasswordPolicy {
                minimum_password_length: Some(14),
                require_symbols: true,
                require_numbers: true,
                require_uppercase_characters: true,
                require_lowercase_characters: true,
                allow_users_to_change_password: true,
                expire_passwords: true,
                max_password_age: Some(90),
                password_reuse_prevention: Some(24),
                hard_expiry: None,
            })),
            account_summary: Fetched::Ok(BTreeMap::from([("AccountMFAEnabled".to_string(), 1)])),
            virtual_mfa_devices: Fetched::Ok(vec![]),
            server_certificates: Fetched::Ok(vec![]),
            authorization_details: Fetched::Ok(details),
            account_aliases: Fetched::Ok(vec![]),
            saml_providers: Fetched::Ok(vec![]),
            service_last_accessed: Fetched::Ok(vec![]),
        }),
        s3: Some(S3Snapshot {
            account_public_access_block: Fetched::Ok(None),
            buckets: Fetched::Ok((0..m.buckets).map(bucket).collect()),
            access_points: Fetched::Ok(BTreeMap::new()),
            multi_region_access_points: Fetched::Ok(vec![]),
        }),
        organizations: None,
        account: None,
        regions: (0..REGIONS.len()).map(|r| (REGIONS[r].to_string(), region_snapshot(&m, r))).collect(),
        errors: vec![],
    }
}

/// Policy documents for the parsing benchmark: `n` customer managed policies (12 statements each) as
/// IAM returns them (percent-encoded JSON text).
pub fn encoded_policies(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let text = customer_policy_document(i).to_string();
            percent_encoding::utf8_percent_encode(&text, percent_encoding::NON_ALPHANUMERIC).to_string()
        })
        .collect()
}
