//! RDS, per region: instances, clusters, snapshots with who may restore them, and event notification
//! subscriptions.

use super::{tags_from, to_utc, Api, Collector, Service};
use crate::snapshot::{
    tls_enforcing_parameter, CollectionError, DbCluster, DbInstance, DbSnapshot, Fetched, RdsCertificate,
    RdsEngineVersion, RdsEventSubscription, RdsRegion, Tags, TlsParameters,
};
use aws_sdk_rds::types::{Filter, Tag};
use std::collections::{BTreeMap, BTreeSet};

fn tags(list: &[Tag]) -> Tags {
    tags_from(list, |t| t.key(), |t| t.value())
}

pub(super) async fn collect(c: &Collector, region: &str) -> RdsRegion {
    let client = c.ctx.rds(region);
    let api = c.api("RDS", Service::Rds, Some(region));
    let (instances, clusters, snapshots, cluster_snapshots, event_subscriptions) = futures::join!(
        instances(&api, &client),
        clusters(&api, &client),
        snapshots(c, &api, &client),
        cluster_snapshots(c, &api, &client),
        event_subscriptions(&api, &client),
    );
    // Each distinct parameter group once: standalone instances use their DB parameter groups,
    // cluster members (Aurora, Multi-AZ clusters) their cluster's.
    let instance_groups: BTreeSet<String> = instances
        .iter()
        .flatten()
        .filter(|i| i.cluster_id.is_none() && tls_enforcing_parameter(&i.engine).is_some())
        .flat_map(|i| i.parameter_groups.iter().cloned())
        .collect();
    let cluster_groups: BTreeSet<String> = clusters
        .iter()
        .flatten()
        .filter(|c| tls_enforcing_parameter(&c.engine).is_some())
        .filter_map(|c| c.parameter_group.clone())
        .collect();
    let needs_certificates = instances.iter().flatten().any(|i| i.certificate_valid_till.is_none());
    let (parameter_groups, cluster_parameter_groups, certificates, available_engine_versions) = futures::join!(
        c.fan_out(instance_groups, |name| {
            let (api, client) = (&api, &client);
            async move {
                let read = api
                    .call("DescribeDBParameters", Some(&name), || {
                        client
                            .describe_db_parameters()
                            .db_parameter_group_name(&name)
                            .into_paginator()
                            .send()
                            .try_collect()
                    })
                    .await
                    .map(|pages| tls_parameters(pages.iter().flat_map(|p| p.parameters())));
                (name, Fetched::from(read))
            }
        }),
        c.fan_out(cluster_groups, |name| {
            let (api, client) = (&api, &client);
            async move {
                let read = api
                    .call("DescribeDBClusterParameters", Some(&name), || {
                        client
                            .describe_db_cluster_parameters()
                            .db_cluster_parameter_group_name(&name)
                            .into_paginator()
                            .send()
                            .try_collect()
                    })
                    .await
                    .map(|pages| tls_parameters(pages.iter().flat_map(|p| p.parameters())));
                (name, Fetched::from(read))
            }
        }),
        async {
            if !needs_certificates {
                return None;
            }
            let read = api
                .call("DescribeCertificates", None, || {
                    client.describe_certificates().into_paginator().items().send().try_collect()
                })
                .await
                .map(|list| {
                    list.iter()
                        .map(|c| RdsCertificate {
                            id: c.certificate_identifier().unwrap_or_default().to_string(),
                            valid_till: to_utc(c.valid_till()),
                        })
                        .collect()
                });
            Some(Fetched::from(read))
        },
        engine_versions(&api, &client, instances.as_ref().map(Vec::as_slice).unwrap_or_default()),
    );
    RdsRegion {
        instances: instances.into(),
        clusters: clusters.into(),
        snapshots: snapshots.into(),
        cluster_snapshots: cluster_snapshots.into(),
        parameter_groups: parameter_groups.into_iter().collect::<BTreeMap<_, _>>(),
        cluster_parameter_groups: cluster_parameter_groups.into_iter().collect::<BTreeMap<_, _>>(),
        certificates,
        event_subscriptions: event_subscriptions.into(),
        available_engine_versions: available_engine_versions.into(),
    }
}

/// The available engine versions among those the region's instances run: one DescribeDBEngineVersions
/// listing (paginated), filtered to their engines and versions, so that it holds a few entries
/// rather than every version of every engine. No call when the region has no instance (or its
/// listing failed: the checks then report that failure).
async fn engine_versions(
    api: &Api<'_>,
    client: &aws_sdk_rds::Client,
    instances: &[DbInstance],
) -> Result<Vec<RdsEngineVersion>, CollectionError> {
    let engines: BTreeSet<&str> = instances.iter().map(|i| i.engine.as_str()).filter(|e| !e.is_empty()).collect();
    let versions: BTreeSet<&str> = instances.iter().filter_map(|i| i.engine_version.as_deref()).collect();
    if engines.is_empty() || versions.is_empty() {
        return Ok(Vec::new());
    }
    let filter = |name: &str, values: &BTreeSet<&str>| {
        Filter::builder().name(name).set_values(Some(values.iter().map(|v| v.to_string()).collect())).build()
    };
    let (engine_filter, version_filter) = (filter("engine", &engines), filter("engine-version", &versions));
    let list = api
        .call("DescribeDBEngineVersions", None, || {
            client
                .describe_db_engine_versions()
                .filters(engine_filter.clone())
                .filters(version_filter.clone())
                .into_paginator()
                .items()
                .send()
                .try_collect()
        })
        .await?;
    Ok(list
        .iter()
        .filter_map(|v| {
            Some(RdsEngineVersion { engine: v.engine()?.to_string(), version: v.engine_version()?.to_string() })
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect())
}

/// The region's event notification subscriptions: one paginated call per region.
async fn event_subscriptions(
    api: &Api<'_>,
    client: &aws_sdk_rds::Client,
) -> Result<Vec<RdsEventSubscription>, CollectionError> {
    let list = api
        .call("DescribeEventSubscriptions", None, || {
            client.describe_event_subscriptions().into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(list
        .iter()
        .map(|e| RdsEventSubscription {
            id: e.cust_subscription_id().unwrap_or_default().to_string(),
            arn: e.event_subscription_arn().unwrap_or_default().to_string(),
            source_type: e.source_type().filter(|t| !t.is_empty()).map(str::to_string),
            source_ids: e.source_ids_list().to_vec(),
            event_categories: e.event_categories_list().to_vec(),
            // Absent reads as disabled: it can only FAIL a check, never PASS one.
            enabled: e.enabled().unwrap_or(false),
            status: e.status().map(str::to_string),
        })
        .collect())
}

/// The TLS-enforcing parameters of a group's listing (a group lists some 400 parameters; argus
/// keeps the two it judges).
fn tls_parameters<'a>(params: impl Iterator<Item = &'a aws_sdk_rds::types::Parameter>) -> TlsParameters {
    let mut listed = 0;
    TlsParameters {
        parameters: params
            .inspect(|_| listed += 1)
            .filter_map(|p| {
                let name = p.parameter_name()?;
                matches!(name, "rds.force_ssl" | "require_secure_transport")
                    .then(|| (name.to_string(), p.parameter_value().map(str::to_string)))
            })
            .collect(),
        listed,
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
            parameter_groups: d
                .db_parameter_groups()
                .iter()
                .filter_map(|g| g.db_parameter_group_name().map(str::to_string))
                .collect(),
            ca_certificate_identifier: d
                .ca_certificate_identifier()
                .or_else(|| d.certificate_details().and_then(|c| c.ca_identifier()))
                .map(str::to_string),
            certificate_valid_till: to_utc(d.certificate_details().and_then(|c| c.valid_till())),
            monitoring_interval: d.monitoring_interval(),
            // An empty list may be left out of the reply: absent reads as "exports nothing", which can
            // only FAIL a logging check, never PASS it.
            enabled_cloudwatch_logs_exports: Some(d.enabled_cloudwatch_logs_exports().to_vec()),
            copy_tags_to_snapshot: d.copy_tags_to_snapshot(),
            master_username: d.master_username().map(str::to_string),
            // Absent for engines without Extended Support: kept as an empty value, not as "not collected".
            engine_lifecycle_support: Some(d.engine_lifecycle_support().unwrap_or_default().to_string()),
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
            engine_version: d.engine_version().map(str::to_string),
            parameter_group: d.db_cluster_parameter_group().map(str::to_string),
            enabled_cloudwatch_logs_exports: Some(d.enabled_cloudwatch_logs_exports().to_vec()),
            copy_tags_to_snapshot: d.copy_tags_to_snapshot(),
            master_username: d.master_username().map(str::to_string),
            backtrack_window: d.backtrack_window(),
            auto_minor_version_upgrade: d.auto_minor_version_upgrade(),
            port: d.port(),
            engine_lifecycle_support: Some(d.engine_lifecycle_support().unwrap_or_default().to_string()),
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
