use super::{Fetched, PolicyDocument};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SqsRegion {
    /// ListQueues, each queue's attributes read with one GetQueueAttributes.
    pub queues: Fetched<Vec<Queue>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Queue {
    pub url: String,
    /// The last segment of the URL.
    pub name: String,
    pub attributes: Fetched<QueueAttributes>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QueueAttributes {
    /// QueueArn.
    pub arn: String,
    /// Policy: the queue's access policy; `None` when it has none.
    pub policy: Option<PolicyDocument>,
    /// KmsMasterKeyId: SSE-KMS with this key.
    pub kms_master_key_id: Option<String>,
    /// SqsManagedSseEnabled: SSE with SQS-owned keys.
    pub sqs_managed_sse: bool,
}
