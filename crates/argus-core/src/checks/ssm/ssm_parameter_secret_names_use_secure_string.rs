//! A parameter whose name says it holds a secret is a SecureString. Metadata:
//! `checks/ssm/ssm_parameter_secret_names_use_secure_string.toml`.
//!
//! Judged by name only: argus never reads a parameter's value (GetParameters is not in AWS's
//! SecurityAudit policy, and granting it would let the auditor read every parameter). The last path
//! segment is matched against the same secret-name keywords as environment variables; names that
//! describe or point at a secret (`…_ARN`, `…_PARAM`, `…_URL`) are not secrets. The config's
//! `secrets_ignore_names` globs silence a name (matched against the whole name and its last segment).

use super::each_parameter;
use crate::checks::secret_findings::SecretFilter;
use crate::engine::{Check, CheckContext, Findings};
use crate::env_facts::{has_secret_keyword, is_descriptive_name, is_pointer_name};

pub const CHECK: Check = Check { id: "ssm_parameter_secret_names_use_secure_string", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let filter = SecretFilter::new(ctx.config);
    each_parameter(ctx, out, |_, p, r, out| {
        let leaf = p.name.rsplit('/').next().unwrap_or(&p.name);
        let (name, kind) = (&p.name, &p.parameter_type);
        let secret_like = has_secret_keyword(leaf) && !is_descriptive_name(leaf) && !is_pointer_name(leaf);
        if kind.is_empty() {
            out.error_message(r, format_args!("DescribeParameters reported no Type for parameter {name}."));
        } else if kind == "SecureString" {
            out.pass(r, format_args!("Parameter {name} is a SecureString."));
        } else if !secret_like {
            out.pass(r, format_args!("Parameter {name} is a {kind}; its name does not say it holds a secret."));
        } else if filter.name_ignored(name) || filter.name_ignored(leaf) {
            out.pass(r, format_args!("Parameter {name} is a {kind} whose name looks secret, ignored by the config's secrets_ignore_names."));
        } else {
            out.fail(r, format_args!("Parameter {name} is a {kind} (stored and shown in plain text), but its name says it holds a secret."));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn secret_names_in_plain_types_fail() {
        let mut s = snapshot();
        let list = crate::testing::list(&mut ssm(&mut s).parameters);
        list.extend([
            parameter("/prod/db/password", "String", None),
            parameter("/prod/api_tokens", "StringList", None),
            parameter("/prod/db/password2", "SecureString", Some("alias/aws/ssm")),
            parameter("/prod/log_level", "String", None),
            parameter("/prod/token_url", "String", None),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "/prod/db/password"), Status::Fail);
        assert_eq!(status_of(&f, "/prod/api_tokens"), Status::Fail);
        assert_eq!(status_of(&f, "/prod/db/password2"), Status::Pass);
        assert_eq!(status_of(&f, "/prod/log_level"), Status::Pass);
        assert_eq!(status_of(&f, "/prod/token_url"), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == "/prod/db/password").unwrap().message;
        assert_eq!(msg.as_str(), "Parameter /prod/db/password is a String (stored and shown in plain text), but its name says it holds a secret.");
    }

    #[test]
    fn config_names_silence_and_a_failed_listing_errors() {
        let mut s = snapshot();
        crate::testing::list(&mut ssm(&mut s).parameters).push(parameter("/dev/password", "String", None));
        let config = crate::engine::Config { secrets_ignore_names: vec!["/dev/*".into()], ..Default::default() };
        assert_eq!(run_with(CHECK, &s, &config)[0].status, Status::Pass);
        ssm(&mut s).parameters = crate::snapshot::Fetched::Err(denied("ssm", "DescribeParameters"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
