//! The bucket policy grants no other AWS account access (named accounts, or every account through a
//! public statement). Metadata: `checks/s3/s3_bucket_cross_account_access.toml`.
//!
//! Block Public Access: with RestrictPublicBuckets in force, a bucket whose policy is public is
//! restricted to the owner account and AWS service principals, which removes the public statements
//! and also every named cross-account grant. Whether S3 deems the policy public is taken from
//! GetBucketPolicyStatus when available, else from argus's analysis.

use super::bucket_resource;
use super::common::{bucket_policy, each_bucket, policy_gate, statement_label, BucketPolicy, Gate};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::{analyse_resource_policy, Exposure};
use crate::snapshot::Fetched;
use std::collections::BTreeSet;

pub const CHECK: Check = Check { id: "s3_bucket_cross_account_access", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_bucket(ctx, out, |s3, b, out| {
        let r = bucket_resource(ctx, b);
        let policy = match bucket_policy(b) {
            BucketPolicy::Absent => return out.pass(r, "The bucket has no bucket policy."),
            BucketPolicy::Malformed(message) => return out.error_message(r, message),
            BucketPolicy::Unavailable(e) => return out.error(r, e),
            BucketPolicy::Parsed(p) => p,
        };
        let report = analyse_resource_policy(policy, ctx.account_id());
        let mut accounts = BTreeSet::new();
        let mut named_statements = Vec::new();
        let mut public_statements = Vec::new();
        let mut unresolved = BTreeSet::new();
        for st in &report.statements {
            match &st.exposure {
                Exposure::CrossAccount { accounts: a } => {
                    accounts.extend(a.iter().cloned());
                    named_statements.push(statement_label(policy, st.index));
                }
                Exposure::Public { .. } => public_statements.push(statement_label(policy, st.index)),
                _ => {}
            }
            unresolved.extend(st.unresolved_principals.iter().cloned());
        }
        let named = (!accounts.is_empty()).then(|| {
            format!(
                "account{} {} access via {}",
                if accounts.len() == 1 { "" } else { "s" },
                accounts.iter().cloned().collect::<Vec<_>>().join(", "),
                named_statements.join(", ")
            )
        });
        let public = (!public_statements.is_empty())
            .then(|| format!("every AWS account access via public {}", public_statements.join(", ")));
        let unresolved_note = if unresolved.is_empty() {
            String::new()
        } else {
            format!(
                "; principals argus cannot attribute to an account: {}",
                unresolved.into_iter().collect::<Vec<_>>().join(", ")
            )
        };
        if named.is_none() && public.is_none() {
            return out.pass(r, format_args!("The bucket policy grants no other AWS account access{unresolved_note}."));
        }

        // Which grants RestrictPublicBuckets removes: public statements when argus finds the policy
        // public; named accounts too when S3 itself deems the policy public.
        let s3_deems_public = match &b.policy_status_is_public {
            Fetched::Ok(Some(v)) => *v,
            _ => public.is_some(),
        };
        let gate = policy_gate(s3, b);
        let grants = [named.as_deref(), public.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" and ");
        // The grants RestrictPublicBuckets cannot remove (all of them when it is known to be off).
        let effective: Vec<&str> = [(named.as_deref(), s3_deems_public), (public.as_deref(), true)]
            .into_iter()
            .filter_map(|(text, removable)| text.filter(|_| !removable || gate == Gate::Open))
            .collect();
        if !effective.is_empty() {
            return out.fail(r, format_args!("The bucket policy grants {}{unresolved_note}.", effective.join(" and ")));
        }
        match gate {
            Gate::Neutralised(why) => out.pass(
                r,
                format_args!(
                    "The bucket policy grants {grants}, but the policy is public and {why}, which blocks cross-account access{unresolved_note}."
                ),
            ),
            Gate::Unknown(e) => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: the bucket policy grants {grants}, but whether RestrictPublicBuckets blocks it is unknown: {e}"
                ),
            ),
            Gate::Open => out.fail(r, format_args!("The bucket policy grants {grants}{unresolved_note}.")),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::s3::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::PublicAccessBlock;
    use crate::testing::*;

    const OTHER: &str = "444455556666";

    fn cross_account(name: &str) -> crate::snapshot::Bucket {
        let mut b = bucket(name);
        b.policy = policy_with(&format!(
            r#"{{"Sid":"Partner","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{OTHER}:role/reader"}},
               "Action":"s3:GetObject","Resource":"arn:aws:s3:::{name}/*"}}"#
        ));
        b
    }

    #[test]
    fn other_account_fails_naming_it_own_account_passes() {
        let mut s = snapshot();
        let mut own = bucket("own");
        own.policy = policy_with(&format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:role/app"}},"Action":"s3:*","Resource":"*"}}"#
        ));
        let mut service = bucket("service");
        service.policy = policy_with(&format!(
            r#"{{"Effect":"Allow","Principal":{{"Service":"logging.s3.amazonaws.com"}},"Action":"s3:PutObject",
               "Resource":"*","Condition":{{"StringEquals":{{"aws:SourceAccount":"{ACCOUNT}"}}}}}}"#
        ));
        buckets(&mut s).extend([cross_account("shared"), own, service, bucket("none")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "shared"), Status::Fail);
        let m = message_of(&f, "shared");
        assert!(m.contains(OTHER) && m.contains(r#"Statement[0] (Sid "Partner")"#), "{m}");
        assert_eq!(status_of(&f, "own"), Status::Pass);
        assert_eq!(status_of(&f, "service"), Status::Pass);
        assert_eq!(status_of(&f, "none"), Status::Pass);
    }

    #[test]
    fn public_statements_count_unless_restricted() {
        let mut s = snapshot();
        let mut public = bucket("public");
        public.policy = policy_with(r#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}"#);
        // A public statement next to a named grant: RestrictPublicBuckets removes both.
        let mut both = cross_account("both");
        both.policy = policy(&format!(
            r#"{{"Version":"2012-10-17","Statement":[
               {{"Effect":"Allow","Principal":{{"AWS":"{OTHER}"}},"Action":"s3:GetObject","Resource":"*"}},
               {{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*"}}]}}"#
        ));
        buckets(&mut s).extend([public, both, cross_account("named-only")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "public"), Status::Fail);
        assert!(message_of(&f, "public").contains("every AWS account"), "{f:#?}");
        assert_eq!(status_of(&f, "both"), Status::Fail);

        set_account_bpa(
            &mut s,
            Fetched::Ok(Some(PublicAccessBlock { restrict_public_buckets: true, ..Default::default() })),
        );
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "public"), Status::Pass);
        assert_eq!(status_of(&f, "both"), Status::Pass);
        // A policy that is not public keeps its named grants under RestrictPublicBuckets.
        assert_eq!(status_of(&f, "named-only"), Status::Fail);

        set_account_bpa(&mut s, Fetched::Err(denied("s3", "GetPublicAccessBlock")));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "public"), Status::Error);
        assert_eq!(status_of(&f, "named-only"), Status::Fail);
    }

    #[test]
    fn unreadable_or_malformed_policy_is_an_error() {
        let mut s = snapshot();
        let mut unreadable = bucket("unreadable");
        unreadable.policy = Fetched::Err(denied("s3", "GetBucketPolicy"));
        let mut malformed = bucket("malformed");
        malformed.policy = policy(r#"{"Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}"#);
        buckets(&mut s).extend([unreadable, malformed]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert_eq!(status_of(&f, "malformed"), Status::Error);
    }
}
