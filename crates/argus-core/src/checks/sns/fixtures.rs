//! Fixture builders for SNS check tests.

use crate::snapshot::*;
use crate::testing::*;

pub(crate) fn topics(s: &mut Snapshot) -> &mut Vec<Topic> {
    list(&mut region_mut(s, REGION).sns.as_mut().expect("fixture has SNS").topics)
}

pub(crate) fn subscriptions(s: &mut Snapshot) -> &mut Vec<Subscription> {
    list(&mut region_mut(s, REGION).sns.as_mut().expect("fixture has SNS").subscriptions)
}

pub(crate) fn topic_arn(name: &str) -> String {
    format!("arn:aws:sns:{REGION}:{ACCOUNT}:{name}")
}

/// A topic without a policy, unencrypted, with one confirmed subscription.
pub(crate) fn topic(name: &str) -> Topic {
    Topic {
        arn: topic_arn(name),
        name: name.into(),
        attributes: Fetched::Ok(TopicAttributes {
            subscriptions_confirmed: Some(1),
            delivery_status_logging: Some(vec![]),
            ..Default::default()
        }),
    }
}

pub(crate) fn subscription(topic: &str, id: &str, protocol: &str) -> Subscription {
    Subscription { arn: format!("{}:{id}", topic_arn(topic)), topic_arn: topic_arn(topic), protocol: protocol.into() }
}
