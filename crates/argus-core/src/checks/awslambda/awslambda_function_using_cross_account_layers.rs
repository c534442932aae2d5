//! Functions use no layer published by another account. Metadata:
//! `checks/awslambda/awslambda_function_using_cross_account_layers.toml`.
//!
//! A layer's publisher is the account field of its layer version ARN
//! (`arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION`); an ARN without one is not the account's own.

use super::lambda_common::each_function;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "awslambda_function_using_cross_account_layers", run };

/// The account field of an ARN (its fifth `:`-separated field), if it has one.
fn arn_account(arn: &str) -> Option<&str> {
    arn.split(':').nth(4)
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let account = ctx.account_id();
    each_function(ctx, out, |f, r, out| {
        let Some(settings) = &f.settings else {
            return out.error_message(
                r,
                format_args!(
                    "could not be evaluated: the snapshot holds no Layers (ListFunctions) for function {}",
                    f.name
                ),
            );
        };
        if settings.layers.is_empty() {
            return out.pass(r, format_args!("Function {} uses no layers.", f.name));
        }
        let foreign: Vec<&str> =
            settings.layers.iter().map(String::as_str).filter(|arn| arn_account(arn) != Some(account)).collect();
        if foreign.is_empty() {
            out.pass(r, format_args!("Function {} uses only layers of account {account}.", f.name));
        } else {
            out.fail(r, format_args!("Function {} uses layers of other accounts: {}.", f.name, foreign.join(", ")));
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

    fn with_layers(name: &str, layers: &[&str]) -> Function {
        let settings =
            FunctionSettings { layers: layers.iter().map(|l| l.to_string()).collect(), ..FunctionSettings::default() };
        Function { settings: Some(settings), ..function(name) }
    }

    #[test]
    fn the_publishing_account_decides() {
        let mut s = snapshot();
        let own = format!("arn:aws:lambda:{REGION}:{ACCOUNT}:layer:common:3");
        let other = format!("arn:aws:lambda:{REGION}:999988887777:layer:vendor:12");
        functions(&mut s).extend([
            function("nolayers"),
            with_layers("own", &[&own]),
            with_layers("mixed", &[&own, &other]),
            with_layers("garbled", &["not-an-arn"]),
            Function { settings: None, ..function("old-snapshot") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "nolayers"), Status::Pass);
        assert_eq!(status_of(&f, "own"), Status::Pass);
        assert_eq!(status_of(&f, "mixed"), Status::Fail);
        assert_eq!(status_of(&f, "garbled"), Status::Fail, "no account field: not the account's own");
        assert_eq!(status_of(&f, "old-snapshot"), Status::Error);
        let msg = &f.iter().find(|x| x.resource.id == "mixed").unwrap().message;
        assert!(msg.contains(&other) && !msg.contains(&own), "{msg}");
    }

    #[test]
    fn listing_failure_errors() {
        let mut s = snapshot();
        fail_listing(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
