//! Fixture builders for RDS check tests: resources start compliant, tests break one setting.

use crate::snapshot::*;
use crate::testing::*;

/// The default region's RDS data.
pub(crate) fn rds(s: &mut Snapshot) -> &mut RdsRegion {
    region_mut(s, REGION).rds.as_mut().expect("fixture has RDS")
}

pub(crate) fn instances(s: &mut Snapshot) -> &mut Vec<DbInstance> {
    list(&mut rds(s).instances)
}

pub(crate) fn clusters(s: &mut Snapshot) -> &mut Vec<DbCluster> {
    list(&mut rds(s).clusters)
}

/// A private, encrypted, backed-up, protected, monitored PostgreSQL instance in a VPC, publishing its
/// logs, with a custom master user.
pub(crate) fn instance(id: &str) -> DbInstance {
    DbInstance {
        id: id.into(),
        arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:db:{id}"),
        engine: "postgres".into(),
        engine_version: Some("16.3".into()),
        instance_class: Some("db.t3.micro".into()),
        status: Some("available".into()),
        publicly_accessible: Some(false),
        storage_encrypted: true,
        kms_key_id: Some(format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/1234")),
        backup_retention_period: 7,
        deletion_protection: true,
        auto_minor_version_upgrade: true,
        multi_az: true,
        iam_database_authentication_enabled: true,
        vpc_id: Some("vpc-1".into()),
        vpc_security_group_ids: vec!["sg-db".into()],
        endpoint_port: Some(5432),
        cluster_id: None,
        created: Some(days_ago(30)),
        tags: Tags::new(),
        parameter_groups: vec!["pg-tls".into()],
        ca_certificate_identifier: Some("rds-ca-rsa2048-g1".into()),
        certificate_valid_till: Some(days_ago(-365)),
        monitoring_interval: Some(60),
        enabled_cloudwatch_logs_exports: Some(vec!["postgresql".into(), "upgrade".into()]),
        copy_tags_to_snapshot: Some(true),
        master_username: Some("dbowner".into()),
        engine_lifecycle_support: Some("open-source-rds-extended-support-disabled".into()),
    }
}

/// An encrypted, protected Aurora PostgreSQL cluster publishing its PostgreSQL log, with a custom
/// master user (backtrack window 0: backtracking is Aurora MySQL only).
pub(crate) fn cluster(id: &str) -> DbCluster {
    DbCluster {
        id: id.into(),
        arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:cluster:{id}"),
        engine: "aurora-postgresql".into(),
        status: Some("available".into()),
        storage_encrypted: true,
        kms_key_id: Some(format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/1234")),
        deletion_protection: true,
        iam_database_authentication_enabled: true,
        multi_az: true,
        backup_retention_period: Some(7),
        publicly_accessible: Some(false),
        tags: Tags::new(),
        engine_version: Some("16.4".into()),
        parameter_group: Some("cpg-tls".into()),
        enabled_cloudwatch_logs_exports: Some(vec!["postgresql".into()]),
        copy_tags_to_snapshot: Some(true),
        master_username: Some("dbowner".into()),
        backtrack_window: Some(0),
        auto_minor_version_upgrade: Some(true),
        port: Some(6543),
        engine_lifecycle_support: Some("open-source-rds-extended-support-disabled".into()),
    }
}

/// A member instance of `cluster_id` whose own (instance-level) flags are all off, as Aurora reports them.
pub(crate) fn member(id: &str, cluster_id: &str) -> DbInstance {
    DbInstance {
        engine: "aurora-postgresql".into(),
        cluster_id: Some(cluster_id.into()),
        multi_az: false,
        deletion_protection: false,
        iam_database_authentication_enabled: false,
        backup_retention_period: 0,
        enabled_cloudwatch_logs_exports: Some(vec![]),
        copy_tags_to_snapshot: Some(false),
        ..instance(id)
    }
}

/// An encrypted, private manual snapshot.
pub(crate) fn db_snapshot(id: &str) -> DbSnapshot {
    DbSnapshot {
        id: id.into(),
        arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:snapshot:{id}"),
        source_id: Some("db1".into()),
        encrypted: true,
        snapshot_type: Some("manual".into()),
        restore_accounts: Fetched::Ok(vec![]),
    }
}

/// An export list of these log types (`enabled_cloudwatch_logs_exports`).
pub(crate) fn exporting(types: &[&str]) -> Option<Vec<String>> {
    Some(types.iter().map(|t| t.to_string()).collect())
}

pub(crate) fn event_subscriptions(s: &mut Snapshot) -> &mut Vec<RdsEventSubscription> {
    list(&mut rds(s).event_subscriptions)
}

/// An enabled, active subscription to these categories of every source of `source_type`.
pub(crate) fn subscription(id: &str, source_type: &str, categories: &[&str]) -> RdsEventSubscription {
    RdsEventSubscription {
        id: id.into(),
        arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:es:{id}"),
        source_type: Some(source_type.into()),
        source_ids: vec![],
        event_categories: categories.iter().map(|c| c.to_string()).collect(),
        enabled: true,
        status: Some("active".into()),
    }
}
