//! No task definition shares the host's process namespace. Metadata:
//! `checks/ecs/ecs_task_definitions_host_namespace_not_shared.toml`.

use super::{each_task_definition, label};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ecs_task_definitions_host_namespace_not_shared", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_task_definition(ctx, out, |td, r, out| {
        if td.pid_mode.as_deref() == Some("host") {
            out.fail(r, format_args!("{} shares the host's process namespace (pidMode host).", label(td)));
        } else {
            out.pass(r, format_args!("{} does not share the host's process namespace.", label(td)));
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
    fn host_pid_mode_fails_task_and_unset_pass() {
        let mut s = snapshot();
        let mut host = task_definition("host", vec![container("app")]);
        host.pid_mode = Some("host".into());
        let mut task = task_definition("task", vec![container("app")]);
        task.pid_mode = Some("task".into());
        for td in [host, task, task_definition("unset", vec![])] {
            add(&mut s, td);
        }
        let f = run_check(CHECK, &s);
        let by = |n: &str| f.iter().find(|x| x.resource.name == n).unwrap().status;
        assert_eq!((by("host"), by("task"), by("unset")), (Status::Fail, Status::Pass, Status::Pass));
    }

    #[test]
    fn failed_reads_are_errors() {
        assert_errors(CHECK);
    }
}
