//! Functions do not use a deprecated runtime (`deprecated_lambda_runtimes`). Metadata:
//! `checks/awslambda/awslambda_function_using_supported_runtimes.toml`.
//!
//! Container-image functions have no managed runtime and PASS (their base image is out of scope).

use super::lambda_common::each_function;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "awslambda_function_using_supported_runtimes", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let deprecated = &ctx.config.deprecated_lambda_runtimes;
    each_function(ctx, out, |f, r, out| {
        let runtime = f.runtime.as_deref().map(str::trim).filter(|rt| !rt.is_empty());
        match runtime {
            Some(rt) if deprecated.iter().any(|d| d.eq_ignore_ascii_case(rt)) => out.fail(
                r,
                format_args!("Function {} uses runtime {rt}, which no longer receives security updates.", f.name),
            ),
            Some(rt) => out.pass(r, format_args!("Function {} uses supported runtime {rt}.", f.name)),
            None if f.package_type.as_deref().is_some_and(|p| p.eq_ignore_ascii_case("Image")) => out.pass(
                r,
                format_args!("Function {} is a container image; it has no managed runtime to deprecate.", f.name),
            ),
            None => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: Lambda reported no runtime for function {} (package type {})",
                    f.name,
                    f.package_type.as_deref().unwrap_or("unknown")
                ),
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::lambda_fixtures::*;
    use super::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::Function;
    use crate::testing::*;

    #[test]
    fn deprecated_fails_current_and_images_pass() {
        let mut s = snapshot();
        functions(&mut s).extend([
            function("current"),
            Function { runtime: Some("python3.8".into()), ..function("old") },
            Function { runtime: None, package_type: Some("Image".into()), ..function("image") },
            Function { runtime: None, package_type: Some("Zip".into()), ..function("odd") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "current"), Status::Pass);
        assert_eq!(status_of(&f, "old"), Status::Fail);
        assert_eq!(status_of(&f, "image"), Status::Pass);
        assert_eq!(status_of(&f, "odd"), Status::Error);

        let strict = Config { deprecated_lambda_runtimes: vec!["python3.12".into()], ..Config::default() };
        let f = run_with(CHECK, &s, &strict);
        assert_eq!(status_of(&f, "current"), Status::Fail);
        assert_eq!(status_of(&f, "old"), Status::Pass);
    }

    #[test]
    fn listing_failure_errors() {
        let mut s = snapshot();
        fail_listing(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
