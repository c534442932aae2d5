//! No environment variable of a function looks like a secret. Metadata:
//! `checks/awslambda/awslambda_function_no_secrets_in_variables.toml`.
//!
//! Judged from the collector's per-variable facts: a variable FAILs when any detector matched it
//! (known credential formats, or a secret-like name with a high-entropy value). Messages show the
//! variable name, the detectors and the masked preview only — never the value.

use super::lambda_common::each_function;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "awslambda_function_no_secrets_in_variables", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_function(ctx, out, |f, r, out| {
        let suspicious: Vec<String> = f
            .environment
            .iter()
            .filter(|v| !v.detectors.is_empty())
            .map(|v| format!("{} ({}, preview {:?})", v.name, v.detectors.join(", "), v.masked_preview))
            .collect();
        let total = f.environment.len();
        if suspicious.is_empty() {
            if total == 0 {
                out.pass(r, format_args!("Function {} has no environment variables.", f.name));
            } else {
                out.pass(
                    r,
                    format_args!("None of function {}'s {total} environment variables looks like a secret.", f.name),
                );
            }
        } else {
            out.fail(
                r,
                format_args!(
                    "Function {} has {} environment variable(s) that look like secrets: {}.",
                    f.name,
                    suspicious.len(),
                    suspicious.join("; ")
                ),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::lambda_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn detected_variables_fail_with_name_detector_and_preview_only() {
        let mut s = snapshot();
        let mut leaky = function("leaky");
        leaky.environment = vec![
            env_var("LOG_LEVEL", &[], "in****"),
            env_var("AWS_KEY", &["aws-access-key-id"], "AKIA****"),
            env_var("DB_PASSWORD", &["keyword-high-entropy"], "pA****"),
        ];
        let mut clean = function("clean");
        clean.environment = vec![env_var("LOG_LEVEL", &[], "in****")];
        functions(&mut s).extend([leaky, clean, function("bare")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "leaky"), Status::Fail);
        assert_eq!(status_of(&f, "clean"), Status::Pass);
        assert_eq!(status_of(&f, "bare"), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == "leaky").unwrap().message;
        assert_eq!(
            msg,
            "Function leaky has 2 environment variable(s) that look like secrets: \
             AWS_KEY (aws-access-key-id, preview \"AKIA****\"); DB_PASSWORD (keyword-high-entropy, preview \"pA****\")."
        );
        assert!(!msg.contains("LOG_LEVEL"));
    }

    #[test]
    fn listing_failure_errors() {
        let mut s = snapshot();
        fail_listing(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
