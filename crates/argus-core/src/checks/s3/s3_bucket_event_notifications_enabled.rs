//! The bucket sends event notifications somewhere (SNS, SQS, Lambda or EventBridge). Metadata:
//! `checks/s3/s3_bucket_event_notifications_enabled.toml`.

use super::bucket_resource;
use super::common::each_bucket;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "s3_bucket_event_notifications_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |_, b, out| {
        let r = bucket_resource(ctx, b);
        let n = match &b.notifications {
            Fetched::Err(e) => return out.error(r, e),
            Fetched::Ok(n) => n,
        };
        if !n.any() {
            return out
                .fail(r, "The bucket sends no event notifications (no SNS, SQS, Lambda or EventBridge destination).");
        }
        let mut to = Vec::new();
        for (count, kind) in
            [(n.sns_topics, "SNS topic"), (n.sqs_queues, "SQS queue"), (n.lambda_functions, "Lambda function")]
        {
            if count > 0 {
                to.push(format!("{count} {kind}(s)"));
            }
        }
        if n.eventbridge {
            to.push("EventBridge".into());
        }
        out.pass(r, format_args!("Event notifications go to {}.", to.join(", ")));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::EventNotifications;
    use crate::testing::*;

    #[test]
    fn any_destination_passes_none_fails_unreadable_errors() {
        let mut s = snapshot();
        let mut queued = bucket("queued");
        queued.notifications = Fetched::Ok(EventNotifications { sqs_queues: 2, ..Default::default() });
        let mut bridged = bucket("bridged");
        bridged.notifications = Fetched::Ok(EventNotifications { eventbridge: true, ..Default::default() });
        let mut unreadable = bucket("unreadable");
        unreadable.notifications = Fetched::Err(denied("s3", "GetBucketNotificationConfiguration"));
        buckets(&mut s).extend([queued, bridged, bucket("silent"), unreadable]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "queued"), Status::Pass);
        assert_eq!(finding_message(&f, "queued"), "Event notifications go to 2 SQS queue(s).");
        assert_eq!(status_of(&f, "bridged"), Status::Pass);
        assert_eq!(status_of(&f, "silent"), Status::Fail);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
    }
}
