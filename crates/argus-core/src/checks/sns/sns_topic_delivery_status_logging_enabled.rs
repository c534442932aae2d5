//! SNS topics log the delivery status of their messages (FSBP SNS.2). Metadata:
//! `checks/sns/sns_topic_delivery_status_logging_enabled.toml`.

use super::each_topic;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "sns_topic_delivery_status_logging_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_topic(ctx, out, |t, r, out| match &t.attributes {
        Fetched::Err(e) => out.error(r, e),
        Fetched::Ok(a) => match &a.delivery_status_logging {
            Some(kinds) if !kinds.is_empty() => {
                out.pass(r, format_args!("Topic {} logs the delivery status of {} messages.", t.name, kinds.join(", ")))
            }
            Some(_) => out.fail(
                r,
                format_args!("Topic {} does not log delivery status (no FailureFeedbackRoleArn attribute).", t.name),
            ),
            None => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: the delivery status attributes (GetTopicAttributes) of topic {} were not \
                     collected",
                    t.name
                ),
            ),
        },
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::TopicAttributes;
    use crate::testing::*;

    #[test]
    fn pass_fail_and_error() {
        let mut s = snapshot();
        let mut logged = topic("logged");
        logged.attributes = Fetched::Ok(TopicAttributes {
            delivery_status_logging: Some(vec!["SQS".into(), "Lambda".into()]),
            ..Default::default()
        });
        let mut old = topic("old");
        old.attributes = Fetched::Ok(TopicAttributes::default());
        let mut unreadable = topic("unreadable");
        unreadable.attributes = Fetched::Err(denied("sns", "GetTopicAttributes"));
        topics(&mut s).extend([logged, topic("silent"), old, unreadable]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &topic_arn("logged")), Status::Pass);
        assert_eq!(
            finding_message(&f, &topic_arn("logged")),
            "Topic logged logs the delivery status of SQS, Lambda messages."
        );
        assert_eq!(status_of(&f, &topic_arn("silent")), Status::Fail);
        assert_eq!(status_of(&f, &topic_arn("old")), Status::Error);
        assert_eq!(status_of(&f, &topic_arn("unreadable")), Status::Error);
    }
}
