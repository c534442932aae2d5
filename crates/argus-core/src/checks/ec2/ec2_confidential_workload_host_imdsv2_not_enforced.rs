//! Hosts of Nitro Enclaves enforce IMDSv2.
//! Metadata: `checks/ec2/ec2_confidential_workload_host_imdsv2_not_enforced.toml`.

use super::enclave::{each_host, Hosts, HOST_ONLY};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_confidential_workload_host_imdsv2_not_enforced", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_host(ctx, out, Hosts::Settled, |_, _, instance, r, out| {
        match instance.metadata_http_tokens.as_deref().map(str::trim) {
            Some(t) if t.eq_ignore_ascii_case("required") => out.pass(
                r,
                format_args!("Enclave host {} enforces IMDSv2 (HttpTokens=required). {HOST_ONLY}", instance.id),
            ),
            Some(t) if !t.is_empty() => out.fail(
                r,
                format_args!(
                    "Enclave host {} does not enforce IMDSv2 (HttpTokens={t}): IMDSv1 requests can read the role credentials its enclaves depend on. {HOST_ONLY}",
                    instance.id
                ),
            ),
            _ => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: DescribeInstances returned no MetadataOptions.HttpTokens for enclave host {}",
                    instance.id
                ),
            ),
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

    fn host(id: &str, tokens: Option<&str>) -> Instance {
        Instance { enclave_enabled: Some(true), metadata_http_tokens: tokens.map(str::to_string), ..instance(id) }
    }

    #[test]
    fn only_required_tokens_pass_and_only_hosts_are_judged() {
        let mut s = snapshot();
        instances(&mut s).extend([
            host("i-v2", Some("required")),
            host("i-v1", Some("optional")),
            host("i-unknown", None),
            Instance { state: Some("stopped".into()), ..host("i-stopped", Some("optional")) },
            Instance { state: Some("pending".into()), ..host("i-pending", Some("optional")) },
            Instance { state: Some("terminated".into()), ..host("i-gone", Some("optional")) },
            Instance { metadata_http_tokens: Some("optional".into()), ..instance("i-plain") },
            Instance { enclave_enabled: None, ..instance("i-old") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-v2"), Status::Pass);
        assert_eq!(status_of(&f, "i-v1"), Status::Fail);
        assert_eq!(status_of(&f, "i-stopped"), Status::Fail);
        assert_eq!(status_of(&f, "i-unknown"), Status::Error);
        assert_eq!(status_of(&f, "i-old"), Status::Error, "enclave option unknown");
        assert_eq!(f.len(), 5, "pending, terminated and non-enclave instances are not judged");

        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
