//! No container of a task definition has an environment variable that looks like a secret. Metadata:
//! `checks/ecs/ecs_task_definitions_no_environment_secrets.toml`.
//!
//! Judged from the facts the collector kept of each variable, reduced exactly as Lambda's
//! (`argus_core::env_facts`), with the config's ignore patterns applied the same way. Messages name
//! the container, the variable, the detectors and a masked preview only.

use super::{each_task_definition, label};
use crate::checks::secret_findings::{describe, SecretFilter};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ecs_task_definitions_no_environment_secrets", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let filter = SecretFilter::new(ctx.config);
    each_task_definition(ctx, out, |td, r, out| {
        let (mut secrets, mut ignored, mut total) = (Vec::new(), 0, 0);
        for c in &td.containers {
            for v in &c.environment {
                total += 1;
                let detectors = filter.counted(v);
                if !detectors.is_empty() {
                    secrets.push(format!("{}: {}", c.name, describe(v, &detectors)));
                } else if !v.detectors.is_empty() {
                    ignored += 1;
                }
            }
        }
        if !secrets.is_empty() {
            out.fail(
                r,
                format_args!(
                    "{} has {} environment variable(s) that look like secrets: {}.",
                    label(td),
                    secrets.len(),
                    secrets.join("; ")
                ),
            );
        } else {
            let note = match ignored {
                0 => String::new(),
                n => format!(" ({n} ignored by the config's secrets_ignore_names/secrets_ignore_values)"),
            };
            if total == 0 {
                out.pass(r, format_args!("{} has no environment variables.", label(td)));
            } else {
                out.pass(
                    r,
                    format_args!(
                        "None of the {total} environment variables of {} looks like a secret{note}.",
                        label(td).to_lowercase()
                    ),
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::checks::awslambda::lambda_fixtures::env_var;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn a_secret_in_any_container_fails_with_container_name_and_preview() {
        let mut s = snapshot();
        let mut app = container("app");
        app.environment = vec![
            env_var("LOG_LEVEL", &[], "de****"),
            env_var("DB_PASSWORD", &["secret-name-high-entropy"], "Zq8r****"),
        ];
        let mut clean = container("app");
        clean.environment = vec![env_var("LOG_LEVEL", &[], "de****")];
        add(&mut s, task_definition("leaky", vec![container("sidecar"), app]));
        add(&mut s, task_definition("clean", vec![clean]));
        let f = run_check(CHECK, &s);
        let leaky = f.iter().find(|x| x.resource.name == "leaky").unwrap();
        assert_eq!(leaky.status, Status::Fail);
        assert_eq!(
            leaky.message.as_str(),
            "Task definition leaky:3 has 1 environment variable(s) that look like secrets: \
             app: DB_PASSWORD (secret-name-high-entropy, preview \"Zq8r****\")."
        );
        assert_eq!(f.iter().find(|x| x.resource.name == "clean").unwrap().status, Status::Pass);
    }

    #[test]
    fn config_name_patterns_silence_name_driven_detectors_only() {
        let mut s = snapshot();
        let mut app = container("app");
        app.environment = vec![env_var("DB_PASSWORD", &["secret-name-high-entropy"], "Zq8r****")];
        add(&mut s, task_definition("web", vec![app]));
        let config = crate::engine::Config { secrets_ignore_names: vec!["db_*".into()], ..Default::default() };
        let f = run_with(CHECK, &s, &config);
        assert_eq!(f[0].status, Status::Pass);
        assert!(f[0].message.contains("(1 ignored by the config"), "{}", f[0].message);
    }

    #[test]
    fn failed_reads_are_errors() {
        assert_errors(CHECK);
    }
}
