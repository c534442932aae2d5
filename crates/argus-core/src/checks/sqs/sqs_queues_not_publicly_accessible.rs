//! Queue access policies do not let anyone send, receive or manage the queue. Metadata:
//! `checks/sqs/sqs_queues_not_publicly_accessible.toml`.

use super::each_queue;
use crate::checks::kms::{judge_resource_policy, PolicyVerdict};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "sqs_queues_not_publicly_accessible", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_queue(ctx, out, |q, attributes, r, out| {
        let Some(doc) = &attributes.policy else {
            return out.pass(r, format_args!("Queue {} has no access policy.", q.name));
        };
        match judge_resource_policy(doc, "the access policy", ctx.account_id()) {
            PolicyVerdict::Malformed(m) => out.error_message(r, m),
            PolicyVerdict::Public(m) => out.fail(r, format_args!("Queue {}: {m}.", q.name)),
            PolicyVerdict::NotPublic(m) => out.pass(r, format_args!("Queue {}: {m}.", q.name)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::sqs::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    fn with_policy(name: &str, json: &str) -> crate::snapshot::Queue {
        let mut q = queue(name);
        attributes(&mut q).policy = Some(doc(json));
        q
    }

    #[test]
    fn public_policy_fails_pinned_or_cross_account_ones_pass_and_unreadable_ones_are_errors() {
        let mut s = snapshot();
        let public = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage","Resource":"*"}]}"#;
        let from_topic = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:alerts"}}}]}"#;
        let cross = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sqs:ReceiveMessage","Resource":"*"}]}"#;
        let mut unreadable = queue("unreadable");
        unreadable.attributes = Fetched::Err(denied("sqs", "GetQueueAttributes"));
        queues(&mut s).extend([
            queue("none"),
            with_policy("public", public),
            with_policy("from-topic", from_topic),
            with_policy("cross", cross),
            with_policy("broken", "not json"),
            unreadable,
        ]);
        let f = run_check(CHECK, &s);
        let msg = |n: &str| f.iter().find(|x| x.resource.name == n).unwrap().message.clone();
        assert_eq!(status_of(&f, &queue_arn("none")), Status::Pass);
        assert_eq!(status_of(&f, &queue_arn("public")), Status::Fail);
        assert!(msg("public").contains("allows anyone sqs:SendMessage"), "{}", msg("public"));
        assert_eq!(status_of(&f, &queue_arn("from-topic")), Status::Pass, "{}", msg("from-topic"));
        assert_eq!(status_of(&f, &queue_arn("cross")), Status::Pass);
        assert!(msg("cross").contains("444455556666"), "{}", msg("cross"));
        assert_eq!(status_of(&f, &queue_arn("broken")), Status::Error);
        let unreadable = f.iter().find(|x| x.resource.name == "unreadable").unwrap();
        assert_eq!(unreadable.status, Status::Error);
        assert!(unreadable.message.contains("GetQueueAttributes"), "{}", unreadable.message);
        assert_eq!(unreadable.resource.id, format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/unreadable"));
    }

    #[test]
    fn a_failed_listing_is_one_region_error() {
        let mut s = snapshot();
        region_mut(&mut s, REGION).sqs.as_mut().unwrap().queues = Fetched::Err(denied("sqs", "ListQueues"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
