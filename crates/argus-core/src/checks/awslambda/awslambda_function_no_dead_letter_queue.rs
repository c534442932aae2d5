//! Functions have a dead-letter queue. Metadata:
//! `checks/awslambda/awslambda_function_no_dead_letter_queue.toml`.

use super::lambda_common::each_function;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "awslambda_function_no_dead_letter_queue", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_function(ctx, out, |f, r, out| match f.settings.as_ref().map(|s| s.dead_letter_target_arn.as_deref()) {
        Some(Some(target)) => out.pass(
            r,
            format_args!("Function {} sends failed asynchronous events to the dead-letter queue {target}.", f.name),
        ),
        Some(None) => out.fail(r, format_args!("Function {} has no dead-letter queue.", f.name)),
        None => out.error_message(
            r,
            format_args!(
                "could not be evaluated: the snapshot holds no DeadLetterConfig (ListFunctions) for function {}",
                f.name
            ),
        ),
    });
}

#[cfg(test)]
mod tests {
    use super::super::lambda_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::{Function, FunctionSettings};
    use crate::testing::*;

    #[test]
    fn the_target_decides() {
        let mut s = snapshot();
        let dlq = format!("arn:aws:sqs:{REGION}:{ACCOUNT}:failed-events");
        let settings = FunctionSettings { dead_letter_target_arn: Some(dlq.clone()), ..FunctionSettings::default() };
        functions(&mut s).extend([
            Function { settings: Some(settings), ..function("with-dlq") },
            function("without"),
            Function { settings: None, ..function("old-snapshot") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "with-dlq"), Status::Pass);
        assert_eq!(status_of(&f, "without"), Status::Fail);
        assert_eq!(status_of(&f, "old-snapshot"), Status::Error);
        let msg = &f.iter().find(|x| x.resource.id == "with-dlq").unwrap().message;
        assert!(msg.contains(&dlq), "{msg}");
    }

    #[test]
    fn listing_failure_errors() {
        let mut s = snapshot();
        fail_listing(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
