//! Fixture builders for SQS check tests.

use crate::snapshot::*;
use crate::testing::*;

/// The default region's queue list.
pub(crate) fn queues(s: &mut Snapshot) -> &mut Vec<Queue> {
    list(&mut region_mut(s, REGION).sqs.as_mut().expect("fixture has SQS").queues)
}

pub(crate) fn queue_arn(name: &str) -> String {
    format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{name}")
}

/// A queue with SQS-managed encryption and no access policy.
pub(crate) fn queue(name: &str) -> Queue {
    Queue {
        url: format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{name}"),
        name: name.into(),
        attributes: Fetched::Ok(QueueAttributes {
            arn: queue_arn(name),
            policy: None,
            kms_master_key_id: None,
            sqs_managed_sse: true,
        }),
    }
}

/// The attributes of a fixture queue.
pub(crate) fn attributes(q: &mut Queue) -> &mut QueueAttributes {
    match &mut q.attributes {
        Fetched::Ok(a) => a,
        Fetched::Err(_) => panic!("the fixture queue's attributes were not read"),
    }
}
