//! Topic access policies do not let anyone publish to or subscribe to the topic. Metadata:
//! `checks/sns/sns_topics_not_publicly_accessible.toml`.
//!
//! Judged by the policy analyser like every other resource policy: a `*` principal pinned by a
//! condition such as `aws:SourceAccount`, `aws:SourceArn` of this account or `aws:PrincipalOrgID`
//! is not public.

use super::each_topic;
use crate::checks::kms::{judge_resource_policy, PolicyVerdict};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "sns_topics_not_publicly_accessible", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_topic(ctx, out, |t, r, out| {
        let attrs = match &t.attributes {
            Fetched::Ok(a) => a,
            Fetched::Err(e) => return out.error(r, e),
        };
        let Some(doc) = &attrs.policy else {
            return out.pass(r, format_args!("Topic {} has no access policy.", t.name));
        };
        match judge_resource_policy(doc, "the topic policy", ctx.account_id()) {
            PolicyVerdict::Malformed(m) => out.error_message(r, m),
            PolicyVerdict::Public(m) => out.fail(r, format_args!("Topic {}: {m}.", t.name)),
            PolicyVerdict::NotPublic(m) => out.pass(r, format_args!("Topic {}: {m}.", t.name)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::TopicAttributes;
    use crate::testing::*;

    fn with_policy(name: &str, json: &str) -> crate::snapshot::Topic {
        let mut t = topic(name);
        t.attributes = Fetched::Ok(TopicAttributes { policy: Some(doc(json)), ..Default::default() });
        t
    }

    #[test]
    fn public_pinned_private_and_unreadable() {
        let mut s = snapshot();
        let open = r#"{"Statement":[{"Sid":"Anyone","Effect":"Allow","Principal":"*","Action":["SNS:Publish","SNS:Subscribe"],"Resource":"*"}]}"#;
        let pinned = format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"*"}},"Action":"SNS:Publish","Resource":"*","Condition":{{"StringEquals":{{"AWS:SourceOwner":"{ACCOUNT}"}}}}}}]}}"#
        );
        let mut unreadable = topic("unreadable");
        unreadable.attributes = Fetched::Err(denied("sns", "GetTopicAttributes"));
        topics(&mut s).extend([
            topic("none"),
            with_policy("open", open),
            with_policy("pinned", &pinned),
            with_policy("broken", "{\"Statement\": ["),
            unreadable,
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &topic_arn("none")), Status::Pass);
        assert_eq!(status_of(&f, &topic_arn("open")), Status::Fail);
        assert_eq!(status_of(&f, &topic_arn("pinned")), Status::Pass);
        assert_eq!(status_of(&f, &topic_arn("broken")), Status::Error);
        assert_eq!(status_of(&f, &topic_arn("unreadable")), Status::Error);
        let open_msg = &f.iter().find(|x| x.resource.name == "open").unwrap().message;
        assert!(open_msg.contains("statement \"Anyone\" allows anyone"), "{open_msg}");

        let mut s = snapshot();
        region_mut(&mut s, REGION).sns.as_mut().unwrap().topics = Fetched::Err(denied("sns", "ListTopics"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
