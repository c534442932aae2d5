//! Function URLs require IAM authentication (no URL with AuthType NONE). Metadata:
//! `checks/awslambda/awslambda_function_url_public.toml`.

use super::lambda_common::each_function;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "awslambda_function_url_public", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_function(ctx, out, |f, r, out| match &f.url_config {
        Fetched::Ok(None) => out.pass(r, format_args!("Function {} has no function URL.", f.name)),
        Fetched::Ok(Some(url)) if url.auth_type.eq_ignore_ascii_case("NONE") => out.fail(
            r,
            format_args!(
                "Function {}'s URL {} has AuthType NONE: anyone on the internet can invoke it.",
                f.name, url.url
            ),
        ),
        Fetched::Ok(Some(url)) => out
            .pass(r, format_args!("Function {}'s URL {} requires {} authentication.", f.name, url.url, url.auth_type)),
        Fetched::Err(e) => out.error(r, e),
    });
}

#[cfg(test)]
mod tests {
    use super::super::lambda_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::{Function, FunctionUrl};
    use crate::testing::*;

    fn with_url(name: &str, auth: &str) -> Function {
        let url = FunctionUrl {
            url: format!("https://{name}.lambda-url.{REGION}.on.aws/"),
            auth_type: auth.into(),
            cors_allow_origins: Some(vec![]),
        };
        Function { url_config: Fetched::Ok(Some(url)), ..function(name) }
    }

    #[test]
    fn auth_type_decides() {
        let mut s = snapshot();
        functions(&mut s).extend([
            function("nourl"),
            with_url("open", "NONE"),
            with_url("iam", "AWS_IAM"),
            Function { url_config: Fetched::Err(denied("lambda", "GetFunctionUrlConfig")), ..function("unreadable") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "nourl"), Status::Pass);
        assert_eq!(status_of(&f, "open"), Status::Fail);
        assert_eq!(status_of(&f, "iam"), Status::Pass);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        let msg = &f.iter().find(|x| x.resource.id == "open").unwrap().message;
        assert!(msg.contains("https://open.lambda-url.us-east-1.on.aws/ has AuthType NONE"), "{msg}");
    }

    #[test]
    fn listing_failure_errors() {
        let mut s = snapshot();
        fail_listing(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
