//! The bucket policy denies requests made without TLS (`aws:SecureTransport` false). Metadata:
//! `checks/s3/s3_bucket_secure_transport_policy.toml`.

use super::bucket_resource;
use super::common::{bucket_policy, each_bucket, statement_label, BucketPolicy};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::statement_denies_insecure_transport;

pub const CHECK: Check = Check { id: "s3_bucket_secure_transport_policy", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |_, b, out| {
        let r = bucket_resource(ctx, b);
        let policy = match bucket_policy(b) {
            BucketPolicy::Absent => {
                return out.fail(r, "The bucket has no bucket policy, so requests over plain HTTP are not denied.")
            }
            BucketPolicy::Malformed(message) => return out.error_message(r, message),
            BucketPolicy::Unavailable(e) => return out.error(r, e),
            BucketPolicy::Parsed(p) => p,
        };
        match policy.statements.iter().position(statement_denies_insecure_transport) {
            Some(i) => out.pass(
                r,
                format_args!(
                    "{} denies every S3 action to everyone when aws:SecureTransport is false.",
                    statement_label(policy, i)
                ),
            ),
            None => out.fail(
                r,
                "The bucket policy has no statement denying all S3 actions to everyone when aws:SecureTransport is false.",
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::s3::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn tls_deny_passes_others_fail() {
        let mut s = snapshot();
        let mut tls = bucket("tls");
        tls.policy = policy_with(
            r#"{"Sid":"DenyHttp","Effect":"Deny","Principal":"*","Action":"s3:*",
               "Resource":["arn:aws:s3:::tls","arn:aws:s3:::tls/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#,
        );
        let mut partial = bucket("partial");
        partial.policy = policy_with(
            r#"{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*",
               "Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#,
        );
        buckets(&mut s).extend([tls, partial, bucket("none")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "tls"), Status::Pass);
        assert!(message_of(&f, "tls").contains(r#"Statement[0] (Sid "DenyHttp")"#), "{f:#?}");
        assert_eq!(status_of(&f, "partial"), Status::Fail);
        assert_eq!(status_of(&f, "none"), Status::Fail);
    }

    #[test]
    fn unreadable_or_malformed_policy_is_an_error() {
        let mut s = snapshot();
        let mut unreadable = bucket("unreadable");
        unreadable.policy = Fetched::Err(denied("s3", "GetBucketPolicy"));
        let mut malformed = bucket("malformed");
        malformed.policy = policy(r#"{"Version":"2012-10-17"}"#);
        buckets(&mut s).extend([unreadable, malformed]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert_eq!(status_of(&f, "malformed"), Status::Error);
        assert!(message_of(&f, "malformed").contains("missing field `Statement`"), "{f:#?}");
    }
}
