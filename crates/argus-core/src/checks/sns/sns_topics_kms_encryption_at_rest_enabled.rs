//! Topics encrypt messages at rest with a KMS key (server-side encryption). Metadata:
//! `checks/sns/sns_topics_kms_encryption_at_rest_enabled.toml`.

use super::each_topic;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "sns_topics_kms_encryption_at_rest_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_topic(ctx, out, |t, r, out| match &t.attributes {
        Fetched::Err(e) => out.error(r, e),
        Fetched::Ok(a) => match &a.kms_master_key_id {
            Some(key) => out.pass(r, format_args!("Topic {} is encrypted at rest with KMS key {key}.", t.name)),
            None => out.fail(r, format_args!("Topic {} is not encrypted at rest (no KmsMasterKeyId).", t.name)),
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
        let mut encrypted = topic("encrypted");
        encrypted.attributes =
            Fetched::Ok(TopicAttributes { kms_master_key_id: Some("alias/aws/sns".into()), ..Default::default() });
        let mut unreadable = topic("unreadable");
        unreadable.attributes = Fetched::Err(denied("sns", "GetTopicAttributes"));
        topics(&mut s).extend([encrypted, topic("plain"), unreadable]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &topic_arn("encrypted")), Status::Pass);
        assert_eq!(status_of(&f, &topic_arn("plain")), Status::Fail);
        assert_eq!(status_of(&f, &topic_arn("unreadable")), Status::Error);
    }
}
