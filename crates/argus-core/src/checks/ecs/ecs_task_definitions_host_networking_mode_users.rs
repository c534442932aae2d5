//! A task definition in host network mode runs no non-privileged container as root. Metadata:
//! `checks/ecs/ecs_task_definitions_host_networking_mode_users.toml`.
//!
//! FSBP ECS.1's rule: with `networkMode: host`, a container that is not privileged and whose `user` is
//! `root`, `0` (root's uid, with or without a group) or unset (the image's default, usually root) FAILs.

use super::{each_task_definition, label, offending};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::ContainerDefinition;

pub const CHECK: Check = Check { id: "ecs_task_definitions_host_networking_mode_users", run };

fn runs_as_root(c: &ContainerDefinition) -> bool {
    match c.user.as_deref().map(str::trim) {
        None | Some("") => true,
        Some(user) => matches!(user.split(':').next(), Some("root") | Some("0")),
    }
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_task_definition(ctx, out, |td, r, out| {
        let mode = td.network_mode.as_deref().unwrap_or("bridge");
        if mode != "host" {
            return out.pass(r, format_args!("{} does not use host network mode ({mode}).", label(td)));
        }
        let as_root = offending(td, |c| c.privileged != Some(true) && runs_as_root(c));
        if as_root.is_empty() {
            out.pass(
                r,
                format_args!("{} uses host network mode, and no non-privileged container runs as root.", label(td)),
            );
        } else {
            out.fail(
                r,
                format_args!(
                    "{} uses host network mode with non-privileged container(s) running as root or with no user set: {}.",
                    label(td),
                    as_root.join(", ")
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
    fn host_mode_with_root_users_fails_other_modes_pass() {
        let mut s = snapshot();
        let mut root = container("root");
        root.user = Some("0:0".into());
        let mut unset = container("unset");
        unset.user = None;
        let mut host = task_definition("host", vec![container("app"), root, unset]);
        host.network_mode = Some("host".into());
        let mut host_ok = task_definition("host-ok", vec![container("app")]);
        host_ok.network_mode = Some("host".into());
        let mut bridge_root = container("r");
        bridge_root.user = Some("root".into());
        let mut bridge = task_definition("bridge", vec![bridge_root]);
        bridge.network_mode = None;
        for td in [host, host_ok, bridge] {
            add(&mut s, td);
        }
        let f = run_check(CHECK, &s);
        let by = |n: &str| f.iter().find(|x| x.resource.name == n).unwrap();
        assert_eq!(by("host").status, Status::Fail);
        assert!(by("host").message.ends_with(": root, unset."), "{}", by("host").message);
        assert_eq!(by("host-ok").status, Status::Pass);
        assert_eq!(by("bridge").status, Status::Pass);
    }

    #[test]
    fn failed_reads_are_errors() {
        assert_errors(CHECK);
    }
}
