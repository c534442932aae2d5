//! Hosts of Nitro Enclaves are running (an enclave dies with its parent instance).
//! Metadata: `checks/ec2/ec2_confidential_workload_host_not_running.toml`.

use super::enclave::{each_host, Hosts, HOST_ONLY};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_confidential_workload_host_not_running", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_host(ctx, out, Hosts::All, |_, _, instance, r, out| {
        let state = instance.state.as_deref().map(str::trim).unwrap_or_default().to_ascii_lowercase();
        match state.as_str() {
            "" => out.error_message(
                r,
                format_args!("could not be evaluated: DescribeInstances returned no State for enclave host {}", instance.id),
            ),
            "stopped" | "shutting-down" | "terminated" => out.fail(
                r,
                format_args!(
                    "Enclave host {} is {state}: its enclaves were destroyed with it, and whatever depends on them is unavailable. {HOST_ONLY}",
                    instance.id
                ),
            ),
            "pending" | "stopping" => out.pass(
                r,
                format_args!(
                    "Enclave host {} is {state}, a transition: judge it again once it settles. {HOST_ONLY}",
                    instance.id
                ),
            ),
            _ => out.pass(r, format_args!("Enclave host {} is {state}. {HOST_ONLY}", instance.id)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, Instance};
    use crate::testing::*;

    fn host(id: &str, state: Option<&str>) -> Instance {
        Instance { enclave_enabled: Some(true), state: state.map(str::to_string), ..instance(id) }
    }

    #[test]
    fn stopped_and_terminated_hosts_fail() {
        let mut s = snapshot();
        instances(&mut s).extend([
            host("i-running", Some("running")),
            host("i-pending", Some("pending")),
            host("i-stopping", Some("stopping")),
            host("i-stopped", Some("stopped")),
            host("i-going", Some("shutting-down")),
            host("i-gone", Some("terminated")),
            host("i-unknown", None),
            Instance { state: Some("stopped".into()), ..instance("i-plain") },
            Instance { enclave_enabled: None, ..instance("i-old") },
        ]);
        let f = run_check(CHECK, &s);
        for id in ["i-running", "i-pending", "i-stopping"] {
            assert_eq!(status_of(&f, id), Status::Pass, "{id}");
        }
        for id in ["i-stopped", "i-going", "i-gone"] {
            assert_eq!(status_of(&f, id), Status::Fail, "{id}");
        }
        assert_eq!(status_of(&f, "i-unknown"), Status::Error);
        assert_eq!(status_of(&f, "i-old"), Status::Error);
        assert!(f.iter().all(|x| x.resource.id != "i-plain"), "instances without enclaves are not judged");

        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
