use super::{Fetched, Tags};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RdsRegion {
    pub instances: Fetched<Vec<DbInstance>>,
    pub clusters: Fetched<Vec<DbCluster>>,
    pub snapshots: Fetched<Vec<DbSnapshot>>,
    pub cluster_snapshots: Fetched<Vec<DbSnapshot>>,
    /// The TLS settings of every DB parameter group a standalone instance uses, by group name
    /// (DescribeDBParameters, each group read once).
    #[serde(default)]
    pub parameter_groups: BTreeMap<String, Fetched<TlsParameters>>,
    /// The same for the DB cluster parameter groups of the clusters (DescribeDBClusterParameters).
    #[serde(default)]
    pub cluster_parameter_groups: BTreeMap<String, Fetched<TlsParameters>>,
    /// The certificate authorities (DescribeCertificates), read only when an instance's
    /// DescribeDBInstances entry lacks its certificate's expiry; `None`: not needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificates: Option<Fetched<Vec<RdsCertificate>>>,
    /// The region's event notification subscriptions (DescribeEventSubscriptions); absent in snapshots
    /// from before argus collected them, which read as not collected.
    #[serde(default = "event_subscriptions_not_collected")]
    pub event_subscriptions: Fetched<Vec<RdsEventSubscription>>,
    /// The engine versions RDS offers in the region among those its instances run
    /// (DescribeDBEngineVersions, which lists only available versions, filtered to the instances'
    /// engines and versions: one call per region that has instances, none elsewhere). An instance
    /// whose engine and version are not listed runs a deprecated version. Absent in snapshots from
    /// before argus collected them, which read as not collected.
    #[serde(default = "engine_versions_not_collected")]
    pub available_engine_versions: Fetched<Vec<RdsEngineVersion>>,
}

fn engine_versions_not_collected() -> Fetched<Vec<RdsEngineVersion>> {
    Fetched::Err(super::user_data::not_collected("rds", "DescribeDBEngineVersions"))
}

/// An engine version RDS offers (DescribeDBEngineVersions).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct RdsEngineVersion {
    pub engine: String,
    pub version: String,
}

fn event_subscriptions_not_collected() -> Fetched<Vec<RdsEventSubscription>> {
    Fetched::Err(super::user_data::not_collected("rds", "DescribeEventSubscriptions"))
}

/// An RDS event notification subscription: which events of which sources RDS sends to an SNS topic.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RdsEventSubscription {
    /// Its name (CustSubscriptionId).
    pub id: String,
    pub arn: String,
    /// `db-instance`, `db-cluster`, `db-parameter-group`, `db-security-group`, ...; `None`: events of
    /// every source type.
    pub source_type: Option<String>,
    /// The sources it is limited to; empty: every source of its type.
    pub source_ids: Vec<String>,
    /// The event categories it sends (`maintenance`, `failure`, ...); empty: every category.
    pub event_categories: Vec<String>,
    pub enabled: bool,
    /// `active`, `creating`, `modifying`, `deleting`, `no-permission`, `topic-not-exist`.
    pub status: Option<String>,
}

/// The parameters of a parameter group that decide whether clients must use TLS: `rds.force_ssl`
/// (PostgreSQL, SQL Server) and `require_secure_transport` (MySQL, MariaDB, Aurora MySQL). A name is
/// present when the group lists the parameter; its value is `None` when the group leaves it unset
/// (the engine's default applies).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct TlsParameters {
    pub parameters: BTreeMap<String, Option<String>>,
    /// How many parameters the group's listing held: AWS lists every parameter of a group, so an
    /// empty listing is a reply without data, not a group without the TLS parameter.
    #[serde(default)]
    pub listed: usize,
}

/// A certificate authority RDS offers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RdsCertificate {
    pub id: String,
    pub valid_till: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DbInstance {
    pub id: String,
    pub arn: String,
    pub engine: String,
    pub engine_version: Option<String>,
    pub instance_class: Option<String>,
    pub status: Option<String>,
    /// `None` when DescribeDBInstances left it out: whether the endpoint is public is then unknown.
    pub publicly_accessible: Option<bool>,
    pub storage_encrypted: bool,
    pub kms_key_id: Option<String>,
    pub backup_retention_period: i32,
    pub deletion_protection: bool,
    pub auto_minor_version_upgrade: bool,
    pub multi_az: bool,
    pub iam_database_authentication_enabled: bool,
    /// The VPC of its subnet group; `None` means EC2-Classic (no VPC).
    pub vpc_id: Option<String>,
    pub vpc_security_group_ids: Vec<String>,
    pub endpoint_port: Option<i32>,
    pub cluster_id: Option<String>,
    pub created: Option<DateTime<Utc>>,
    pub tags: Tags,
    /// The DB parameter groups it uses.
    #[serde(default)]
    pub parameter_groups: Vec<String>,
    /// The certificate authority of its server certificate (`rds-ca-rsa2048-g1`, ...).
    #[serde(default)]
    pub ca_certificate_identifier: Option<String>,
    /// When its server certificate expires (CertificateDetails.ValidTill).
    #[serde(default)]
    pub certificate_valid_till: Option<DateTime<Utc>>,
    /// Seconds between Enhanced Monitoring samples (MonitoringInterval); 0 = off.
    #[serde(default)]
    pub monitoring_interval: Option<i32>,
    /// The log types it publishes to CloudWatch Logs (EnabledCloudwatchLogsExports). An instance
    /// that exports nothing is `Some([])`: a reply may leave an empty list out, so the collector reads
    /// an absent list as empty. `None` only in snapshots from before argus collected it.
    #[serde(default)]
    pub enabled_cloudwatch_logs_exports: Option<Vec<String>>,
    /// CopyTagsToSnapshot (for cluster members the cluster's setting applies).
    #[serde(default)]
    pub copy_tags_to_snapshot: Option<bool>,
    /// The master user's name (MasterUsername).
    #[serde(default)]
    pub master_username: Option<String>,
    /// EngineLifecycleSupport: `open-source-rds-extended-support` (enrolled in RDS Extended Support)
    /// or `open-source-rds-extended-support-disabled`; empty when the reply names none (engines
    /// without Extended Support). `None` in snapshots from before argus collected it.
    #[serde(default)]
    pub engine_lifecycle_support: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DbCluster {
    pub id: String,
    pub arn: String,
    pub engine: String,
    pub status: Option<String>,
    pub storage_encrypted: bool,
    pub kms_key_id: Option<String>,
    pub deletion_protection: bool,
    pub iam_database_authentication_enabled: bool,
    pub multi_az: bool,
    pub backup_retention_period: Option<i32>,
    pub publicly_accessible: Option<bool>,
    pub tags: Tags,
    #[serde(default)]
    pub engine_version: Option<String>,
    /// Its DB cluster parameter group.
    #[serde(default)]
    pub parameter_group: Option<String>,
    /// The log types it publishes to CloudWatch Logs; an absent list is read as empty, as for
    /// instances. `None` only in snapshots from before argus collected it.
    #[serde(default)]
    pub enabled_cloudwatch_logs_exports: Option<Vec<String>>,
    #[serde(default)]
    pub copy_tags_to_snapshot: Option<bool>,
    #[serde(default)]
    pub master_username: Option<String>,
    /// The Aurora MySQL backtrack window in seconds (BacktrackWindow); 0 = backtracking off.
    #[serde(default)]
    pub backtrack_window: Option<i64>,
    /// AutoMinorVersionUpgrade, reported for Aurora and Multi-AZ DB clusters.
    #[serde(default)]
    pub auto_minor_version_upgrade: Option<bool>,
    /// The port the cluster's endpoints listen on (Port).
    #[serde(default)]
    pub port: Option<i32>,
    /// EngineLifecycleSupport, as for instances (the cluster's setting governs its members).
    #[serde(default)]
    pub engine_lifecycle_support: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DbSnapshot {
    pub id: String,
    pub arn: String,
    /// The instance or cluster it was taken from.
    pub source_id: Option<String>,
    pub encrypted: bool,
    /// `manual`, `automated`, `shared`, …
    pub snapshot_type: Option<String>,
    /// Values of the `restore` attribute: account ids allowed to restore, `all` = public.
    pub restore_accounts: Fetched<Vec<String>>,
}

/// The parameter that makes an engine refuse unencrypted client connections: `rds.force_ssl` for
/// PostgreSQL and SQL Server, `require_secure_transport` for MySQL and MariaDB (Aurora included);
/// `None` for engines that enforce TLS otherwise (Oracle and Db2 through option groups).
pub fn tls_enforcing_parameter(engine: &str) -> Option<&'static str> {
    let engine = engine.to_ascii_lowercase();
    if engine.starts_with("postgres") || engine == "aurora-postgresql" || engine.starts_with("sqlserver") {
        Some("rds.force_ssl")
    } else if engine.starts_with("mysql") || engine.starts_with("mariadb") || engine.starts_with("aurora") {
        Some("require_secure_transport")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_from_before_event_subscriptions_load_with_them_not_collected() {
        let older: RdsRegion = serde_json::from_str(
            r#"{"instances":{"ok":[]},"clusters":{"ok":[]},"snapshots":{"ok":[]},"cluster_snapshots":{"ok":[]}}"#,
        )
        .unwrap();
        let e = older.event_subscriptions.err().expect("event subscriptions were not collected");
        assert_eq!((e.operation.as_str(), e.code.as_str()), ("DescribeEventSubscriptions", "NotCollected"));
        let e = older.available_engine_versions.err().expect("engine versions were not collected");
        assert_eq!((e.operation.as_str(), e.code.as_str()), ("DescribeDBEngineVersions", "NotCollected"));
    }
}
