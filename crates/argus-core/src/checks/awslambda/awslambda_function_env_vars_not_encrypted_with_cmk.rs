//! Function environment variables are encrypted with a customer managed KMS key. Metadata:
//! `checks/awslambda/awslambda_function_env_vars_not_encrypted_with_cmk.toml`.
//!
//! A function without environment variables has nothing to encrypt and passes (as in Prowler); its
//! verdict needs no KMSKeyArn, so a snapshot without one still judges it.

use super::lambda_common::each_function;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "awslambda_function_env_vars_not_encrypted_with_cmk", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_function(ctx, out, |f, r, out| {
        if f.environment.is_empty() {
            return out.pass(r, format_args!("Function {} has no environment variables.", f.name));
        }
        let count = f.environment.len();
        match f.settings.as_ref().map(|s| s.kms_key_arn.as_deref()) {
            Some(Some(key)) => out.pass(
                r,
                format_args!("Function {}'s {count} environment variable(s) are encrypted with KMS key {key}.", f.name),
            ),
            Some(None) => out.fail(
                r,
                format_args!(
                    "Function {} has {count} environment variable(s) encrypted with the AWS managed key, not a \
                     customer managed KMS key.",
                    f.name
                ),
            ),
            None => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: the snapshot holds no KMSKeyArn (ListFunctions) for function {}",
                    f.name
                ),
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::lambda_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::{Function, FunctionSettings};
    use crate::testing::*;

    fn with_env(name: &str, key: Option<&str>) -> Function {
        let settings = FunctionSettings { kms_key_arn: key.map(str::to_string), ..FunctionSettings::default() };
        Function { environment: vec![env_var("MODE", &[], "pr****")], settings: Some(settings), ..function(name) }
    }

    #[test]
    fn the_key_decides_when_there_are_variables() {
        let mut s = snapshot();
        let key = format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/1234");
        functions(&mut s).extend([
            function("noenv"),
            with_env("cmk", Some(&key)),
            with_env("default-key", None),
            Function { settings: None, ..with_env("old-snapshot", None) },
            Function { settings: None, ..function("old-snapshot-noenv") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "noenv"), Status::Pass);
        assert_eq!(status_of(&f, "cmk"), Status::Pass);
        assert_eq!(status_of(&f, "default-key"), Status::Fail);
        assert_eq!(status_of(&f, "old-snapshot"), Status::Error);
        assert_eq!(status_of(&f, "old-snapshot-noenv"), Status::Pass, "no variables: the key is not needed");
        let msg = &f.iter().find(|x| x.resource.id == "cmk").unwrap().message;
        assert!(msg.contains(&key), "{msg}");
    }

    #[test]
    fn listing_failure_errors() {
        let mut s = snapshot();
        fail_listing(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
