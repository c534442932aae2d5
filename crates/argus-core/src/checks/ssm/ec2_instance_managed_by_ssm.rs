//! Every running instance is a Systems Manager managed node whose agent is online. Metadata:
//! `checks/ssm/ec2_instance_managed_by_ssm.toml`.
//!
//! Joins the region's EC2 instances with DescribeInstanceInformation. Instances that are not running
//! (pending, stopping, stopped) PASS as Prowler's do: no agent can report from them. An instance
//! registered but whose agent lost its connection (or is inactive) FAILs: it gets no patching.

use super::each_region;
use crate::checks::ec2::common::{instance_resource, live_instances};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;
use std::collections::HashMap;

pub const CHECK: Check = Check { id: "ec2_instance_managed_by_ssm", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ssm, out| {
        let Some(ec2) = ctx.snapshot.regions.get(region).and_then(|d| d.ec2.as_ref()) else {
            return;
        };
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        let managed: HashMap<&str, &str> = match &ssm.managed_instances {
            Fetched::Ok(list) => {
                list.iter().map(|m| (m.id.as_str(), m.ping_status.as_deref().unwrap_or("unknown"))).collect()
            }
            Fetched::Err(e) => {
                if !instances.is_empty() {
                    out.error(ctx.region_resource(region), e);
                }
                return;
            }
        };
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            let id = &instance.id;
            let state = instance.state.as_deref().unwrap_or("unknown");
            if state != "running" {
                out.pass(r, format_args!("Instance {id} is {state}, so no Systems Manager agent can report from it."));
                continue;
            }
            match managed.get(id.as_str()) {
                Some(&"Online") => out.pass(r, format_args!("Instance {id} is managed by Systems Manager (agent online).")),
                Some(ping) => out.fail(
                    r,
                    format_args!("Instance {id} is registered with Systems Manager, but its agent is {ping}: it cannot be patched or managed."),
                ),
                None => out.fail(r, format_args!("Instance {id} is not managed by Systems Manager.")),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::checks::ec2::fixtures::{instance, instances};
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn running_instances_need_an_online_agent() {
        let mut s = snapshot();
        let mut stopped = instance("i-stopped");
        stopped.state = Some("stopped".into());
        instances(&mut s).extend([instance("i-managed"), instance("i-lost"), instance("i-unmanaged"), stopped]);
        crate::testing::list(&mut ssm(&mut s).managed_instances).extend([
            managed("i-managed", "Online"),
            managed("i-lost", "ConnectionLost"),
            managed("mi-onprem", "Online"),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 4);
        assert_eq!(status_of(&f, "i-managed"), Status::Pass);
        assert_eq!(status_of(&f, "i-lost"), Status::Fail);
        assert_eq!(status_of(&f, "i-unmanaged"), Status::Fail);
        assert_eq!(status_of(&f, "i-stopped"), Status::Pass);
        assert!(f.iter().any(|x| x.message.contains("its agent is ConnectionLost")));
    }

    #[test]
    fn an_unreadable_managed_list_errors_naming_the_call() {
        let mut s = snapshot();
        instances(&mut s).push(instance("i-1"));
        let mut e = denied("ssm", "DescribeInstanceInformation");
        e.code = "InternalError".into();
        ssm(&mut s).managed_instances = Fetched::Err(e);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
        assert!(
            f[0].message.contains("ssm:DescribeInstanceInformation failed in us-east-1: InternalError"),
            "{}",
            f[0].message
        );
        // No instance, nothing to judge: the failure is reported by the checks that needed it.
        instances(&mut s).clear();
        assert!(run_check(CHECK, &s).is_empty());
    }
}
