//! No environment variable of a function looks like a secret. Metadata:
//! `checks/awslambda/awslambda_function_no_secrets_in_variables.toml`.
//!
//! Judged from the collector's per-variable facts: a variable FAILs when any detector matched it
//! (known credential formats, or a secret-like name with a high-entropy value). Messages show the
//! variable name, the detectors and the masked preview only — never the value.
//!
//! The config's ignore patterns: a value pattern matched at collection (`value_ignored`) silences
//! every detector of that variable; a name pattern (`secrets_ignore_names`, applied here since names
//! are in the snapshot) silences only the name-driven detector, so a known credential format under
//! an ignored name is still reported. The PASS message says how many variables were ignored.

use super::lambda_common::each_function;
use crate::engine::{Check, CheckContext, Findings};
use crate::env_facts::{Globs, SECRET_NAME_HIGH_ENTROPY};
use crate::snapshot::EnvVarFacts;

pub const CHECK: Check = Check { id: "awslambda_function_no_secrets_in_variables", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    // The config has compiled these already (Config::validate); an error here ignores no name.
    let ignored_names = Globs::new(&ctx.config.secrets_ignore_names, true).ok();
    // The detectors that still count for `v` once the config's patterns are applied.
    let counted = |v: &EnvVarFacts| -> Vec<String> {
        if v.value_ignored {
            return vec![];
        }
        let name_ignored = ignored_names.as_ref().is_some_and(|g| g.matches(&v.name));
        v.detectors.iter().filter(|d| !(name_ignored && *d == SECRET_NAME_HIGH_ENTROPY)).cloned().collect()
    };
    each_function(ctx, out, |f, r, out| {
        let mut ignored = 0;
        let mut suspicious: Vec<String> = Vec::new();
        for v in &f.environment {
            let detectors = counted(v);
            if !detectors.is_empty() {
                suspicious.push(format!("{} ({}, preview {:?})", v.name, detectors.join(", "), v.masked_preview));
            } else if !v.detectors.is_empty() {
                ignored += 1;
            }
        }
        let total = f.environment.len();
        let ignored_note = match ignored {
            0 => String::new(),
            n => format!(" ({n} ignored by the config's secrets_ignore_names/secrets_ignore_values)"),
        };
        if suspicious.is_empty() {
            if total == 0 {
                out.pass(r, format_args!("Function {} has no environment variables.", f.name));
            } else {
                out.pass(
                    r,
                    format_args!(
                        "None of function {}'s {total} environment variables looks like a secret{ignored_note}.",
                        f.name
                    ),
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
    fn config_patterns_silence_what_they_name_and_nothing_more() {
        let mut s = snapshot();
        let mut f = function("fn");
        let mut by_value = env_var("EXAMPLE_KEY", &["aws-access-key-id"], "AKIA****");
        by_value.value_ignored = true;
        f.environment = vec![
            by_value,
            env_var("DB_TOKEN_PARAM", &[SECRET_NAME_HIGH_ENTROPY], "/p****"),
            env_var("LEGACY_PARAM", &["aws-access-key-id"], "AKIA****"),
        ];
        functions(&mut s).push(f);
        let config = crate::engine::Config { secrets_ignore_names: vec!["*_param".into()], ..Default::default() };
        let findings = run_with(CHECK, &s, &config);
        let msg = &findings[0].message;
        // A known format under an ignored name is still a secret; the other two are ignored.
        assert_eq!(findings[0].status, Status::Fail);
        assert_eq!(
            msg,
            "Function fn has 1 environment variable(s) that look like secrets: \
             LEGACY_PARAM (aws-access-key-id, preview \"AKIA****\")."
        );
        functions(&mut s)[0].environment.pop();
        let findings = run_with(CHECK, &s, &config);
        assert_eq!(findings[0].status, Status::Pass);
        assert_eq!(
            findings[0].message,
            "None of function fn's 2 environment variables looks like a secret \
             (2 ignored by the config's secrets_ignore_names/secrets_ignore_values)."
        );
        // Without the name pattern the name-driven detector counts again.
        assert_eq!(run_check(CHECK, &s)[0].status, Status::Fail);
    }

    #[test]
    fn listing_failure_errors() {
        let mut s = snapshot();
        fail_listing(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
