//! No service assigns public IPs to its tasks. Metadata: `checks/ecs/ecs_service_no_assign_public_ip.toml`.

use super::each_service;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ecs_service_no_assign_public_ip", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_service(ctx, out, |service, r, out| {
        let name = r.name.clone();
        match service.assign_public_ip.as_deref() {
            Some("ENABLED") => {
                out.fail(r, format_args!("ECS service {name} assigns public IP addresses to its tasks."))
            }
            Some(setting) => out
                .pass(r, format_args!("ECS service {name} assigns no public IP addresses (assignPublicIp {setting}).")),
            // No awsvpc configuration, or the setting left out: AWS's documented default is DISABLED.
            None => out.pass(
                r,
                format_args!("ECS service {name} assigns no public IP addresses (no assignPublicIp setting)."),
            ),
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
    fn only_enabled_fails() {
        let mut s = snapshot();
        let mut public = fargate_service();
        public.assign_public_ip = Some("ENABLED".into());
        let mut bridge = fargate_service();
        bridge.assign_public_ip = None;
        add_services(&mut s, "prod", vec![("public", public), ("private", fargate_service()), ("bridge", bridge)]);
        let f = run_check(CHECK, &s);
        let verdict = |name: &str| {
            let x = f.iter().find(|x| x.resource.name == name).unwrap();
            (x.status, x.message.to_string())
        };
        assert_eq!(
            verdict("public"),
            (Status::Fail, "ECS service public assigns public IP addresses to its tasks.".into())
        );
        assert_eq!(
            verdict("private"),
            (Status::Pass, "ECS service private assigns no public IP addresses (assignPublicIp DISABLED).".into())
        );
        assert_eq!(verdict("bridge").0, Status::Pass);
    }

    #[test]
    fn failed_reads_are_errors() {
        assert_service_errors(CHECK);
    }
}
