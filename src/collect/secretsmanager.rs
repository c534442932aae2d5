//! Secrets Manager, per region: secret metadata (never values) and resource policies.

use super::{tags_from, to_utc, Collector, Service};
use crate::snapshot::{CollectionError, PolicyDocument, Secret, SecretsManagerRegion};

pub(super) async fn collect(c: &Collector, region: &str) -> SecretsManagerRegion {
    let client = c.ctx.secretsmanager(region);
    let api = c.api("SecretsManager", Service::SecretsManager, Some(region));
    let listed: Result<Vec<_>, CollectionError> = api
        .call("ListSecrets", None, || client.list_secrets().max_results(100).into_paginator().send().try_collect())
        .await
        .map(|pages| pages.iter().flat_map(|p| p.secret_list().iter().cloned()).collect());
    let secrets = match listed {
        Ok(list) => Ok(c
            .fan_out(list, |s| {
                let (api, client) = (&api, &client);
                async move {
                    let arn = s.arn().unwrap_or_default().to_string();
                    let policy = api
                        .call("GetResourcePolicy", Some(&arn), || client.get_resource_policy().secret_id(&arn).send())
                        .await
                        .map(|o| o.resource_policy().map(PolicyDocument::from_json_text));
                    Secret {
                        name: s.name().unwrap_or_default().to_string(),
                        kms_key_id: s.kms_key_id().map(str::to_string),
                        rotation_enabled: s.rotation_enabled().unwrap_or(false),
                        rotation_interval_days: s.rotation_rules().and_then(|r| r.automatically_after_days()),
                        created: to_utc(s.created_date()),
                        last_rotated: to_utc(s.last_rotated_date()),
                        next_rotation: to_utc(s.next_rotation_date()),
                        last_changed: to_utc(s.last_changed_date()),
                        last_accessed: to_utc(s.last_accessed_date()),
                        deleted: to_utc(s.deleted_date()),
                        tags: tags_from(s.tags(), |t| t.key(), |t| t.value()),
                        policy: policy.into(),
                        arn,
                    }
                }
            })
            .await),
        Err(e) => Err(e),
    };
    SecretsManagerRegion { secrets: secrets.into() }
}
