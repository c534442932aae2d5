//! Every container of a task definition has a log configuration. Metadata:
//! `checks/ecs/ecs_task_definitions_logging_enabled.toml`.

use super::{each_task_definition, label, offending};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ecs_task_definitions_logging_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_task_definition(ctx, out, |td, r, out| {
        let silent = offending(td, |c| c.log_driver.as_deref().is_none_or(str::is_empty));
        if silent.is_empty() {
            out.pass(r, format_args!("Every container of {} has a log configuration.", label(td)));
        } else {
            out.fail(
                r,
                format_args!("{} has container(s) without a log configuration: {}.", label(td), silent.join(", ")),
            );
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
    fn containers_without_a_log_driver_fail() {
        let mut s = snapshot();
        let mut quiet = container("quiet");
        quiet.log_driver = None;
        add(&mut s, task_definition("quiet", vec![container("app"), quiet]));
        add(&mut s, task_definition("loud", vec![container("app")]));
        let f = run_check(CHECK, &s);
        let q = f.iter().find(|x| x.resource.name == "quiet").unwrap();
        assert_eq!(
            (q.status, q.message.as_str()),
            (Status::Fail, "Task definition quiet:3 has container(s) without a log configuration: quiet.")
        );
        assert_eq!(f.iter().find(|x| x.resource.name == "loud").unwrap().status, Status::Pass);
    }

    #[test]
    fn failed_reads_are_errors() {
        assert_errors(CHECK);
    }
}
