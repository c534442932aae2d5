//! RDS, per region: instances, clusters, and snapshots with who may restore them.

use super::{tags_from, to_utc, Api, Collector, Service};
use crate::snapshot::{CollectionError, DbCluster, DbInstance, DbSnapshot, Fetched, RdsRegion, Tags};
use aws_sdk_rds::types::Tag;

fn tags(list: &[Tag]) -> Tags {
    tags_from(list, |t| t.key(), |t| t.value())
}

pub(super) async fn collect(c: &Collector, region: &str) -> RdsRegion {
    let client = c.ctx.rds(region);
    let api = c.api("RDS", Service::Rds, Some(region));
    let (instances, clusters, snapshots, cluster_snapshots) = futures::join!(
        instances(&api, &client),
        clusters(&api, &client),
        snapshots(c, &api, &client),
        cluster_snapshots(c, &api, &client),
    );
    RdsRegion {
        instances: instances.into(),
        clusters: clusters.into(),
        snapshots: snapshots.into(),
        cluster_snapshots: cluster_snapshots.into(),
    }
}

async fn instances(api: &Api<'_>, client: &aws_sdk_rds::Client) -> Result<Vec<DbInstance>, CollectionError> {
    let list = api
        .call("DescribeDBInstances", None, || {
            client.describe_db_instances().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(list
        .iter()
        .map(|d| DbInstance {
            id: d.db_instance_identifier().unwrap_or_default().to_string(),
            arn: d.db_instance_arn().unwrap_or_default().to_string(),
            engine: d.engine().unwrap_or_default().to_string(),
            engine_version: d.engine_version().map(str::to_string),
            instance_class: d.db_instance_class().map(str::to_string),
            status: d.db_instance_status().map(str::to_string),
            publicly_accessible: d.publicly_accessible(),
            storage_encrypted: d.storage_encrypted().unwrap_or(false),
            kms_key_id: d.kms_key_id().map(str::to_string),
            backup_retention_period: d.backup_retention_period().unwrap_or(0),
            deletion_protection: d.deletion_protection().unwrap_or(false),
            auto_minor_version_upgrade: d.auto_minor_version_upgrade().unwrap_or(false),
            multi_az: d.multi_az().unwrap_or(false),
            iam_database_authentication_enabled: d.iam_database_authentication_enabled().unwrap_or(false),
            vpc_id: d.db_subnet_group().and_then(|g| g.vpc_id()).map(str::to_string),
            vpc_security_group_ids: d
                .vpc_security_groups()
                .iter()
                .filter_map(|g| g.vpc_security_group_id().map(str::to_string))
                .collect(),
            endpoint_port: d.endpoint().and_then(|e| e.port()),
            cluster_id: d.db_cluster_identifier().map(str::to_string),
            created: to_utc(d.instance_create_time()),
            tags: tags(d.tag_list()),
        })
        .collect())
}

async fn clusters(api: &Api<'_>, client: &aws_sdk_rds::Client) -> Result<Vec<DbCluster>, CollectionError> {
    let list = api
        .call("DescribeDBClusters", None, || {
            client.describe_db_clusters().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(list
        .iter()
        .map(|d| DbCluster {
            id: d.db_cluster_identifier().unwrap_or_default().to_string(),
            arn: d.db_cluster_arn().unwrap_or_default().to_string(),
            engine: d.engine().unwrap_or_default().to_string(),
            status: d.status().map(str::to_string),
            storage_encrypted: d.storage_encrypted().unwrap_or(false),
            kms_key_id: d.kms_key_id().map(str::to_string),
            deletion_protection: d.deletion_protection().unwrap_or(false),
            iam_database_authentication_enabled: d.iam_database_authentication_enabled().unwrap_or(false),
            multi_az: d.multi_az().unwrap_or(false),
            backup_retention_period: d.backup_retention_period(),
            publicly_accessible: d.publicly_accessible(),
            tags: tags(d.tag_list()),
        })
        .collect())
}

/// Only manual snapshots can be shared; automated ones need no attribute call.
fn is_shareable(snapshot_type: Option<&str>) -> bool {
    !matches!(snapshot_type, Some("automated") | Some("awsbackup"))
}

async fn snapshots(
    c: &Collector,
    api: &Api<'_>,
    client: &aws_sdk_rds::Client,
) -> Result<Vec<DbSnapshot>, CollectionError> {
    let list = api
        .call("DescribeDBSnapshots", None, || {
            client.describe_db_snapshots().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(c.fan_out(list, |s| async move {
        let id = s.db_snapshot_identifier().unwrap_or_default().to_string();
        let restore_accounts: Fetched<Vec<String>> = if is_shareable(s.snapshot_type()) {
            api.call("DescribeDBSnapshotAttributes", Some(&id), || {
                client.describe_db_snapshot_attributes().db_snapshot_identifier(&id).send()
            })
            .await
            .map(|o| {
                o.db_snapshot_attributes_result()
                    .map(|r| {
                        r.db_snapshot_attributes()
                            .iter()
                            .filter(|a| a.attribute_name() == Some("restore"))
                            .flat_map(|a| a.attribute_values().iter().cloned())
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .into()
        } else {
            Fetched::Ok(Vec::new())
        };
        DbSnapshot {
            arn: s.db_snapshot_arn().unwrap_or_default().to_string(),
            source_id: s.db_instance_identifier().map(str::to_string),
            encrypted: s.encrypted().unwrap_or(false),
            snapshot_type: s.snapshot_type().map(str::to_string),
            restore_accounts,
            id,
        }
    })
    .await)
}

async fn cluster_snapshots(
    c: &Collector,
    api: &Api<'_>,
    client: &aws_sdk_rds::Client,
) -> Result<Vec<DbSnapshot>, CollectionError> {
    let list = api
        .call("DescribeDBClusterSnapshots", None, || {
            client.describe_db_cluster_snapshots().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(c.fan_out(list, |s| async move {
        let id = s.db_cluster_snapshot_identifier().unwrap_or_default().to_string();
        let restore_accounts: Fetched<Vec<String>> = if is_shareable(s.snapshot_type()) {
            api.call("DescribeDBClusterSnapshotAttributes", Some(&id), || {
                client.describe_db_cluster_snapshot_attributes().db_cluster_snapshot_identifier(&id).send()
            })
            .await
            .map(|o| {
                o.db_cluster_snapshot_attributes_result()
                    .map(|r| {
                        r.db_cluster_snapshot_attributes()
                            .iter()
                            .filter(|a| a.attribute_name() == Some("restore"))
                            .flat_map(|a| a.attribute_values().iter().cloned())
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .into()
        } else {
            Fetched::Ok(Vec::new())
        };
        DbSnapshot {
            arn: s.db_cluster_snapshot_arn().unwrap_or_default().to_string(),
            source_id: s.db_cluster_identifier().map(str::to_string),
            encrypted: s.storage_encrypted().unwrap_or(false),
            snapshot_type: s.snapshot_type().map(str::to_string),
            restore_accounts,
            id,
        }
    })
    .await)
}
