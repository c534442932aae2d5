//! Queues are encrypted at rest, with SQS-owned keys (SSE-SQS) or a KMS key (SSE-KMS) (FSBP SQS.1).
//! Metadata: `checks/sqs/sqs_queues_server_side_encryption_enabled.toml`.

use super::each_queue;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "sqs_queues_server_side_encryption_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_queue(ctx, out, |q, attributes, r, out| match (&attributes.kms_master_key_id, attributes.sqs_managed_sse) {
        (Some(key), _) => out.pass(r, format_args!("Queue {} is encrypted with KMS key {key}.", q.name)),
        (None, true) => out.pass(r, format_args!("Queue {} is encrypted with SQS-owned keys (SSE-SQS).", q.name)),
        (None, false) => out.fail(r, format_args!("Queue {} is not encrypted at rest.", q.name)),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::sqs::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn kms_or_sqs_managed_encryption_passes_none_fails_and_unreadable_attributes_are_errors() {
        let mut s = snapshot();
        let mut kms = queue("kms");
        attributes(&mut kms).kms_master_key_id = Some("alias/aws/sqs".into());
        attributes(&mut kms).sqs_managed_sse = false;
        let mut plain = queue("plain");
        attributes(&mut plain).sqs_managed_sse = false;
        let mut unreadable = queue("unreadable");
        unreadable.attributes = Fetched::Err(denied("sqs", "GetQueueAttributes"));
        queues(&mut s).extend([queue("managed"), kms, plain, unreadable]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &queue_arn("managed")), Status::Pass);
        assert_eq!(status_of(&f, &queue_arn("kms")), Status::Pass);
        assert_eq!(status_of(&f, &queue_arn("plain")), Status::Fail);
        assert_eq!(f.iter().find(|x| x.resource.name == "unreadable").unwrap().status, Status::Error);
    }

    #[test]
    fn a_failed_listing_is_one_region_error() {
        let mut s = snapshot();
        region_mut(&mut s, REGION).sqs.as_mut().unwrap().queues = Fetched::Err(denied("sqs", "ListQueues"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
