//! KMS, per region: keys with metadata, aliases, rotation status and (customer keys) key policies.

use super::{to_utc, Collector, Service};
use crate::snapshot::{CollectionError, Fetched, KmsKey, KmsKeyMetadata, KmsRegion, PolicyDocument};
use std::collections::BTreeMap;

pub(super) async fn collect(c: &Collector, region: &str) -> KmsRegion {
    let client = c.ctx.kms(region);
    let api = c.api("KMS", Service::Kms, Some(region));
    let (keys, aliases) = futures::join!(
        // The largest pages each call accepts (the defaults are 100 and 50).
        api.call("ListKeys", None, || client.list_keys().limit(1000).into_paginator().items().send().try_collect()),
        api.call("ListAliases", None, || client
            .list_aliases()
            .limit(100)
            .into_paginator()
            .items()
            .send()
            .try_collect()),
    );
    // Aliases are a convenience for reading findings; without them keys are still judged.
    let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for alias in aliases.unwrap_or_default() {
        if let (Some(key), Some(name)) = (alias.target_key_id(), alias.alias_name()) {
            by_key.entry(key.to_string()).or_default().push(name.to_string());
        }
    }
    let keys: Result<Vec<_>, CollectionError> = keys;
    let keys = match keys {
        Ok(list) => Ok(c
            .fan_out(list, |k| {
                let (api, client, by_key) = (&api, &client, &by_key);
                async move {
                    let id = k.key_id().unwrap_or_default().to_string();
                    let metadata = api
                        .call("DescribeKey", Some(&id), || client.describe_key().key_id(&id).send())
                        .await
                        .and_then(|o| {
                            o.key_metadata().map(metadata).ok_or_else(|| {
                                api.local_error(
                                    "DescribeKey",
                                    Some(&id),
                                    crate::snapshot::ErrorKind::InvalidResponse,
                                    "MissingKeyMetadata",
                                    "DescribeKey returned no KeyMetadata".into(),
                                )
                            })
                        });
                    let customer = metadata.as_ref().is_ok_and(|m| m.is_customer_managed());
                    let rotatable = metadata.as_ref().is_ok_and(|m| {
                        m.is_customer_managed()
                            && m.is_symmetric_encryption()
                            && matches!(m.state.as_str(), "Enabled" | "Disabled")
                            && m.origin.as_deref() != Some("EXTERNAL")
                    });
                    let rotation = async {
                        if rotatable {
                            let r = api
                                .call("GetKeyRotationStatus", Some(&id), || {
                                    client.get_key_rotation_status().key_id(&id).send()
                                })
                                .await
                                .map(|o| o.key_rotation_enabled());
                            Some(Fetched::from(r))
                        } else {
                            None
                        }
                    };
                    let policy = async {
                        if customer {
                            let p = api
                                .call("GetKeyPolicy", Some(&id), || {
                                    client.get_key_policy().key_id(&id).policy_name("default").send()
                                })
                                .await
                                .map(|o| PolicyDocument::from_json_text(o.policy().unwrap_or("{}")));
                            Some(Fetched::from(p))
                        } else {
                            None
                        }
                    };
                    let (rotation_enabled, policy) = futures::join!(rotation, policy);
                    KmsKey {
                        arn: k.key_arn().unwrap_or_default().to_string(),
                        aliases: by_key.get(&id).cloned().unwrap_or_default(),
                        metadata: metadata.into(),
                        rotation_enabled,
                        policy,
                        id,
                    }
                }
            })
            .await),
        Err(e) => Err(e),
    };
    KmsRegion { keys: keys.into() }
}

fn metadata(m: &aws_sdk_kms::types::KeyMetadata) -> KmsKeyMetadata {
    KmsKeyMetadata {
        manager: m.key_manager().map(|x| x.as_str().to_string()).unwrap_or_default(),
        state: m.key_state().map(|x| x.as_str().to_string()).unwrap_or_default(),
        spec: m.key_spec().map(|x| x.as_str().to_string()).unwrap_or_default(),
        usage: m.key_usage().map(|x| x.as_str().to_string()).unwrap_or_default(),
        origin: m.origin().map(|x| x.as_str().to_string()),
        created: to_utc(m.creation_date()),
        deletion_date: to_utc(m.deletion_date()),
        description: m.description().map(str::to_string),
        // A reply may leave MultiRegion out for a single-Region key (moto does); a multi-Region key
        // always carries its MultiRegionConfiguration, so the flag is read from that when absent.
        multi_region: Some(m.multi_region().unwrap_or_else(|| m.multi_region_configuration().is_some())),
    }
}
