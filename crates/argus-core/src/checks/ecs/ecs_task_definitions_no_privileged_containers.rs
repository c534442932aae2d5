//! No container of a task definition runs privileged. Metadata:
//! `checks/ecs/ecs_task_definitions_no_privileged_containers.toml`.

use super::{each_task_definition, label, offending};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ecs_task_definitions_no_privileged_containers", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_task_definition(ctx, out, |td, r, out| {
        let privileged = offending(td, |c| c.privileged == Some(true));
        if privileged.is_empty() {
            out.pass(r, format_args!("{} has no privileged container.", label(td)));
        } else {
            out.fail(r, format_args!("{} has privileged container(s): {}.", label(td), privileged.join(", ")));
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
    fn privileged_containers_fail_unset_and_false_pass() {
        let mut s = snapshot();
        let mut root = container("root");
        root.privileged = Some(true);
        let mut unset = container("unset");
        unset.privileged = None;
        add(&mut s, task_definition("priv", vec![container("ok"), root]));
        add(&mut s, task_definition("plain", vec![unset]));
        let f = run_check(CHECK, &s);
        let p = f.iter().find(|x| x.resource.name == "priv").unwrap();
        assert_eq!(
            (p.status, p.message.as_str()),
            (Status::Fail, "Task definition priv:3 has privileged container(s): root.")
        );
        assert_eq!(f.iter().find(|x| x.resource.name == "plain").unwrap().status, Status::Pass);
    }

    #[test]
    fn failed_reads_are_errors() {
        assert_errors(CHECK);
    }
}
