use super::{Fetched, PolicyDocument};
use serde::{Deserialize, Serialize};

/// SNS topics and subscriptions of one region.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SnsRegion {
    pub topics: Fetched<Vec<Topic>>,
    /// Every subscription of the region (ListSubscriptions), any topic.
    pub subscriptions: Fetched<Vec<Subscription>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Topic {
    pub arn: String,
    pub name: String,
    pub attributes: Fetched<TopicAttributes>,
}

/// GetTopicAttributes, reduced to what the checks judge.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct TopicAttributes {
    /// The access policy; `None` when the topic has none.
    pub policy: Option<PolicyDocument>,
    /// `KmsMasterKeyId`: the key (id, ARN or alias) of server-side encryption; `None` when off.
    pub kms_master_key_id: Option<String>,
    /// `SubscriptionsConfirmed`.
    pub subscriptions_confirmed: Option<u64>,
    /// The endpoint kinds whose delivery-status failures are logged to CloudWatch Logs: the prefix of
    /// each non-empty `<Kind>FailureFeedbackRoleArn` attribute (`SQS`, `Lambda`, `HTTP`, `Application`,
    /// `Firehose`). `None` in snapshots from before argus kept them.
    #[serde(default)]
    pub delivery_status_logging: Option<Vec<String>>,
}

/// A subscription; its endpoint (an address, URL or phone number) is not kept, only its protocol.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Subscription {
    /// The subscription ARN, or `PendingConfirmation` while unconfirmed.
    pub arn: String,
    pub topic_arn: String,
    /// `http`, `https`, `email`, `sqs`, `lambda`, ...
    pub protocol: String,
}

impl Subscription {
    pub fn is_confirmed(&self) -> bool {
        self.arn.starts_with("arn:")
    }
}
