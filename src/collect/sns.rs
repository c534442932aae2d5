//! SNS, per region: topics with their attributes, and every subscription in one paginated
//! ListSubscriptions (not one ListSubscriptionsByTopic per topic). Subscription endpoints (addresses,
//! URLs, phone numbers) are not kept: the checks need only the protocol.

use super::{Collector, Service};
use crate::snapshot::{CollectionError, PolicyDocument, SnsRegion, Subscription, Topic, TopicAttributes};

pub(super) async fn collect(c: &Collector, region: &str) -> SnsRegion {
    let client = c.ctx.sns(region);
    let api = c.api("SNS", Service::Sns, Some(region));
    let (topics, subscriptions) = futures::join!(
        api.call("ListTopics", None, || client.list_topics().into_paginator().items().send().try_collect()),
        api.call("ListSubscriptions", None, || client
            .list_subscriptions()
            .into_paginator()
            .items()
            .send()
            .try_collect()),
    );
    let topics: Result<Vec<_>, CollectionError> = topics;
    let topics = match topics {
        Ok(list) => Ok(c
            .fan_out(list, |t| {
                let (api, client) = (&api, &client);
                async move {
                    let arn = t.topic_arn().unwrap_or_default().to_string();
                    let attributes = api
                        .call("GetTopicAttributes", Some(&arn), || client.get_topic_attributes().topic_arn(&arn).send())
                        .await
                        .map(|o| {
                            let attrs = o.attributes();
                            let get = |k: &str| attrs.and_then(|a| a.get(k)).filter(|v| !v.is_empty());
                            TopicAttributes {
                                policy: get("Policy").map(|p| PolicyDocument::from_json_text(p)),
                                kms_master_key_id: get("KmsMasterKeyId").cloned(),
                                subscriptions_confirmed: get("SubscriptionsConfirmed").and_then(|n| n.parse().ok()),
                                delivery_status_logging: Some(
                                    attrs
                                        .into_iter()
                                        .flatten()
                                        .filter(|(_, v)| !v.trim().is_empty())
                                        .filter_map(|(k, _)| k.strip_suffix("FailureFeedbackRoleArn"))
                                        .map(str::to_string)
                                        .collect(),
                                ),
                            }
                        });
                    Topic {
                        name: arn.rsplit(':').next().unwrap_or_default().to_string(),
                        attributes: attributes.into(),
                        arn,
                    }
                }
            })
            .await),
        Err(e) => Err(e),
    };
    let subscriptions: Result<Vec<_>, CollectionError> = subscriptions;
    let subscriptions = subscriptions.map(|list| {
        list.iter()
            .map(|s| Subscription {
                arn: s.subscription_arn().unwrap_or_default().to_string(),
                topic_arn: s.topic_arn().unwrap_or_default().to_string(),
                protocol: s.protocol().unwrap_or_default().to_string(),
            })
            .collect()
    });
    SnsRegion { topics: topics.into(), subscriptions: subscriptions.into() }
}
