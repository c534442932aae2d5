//! Function resource-based policies do not let anyone invoke or manage the function. Metadata:
//! `checks/awslambda/awslambda_function_not_publicly_accessible.toml`.

use super::lambda_common::each_function;
use crate::checks::kms::{judge_resource_policy, PolicyVerdict};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "awslambda_function_not_publicly_accessible", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_function(ctx, out, |f, r, out| {
        let doc = match &f.policy {
            Fetched::Ok(Some(doc)) => doc,
            Fetched::Ok(None) => return out.pass(r, format_args!("Function {} has no resource-based policy.", f.name)),
            Fetched::Err(e) => return out.error(r, e),
        };
        match judge_resource_policy(doc, "the resource-based policy", ctx.account_id()) {
            PolicyVerdict::Malformed(m) => out.error_message(r, m),
            PolicyVerdict::Public(m) => out.fail(r, format_args!("Function {}: {m}.", f.name)),
            PolicyVerdict::NotPublic(m) => out.pass(r, format_args!("Function {}: {m}.", f.name)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::lambda_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Function;
    use crate::testing::*;

    fn with_policy(name: &str, json: &str) -> Function {
        Function { policy: Fetched::Ok(Some(doc(json))), ..function(name) }
    }

    #[test]
    fn public_policy_fails_pinned_and_service_pass_unreadable_errors() {
        let mut s = snapshot();
        let public = r#"{"Version":"2012-10-17","Statement":[{"Sid":"open","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"*"}]}"#;
        let s3_trigger = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"s3","Effect":"Allow","Principal":{{"Service":"s3.amazonaws.com"}},
            "Action":"lambda:InvokeFunction","Resource":"*","Condition":{{"StringEquals":{{"AWS:SourceAccount":"{ACCOUNT}"}},
            "ArnLike":{{"AWS:SourceArn":"arn:aws:s3:::uploads"}}}}}}]}}"#
        );
        let pinned_star = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction",
            "Resource":"*","Condition":{{"StringEquals":{{"aws:SourceAccount":"{ACCOUNT}"}}}}}}]}}"#
        );
        functions(&mut s).extend([
            function("nopolicy"),
            with_policy("public", public),
            with_policy("s3", &s3_trigger),
            with_policy("pinned", &pinned_star),
            with_policy("broken", r#"{"Statement":"nope"}"#),
            Function { policy: Fetched::Err(denied("lambda", "GetPolicy")), ..function("unreadable") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "nopolicy"), Status::Pass);
        assert_eq!(status_of(&f, "public"), Status::Fail);
        assert_eq!(status_of(&f, "s3"), Status::Pass);
        assert_eq!(status_of(&f, "pinned"), Status::Pass);
        assert_eq!(status_of(&f, "broken"), Status::Error);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        let msg = &f.iter().find(|x| x.resource.id == "public").unwrap().message;
        assert!(msg.contains("statement \"open\" allows anyone lambda:InvokeFunction"), "{msg}");
        let msg = &f.iter().find(|x| x.resource.id == "unreadable").unwrap().message;
        assert!(msg.starts_with("could not be evaluated: lambda:GetPolicy failed"), "{msg}");
    }

    #[test]
    fn listing_failure_errors() {
        let mut s = snapshot();
        fail_listing(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
