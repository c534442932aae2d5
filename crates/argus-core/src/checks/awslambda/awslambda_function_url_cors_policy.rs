//! Function URLs do not allow every origin through CORS. Metadata:
//! `checks/awslambda/awslambda_function_url_cors_policy.toml`.
//!
//! Only functions with a URL are judged, as in Prowler: a function without one has no CORS
//! configuration (awslambda_function_url_public reports it).

use super::lambda_common::each_function;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "awslambda_function_url_cors_policy", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_function(ctx, out, |f, r, out| {
        match &f.url_config {
        Fetched::Ok(None) => {}
        Fetched::Err(e) => out.error(r, e),
        Fetched::Ok(Some(url)) => match &url.cors_allow_origins {
            None => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: the snapshot holds no CORS origins (GetFunctionUrlConfig) for function {}'s URL",
                    f.name
                ),
            ),
            Some(origins) if origins.iter().any(|o| o.trim() == "*") => out.fail(
                r,
                format_args!("Function {}'s URL {} allows every origin (\"*\") in its CORS configuration.", f.name, url.url),
            ),
            Some(origins) if origins.is_empty() => {
                out.pass(r, format_args!("Function {}'s URL {} allows no cross-origin requests.", f.name, url.url))
            }
            Some(origins) => out.pass(
                r,
                format_args!(
                    "Function {}'s URL {} allows only the origins {} in its CORS configuration.",
                    f.name,
                    url.url,
                    origins.join(", ")
                ),
            ),
        },
    }
    });
}

#[cfg(test)]
mod tests {
    use super::super::lambda_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::{Function, FunctionUrl};
    use crate::testing::*;

    fn with_cors(name: &str, origins: Option<&[&str]>) -> Function {
        let url = FunctionUrl {
            url: format!("https://{name}.lambda-url.{REGION}.on.aws/"),
            auth_type: "AWS_IAM".into(),
            cors_allow_origins: origins.map(|o| o.iter().map(|x| x.to_string()).collect()),
        };
        Function { url_config: Fetched::Ok(Some(url)), ..function(name) }
    }

    #[test]
    fn the_origins_decide() {
        let mut s = snapshot();
        functions(&mut s).extend([
            function("nourl"),
            with_cors("wide", Some(&["https://app.example.com", "*"])),
            with_cors("narrow", Some(&["https://app.example.com"])),
            with_cors("nocors", Some(&[])),
            with_cors("old-snapshot", None),
            Function { url_config: Fetched::Err(denied("lambda", "GetFunctionUrlConfig")), ..function("unreadable") },
        ]);
        let f = run_check(CHECK, &s);
        assert!(f.iter().all(|x| x.resource.id != "nourl"), "a function without a URL is not judged");
        assert_eq!(status_of(&f, "wide"), Status::Fail);
        assert_eq!(status_of(&f, "narrow"), Status::Pass);
        assert_eq!(status_of(&f, "nocors"), Status::Pass);
        assert_eq!(status_of(&f, "old-snapshot"), Status::Error);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
    }

    #[test]
    fn listing_failure_errors() {
        let mut s = snapshot();
        fail_listing(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
