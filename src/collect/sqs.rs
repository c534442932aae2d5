//! SQS, per region: every queue and, with one GetQueueAttributes each, its access policy and
//! server-side encryption settings.

use super::{Collector, Service};
use crate::snapshot::{CollectionError, PolicyDocument, Queue, QueueAttributes, SqsRegion};
use aws_sdk_sqs::types::QueueAttributeName;

pub(super) async fn collect(c: &Collector, region: &str) -> SqsRegion {
    let client = c.ctx.sqs(region);
    let api = c.api("SQS", Service::Sqs, Some(region));
    // 1000 is the largest page ListQueues accepts (without MaxResults it returns 1000 and no token).
    let listed: Result<Vec<String>, CollectionError> = api
        .call("ListQueues", None, || client.list_queues().max_results(1000).into_paginator().send().try_collect())
        .await
        .map(|pages| pages.iter().flat_map(|p| p.queue_urls().iter().cloned()).collect());
    let queues = match listed {
        Ok(urls) => Ok(c
            .fan_out(urls, |url| {
                let (api, client) = (&api, &client);
                async move {
                    let attributes = api
                        .call("GetQueueAttributes", Some(&url), || {
                            client
                                .get_queue_attributes()
                                .queue_url(&url)
                                .attribute_names(QueueAttributeName::QueueArn)
                                .attribute_names(QueueAttributeName::Policy)
                                .attribute_names(QueueAttributeName::KmsMasterKeyId)
                                .attribute_names(QueueAttributeName::SqsManagedSseEnabled)
                                .send()
                        })
                        .await
                        .map(|o| {
                            let get = |name: QueueAttributeName| o.attributes().and_then(|a| a.get(&name)).cloned();
                            QueueAttributes {
                                arn: get(QueueAttributeName::QueueArn).unwrap_or_default(),
                                policy: get(QueueAttributeName::Policy)
                                    .filter(|p| !p.is_empty())
                                    .map(|p| PolicyDocument::from_json_text(&p)),
                                kms_master_key_id: get(QueueAttributeName::KmsMasterKeyId).filter(|k| !k.is_empty()),
                                sqs_managed_sse: get(QueueAttributeName::SqsManagedSseEnabled)
                                    .is_some_and(|v| v.eq_ignore_ascii_case("true")),
                            }
                        });
                    Queue {
                        name: url.rsplit('/').next().unwrap_or_default().to_string(),
                        url,
                        attributes: attributes.into(),
                    }
                }
            })
            .await),
        Err(e) => Err(e),
    };
    SqsRegion { queues: queues.into() }
}
