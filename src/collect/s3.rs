//! S3: account-level Block Public Access, then every bucket with its per-bucket configuration.

use super::{to_utc, Collector, Service};
use crate::snapshot::{
    AccessPoint, AclGrant, Bucket, BucketAcl, BucketEncryption, CollectionError, EventNotifications, Fetched,
    LifecycleRule, LoggingTarget, MultiRegionAccessPoint, ObjectLock, PolicyDocument, PublicAccessBlock,
    ReplicationRule, S3Snapshot, Tags, Versioning,
};
use aws_sdk_s3::types::PublicAccessBlockConfiguration;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

pub(super) async fn collect(c: &Collector, regions: &[String]) -> S3Snapshot {
    let home = c.ctx.home_region();
    let (account_pab, buckets, access_points, multi_region_access_points) = futures::join!(
        account_public_access_block(c, &home),
        buckets(c, &home),
        access_points(c, regions),
        multi_region_access_points(c)
    );
    S3Snapshot {
        account_public_access_block: account_pab.into(),
        buckets: buckets.into(),
        access_points: Fetched::Ok(access_points),
        multi_region_access_points: multi_region_access_points.into(),
    }
}

async fn account_public_access_block(c: &Collector, home: &str) -> Result<Option<PublicAccessBlock>, CollectionError> {
    let client = c.ctx.s3control(home);
    let api = c.api("S3Control", Service::S3, None);
    let out = api
        .call_or_absent("GetPublicAccessBlock", Some(&c.account_id), &["NoSuchPublicAccessBlockConfiguration"], || {
            client.get_public_access_block().account_id(&c.account_id).send()
        })
        .await?;
    Ok(out.and_then(|o| {
        o.public_access_block_configuration().map(|p| PublicAccessBlock {
            block_public_acls: p.block_public_acls().unwrap_or(false),
            ignore_public_acls: p.ignore_public_acls().unwrap_or(false),
            block_public_policy: p.block_public_policy().unwrap_or(false),
            restrict_public_buckets: p.restrict_public_buckets().unwrap_or(false),
        })
    }))
}

async fn buckets(c: &Collector, home: &str) -> Result<Vec<Bucket>, CollectionError> {
    let client = c.ctx.s3(home);
    let api = c.api("S3", Service::S3, None);
    let listed = api.call("ListBuckets", None, || client.list_buckets().into_paginator().send().try_collect()).await?;
    let listed: Vec<_> = listed.iter().flat_map(|page| page.buckets().iter().cloned()).collect();
    let clients = RegionalClients::new(c);
    Ok(c.fan_out(listed, |b| bucket(c, &clients, home, b)).await)
}

/// One S3 client per bucket region, built on first use.
struct RegionalClients<'a> {
    collector: &'a Collector,
    clients: Mutex<HashMap<String, aws_sdk_s3::Client>>,
}

impl<'a> RegionalClients<'a> {
    fn new(collector: &'a Collector) -> Self {
        RegionalClients { collector, clients: Mutex::new(HashMap::new()) }
    }

    fn get(&self, region: &str) -> aws_sdk_s3::Client {
        let mut map = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(region.to_string()).or_insert_with(|| self.collector.ctx.s3(region)).clone()
    }
}

async fn bucket(c: &Collector, clients: &RegionalClients<'_>, home: &str, b: aws_sdk_s3::types::Bucket) -> Bucket {
    let name = b.name().unwrap_or_default().to_string();
    // AWS names every bucket's region in ListBuckets; an endpoint that does not (S3-compatible stores,
    // emulators) is asked per bucket.
    let region = match b.bucket_region() {
        Some(r) if !r.is_empty() => r.to_string(),
        _ => bucket_region(c, &clients.get(home), &name).await.unwrap_or_else(|_| home.to_string()),
    };
    let client = clients.get(&region);
    let api = c.api("S3", Service::S3, Some(&region));
    let n = Some(name.as_str());
    // S3 answers GetBucketPolicyStatus with NoSuchBucketPolicy when there is no policy, so the status is
    // only asked for buckets that have one (or whose policy could not be read): one call fewer per
    // bucket without a policy, and the same data.
    let policy_and_status = async {
        let policy = api
            .call_or_absent("GetBucketPolicy", n, &["NoSuchBucketPolicy"], || {
                client.get_bucket_policy().bucket(&name).send()
            })
            .await;
        let status = match &policy {
            Ok(None) => Ok(None),
            _ => {
                api.call_or_absent("GetBucketPolicyStatus", n, &["NoSuchBucketPolicy"], || {
                    client.get_bucket_policy_status().bucket(&name).send()
                })
                .await
            }
        };
        (policy, status)
    };
    let pab = api.call_or_absent("GetPublicAccessBlock", n, &["NoSuchPublicAccessBlockConfiguration"], || {
        client.get_public_access_block().bucket(&name).send()
    });
    let acl = api.call("GetBucketAcl", n, || client.get_bucket_acl().bucket(&name).send());
    let ownership = api.call_or_absent("GetBucketOwnershipControls", n, &["OwnershipControlsNotFoundError"], || {
        client.get_bucket_ownership_controls().bucket(&name).send()
    });
    let encryption =
        api.call_or_absent("GetBucketEncryption", n, &["ServerSideEncryptionConfigurationNotFoundError"], || {
            client.get_bucket_encryption().bucket(&name).send()
        });
    let versioning = api.call("GetBucketVersioning", n, || client.get_bucket_versioning().bucket(&name).send());
    let logging = api.call("GetBucketLogging", n, || client.get_bucket_logging().bucket(&name).send());
    let tagging = api
        .call_or_absent("GetBucketTagging", n, &["NoSuchTagSet"], || client.get_bucket_tagging().bucket(&name).send());
    // The four reads Prowler also makes per bucket; "not configured" answers are data.
    let object_lock =
        api.call_or_absent("GetObjectLockConfiguration", n, &["ObjectLockConfigurationNotFoundError"], || {
            client.get_object_lock_configuration().bucket(&name).send()
        });
    let lifecycle = api.call_or_absent("GetBucketLifecycleConfiguration", n, &["NoSuchLifecycleConfiguration"], || {
        client.get_bucket_lifecycle_configuration().bucket(&name).send()
    });
    let replication = api.call_or_absent("GetBucketReplication", n, &["ReplicationConfigurationNotFoundError"], || {
        client.get_bucket_replication().bucket(&name).send()
    });
    let notifications = api.call("GetBucketNotificationConfiguration", n, || {
        client.get_bucket_notification_configuration().bucket(&name).send()
    });
    let (
        (policy, policy_status),
        pab,
        acl,
        ownership,
        encryption,
        versioning,
        logging,
        tagging,
        object_lock,
        lifecycle,
        replication,
        notifications,
    ) = futures::join!(
        policy_and_status,
        pab,
        acl,
        ownership,
        encryption,
        versioning,
        logging,
        tagging,
        object_lock,
        lifecycle,
        replication,
        notifications
    );

    Bucket {
        arn: format!("arn:{}:s3:::{name}", c.partition).into(),
        region,
        creation_date: to_utc(b.creation_date()),
        policy: policy.map(|o| o.and_then(|o| o.policy().map(PolicyDocument::from_json_text))).into(),
        policy_status_is_public: policy_status
            .map(|o| o.and_then(|o| o.policy_status().and_then(|s| s.is_public())))
            .into(),
        public_access_block: pab
            .map(|o| o.and_then(|o| o.public_access_block_configuration().map(public_access_block)))
            .into(),
        acl: acl.map(|o| bucket_acl(&o)).into(),
        object_ownership: ownership
            .map(|o| {
                o.and_then(|o| {
                    o.ownership_controls()
                        .and_then(|oc| oc.rules().first())
                        .map(|r| r.object_ownership().as_str().to_string())
                })
            })
            .into(),
        encryption: encryption
            .map(|o| {
                o.and_then(|o| {
                    let rule = o.server_side_encryption_configuration()?.rules().first()?;
                    let default = rule.apply_server_side_encryption_by_default()?;
                    Some(BucketEncryption {
                        algorithm: default.sse_algorithm().as_str().to_string(),
                        kms_key_id: default.kms_master_key_id().map(str::to_string),
                        bucket_key_enabled: rule.bucket_key_enabled().unwrap_or(false),
                    })
                })
            })
            .into(),
        versioning: versioning
            .map(|o| Versioning {
                status: o.status().map(|s| s.as_str().to_string()),
                mfa_delete: o.mfa_delete().map(|s| s.as_str().to_string()),
            })
            .into(),
        logging: logging
            .map(|o| {
                o.logging_enabled().map(|l| LoggingTarget {
                    target_bucket: l.target_bucket().to_string(),
                    target_prefix: l.target_prefix().to_string(),
                })
            })
            .into(),
        tags: tagging
            .map(|o| {
                o.map(|o| o.tag_set().iter().map(|t| (t.key().to_string(), t.value().to_string())).collect())
                    .unwrap_or_else(Tags::new)
            })
            .into(),
        object_lock: object_lock
            .map(|o| {
                o.and_then(|o| {
                    o.object_lock_configuration().map(|l| ObjectLock {
                        enabled: l.object_lock_enabled().is_some_and(|e| e.as_str() == "Enabled"),
                        default_retention: l.rule().and_then(|r| r.default_retention()).map(|d| {
                            let mode = d.mode().map_or("", |m| m.as_str());
                            match (d.days(), d.years()) {
                                (Some(days), _) if days > 0 => format!("{mode} {days} days"),
                                (_, Some(years)) if years > 0 => format!("{mode} {years} years"),
                                _ => mode.to_string(),
                            }
                        }),
                    })
                })
            })
            .into(),
        lifecycle_rules: lifecycle
            .map(|o| {
                o.map(|o| {
                    o.rules()
                        .iter()
                        .map(|r| LifecycleRule {
                            id: r.id().map(str::to_string),
                            status: r.status().as_str().to_string(),
                        })
                        .collect()
                })
                .unwrap_or_default()
            })
            .into(),
        replication_rules: replication
            .map(|o| {
                o.and_then(|o| {
                    o.replication_configuration().map(|c| {
                        c.rules()
                            .iter()
                            .map(|r| ReplicationRule {
                                id: r.id().map(str::to_string),
                                status: r.status().as_str().to_string(),
                                destination_bucket: r.destination().map(|d| d.bucket().to_string()).unwrap_or_default(),
                                destination_account: r.destination().and_then(|d| d.account()).map(str::to_string),
                            })
                            .collect()
                    })
                })
                .unwrap_or_default()
            })
            .into(),
        notifications: notifications
            .map(|o| EventNotifications {
                sns_topics: o.topic_configurations().len(),
                sqs_queues: o.queue_configurations().len(),
                lambda_functions: o.lambda_function_configurations().len(),
                eventbridge: o.event_bridge_configuration().is_some(),
            })
            .into(),
        name: name.into(),
    }
}

async fn bucket_region(c: &Collector, client: &aws_sdk_s3::Client, name: &str) -> Result<String, CollectionError> {
    let api = c.api("S3", Service::S3, None);
    let out = api.call("GetBucketLocation", Some(name), || client.get_bucket_location().bucket(name).send()).await?;
    // No constraint means us-east-1; "EU" is the legacy name of eu-west-1.
    Ok(match out.location_constraint().map(|l| l.as_str()) {
        None | Some("") => "us-east-1".to_string(),
        Some("EU") => "eu-west-1".to_string(),
        Some(other) => other.to_string(),
    })
}

fn public_access_block(p: &PublicAccessBlockConfiguration) -> PublicAccessBlock {
    PublicAccessBlock {
        block_public_acls: p.block_public_acls().unwrap_or(false),
        ignore_public_acls: p.ignore_public_acls().unwrap_or(false),
        block_public_policy: p.block_public_policy().unwrap_or(false),
        restrict_public_buckets: p.restrict_public_buckets().unwrap_or(false),
    }
}

fn bucket_acl(o: &aws_sdk_s3::operation::get_bucket_acl::GetBucketAclOutput) -> BucketAcl {
    BucketAcl {
        owner_id: o.owner().and_then(|ow| ow.id()).map(str::to_string),
        grants: o
            .grants()
            .iter()
            .filter_map(|g| {
                let grantee = g.grantee()?;
                Some(AclGrant {
                    grantee_type: grantee.r#type().as_str().to_string(),
                    grantee_id: grantee.id().map(str::to_string),
                    grantee_uri: grantee.uri().map(str::to_string),
                    permission: g.permission().map(|p| p.as_str().to_string()).unwrap_or_default(),
                })
            })
            .collect(),
    }
}

/// Every audited region's access points (ListAccessPoints, then GetAccessPoint each for its Block
/// Public Access settings, as Prowler does).
async fn access_points(c: &Collector, regions: &[String]) -> BTreeMap<String, Fetched<Vec<AccessPoint>>> {
    futures::future::join_all(regions.iter().map(|region| async move {
        let client = c.ctx.s3control(region);
        let api = c.api("S3Control", Service::S3, Some(region));
        let listed = api
            .call("ListAccessPoints", None, || {
                client.list_access_points().account_id(&c.account_id).into_paginator().send().try_collect()
            })
            .await;
        let access_points = match listed {
            Err(e) => Err(e),
            Ok(pages) => {
                // An access point's ARN names its region; an endpoint that lists every region's access
                // points in each region (emulators) would otherwise repeat them.
                let listed: Vec<_> = pages
                    .iter()
                    .flat_map(|p| p.access_point_list().iter().cloned())
                    .filter(|ap| ap.access_point_arn().is_none_or(|arn| arn.split(':').nth(3) == Some(region.as_str())))
                    .collect();
                let (api, client) = (&api, &client);
                Ok(c.fan_out(listed, |ap| async move {
                    let name = ap.name().to_string();
                    let pab = api
                        .call("GetAccessPoint", Some(&name), || {
                            client.get_access_point().account_id(&c.account_id).name(&name).send()
                        })
                        .await
                        .map(|o| o.public_access_block_configuration().map(public_access_block_control));
                    AccessPoint {
                        arn: ap.access_point_arn().unwrap_or_default().to_string(),
                        bucket: ap.bucket().to_string(),
                        network_origin: Some(ap.network_origin().as_str().to_string()),
                        public_access_block: pab.into(),
                        name,
                    }
                })
                .await)
            }
        };
        (region.clone(), access_points.into())
    }))
    .await
    .into_iter()
    .collect()
}

/// The account's Multi-Region Access Points: S3 Control answers ListMultiRegionAccessPoints in
/// us-west-2 only; they exist in the aws partition only.
async fn multi_region_access_points(c: &Collector) -> Result<Vec<MultiRegionAccessPoint>, CollectionError> {
    if c.partition != "aws" {
        return Ok(vec![]);
    }
    const REGION: &str = "us-west-2";
    let client = c.ctx.s3control(REGION);
    let api = c.api("S3Control", Service::S3, Some(REGION));
    let pages = api
        .call("ListMultiRegionAccessPoints", None, || {
            client.list_multi_region_access_points().account_id(&c.account_id).into_paginator().send().try_collect()
        })
        .await?;
    Ok(pages
        .iter()
        .flat_map(|p| p.access_points().iter())
        .map(|m| MultiRegionAccessPoint {
            name: m.name().unwrap_or_default().to_string(),
            arn: format!(
                "arn:{}:s3::{}:accesspoint/{}",
                c.partition,
                c.account_id,
                m.alias().filter(|a| !a.is_empty()).or(m.name()).unwrap_or_default()
            ),
            alias: m.alias().map(str::to_string),
            buckets: m.regions().iter().filter_map(|r| r.bucket().map(str::to_string)).collect(),
            public_access_block: m.public_access_block().map(public_access_block_control),
        })
        .collect())
}

fn public_access_block_control(p: &aws_sdk_s3control::types::PublicAccessBlockConfiguration) -> PublicAccessBlock {
    PublicAccessBlock {
        block_public_acls: p.block_public_acls().unwrap_or(false),
        ignore_public_acls: p.ignore_public_acls().unwrap_or(false),
        block_public_policy: p.block_public_policy().unwrap_or(false),
        restrict_public_buckets: p.restrict_public_buckets().unwrap_or(false),
    }
}
