//! Every container of a task definition has a read-only root file system. Metadata:
//! `checks/ecs/ecs_task_definitions_containers_readonly_access.toml`.

use super::{each_task_definition, label, offending};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ecs_task_definitions_containers_readonly_access", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_task_definition(ctx, out, |td, r, out| {
        // Unset means writable: ECS defaults readonlyRootFilesystem to false.
        let writable = offending(td, |c| c.readonly_root_filesystem != Some(true));
        if writable.is_empty() {
            out.pass(r, format_args!("Every container of {} has a read-only root file system.", label(td)));
        } else {
            out.fail(
                r,
                format_args!(
                    "{} has container(s) with a writable root file system: {}.",
                    label(td),
                    writable.join(", ")
                ),
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
    fn writable_or_unset_root_file_systems_fail() {
        let mut s = snapshot();
        let mut unset = container("unset");
        unset.readonly_root_filesystem = None;
        add(&mut s, task_definition("rw", vec![container("ro"), unset]));
        add(&mut s, task_definition("ro", vec![container("ro")]));
        let f = run_check(CHECK, &s);
        let rw = f.iter().find(|x| x.resource.name == "rw").unwrap();
        assert_eq!(
            (rw.status, rw.message.as_str()),
            (Status::Fail, "Task definition rw:3 has container(s) with a writable root file system: unset.")
        );
        assert_eq!(f.iter().find(|x| x.resource.name == "ro").unwrap().status, Status::Pass);
    }

    #[test]
    fn failed_reads_are_errors() {
        assert_errors(CHECK);
    }
}
