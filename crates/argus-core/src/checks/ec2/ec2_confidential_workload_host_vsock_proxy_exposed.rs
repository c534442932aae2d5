//! Hosts of Nitro Enclaves do not open likely vsock-proxy TCP ports to the internet.
//! Metadata: `checks/ec2/ec2_confidential_workload_host_vsock_proxy_exposed.toml`.

use super::enclave::{each_host, judge_host_ingress, spans, Hosts, Opened};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_confidential_workload_host_vsock_proxy_exposed", run };

/// TCP ports vsock proxies commonly listen on: Prowler's default `enclave_vsock_ports`.
fn is_vsock_port(port: i32) -> bool {
    port == 5000 || port == 9000 || (8000..=8090).contains(&port)
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_host(ctx, out, Hosts::Settled, |_, ec2, instance, r, out| {
        judge_host_ingress(
            ec2,
            instance,
            r,
            out,
            false,
            "likely vsock-proxy TCP ports (5000, 8000-8090, 9000)",
            |opened| {
                let (lo, hi) = match opened {
                    Opened::All => (5000, 9000),
                    Opened::Range(lo, hi) => (lo.max(5000), hi.min(9000)),
                };
                spans((lo..=hi).filter(|p| is_vsock_port(*p)))
            },
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, Instance};
    use crate::testing::*;

    fn host(id: &str, groups: &[&str]) -> Instance {
        Instance {
            enclave_enabled: Some(true),
            security_group_ids: groups.iter().map(|g| g.to_string()).collect(),
            ..instance(id)
        }
    }

    #[test]
    fn world_facing_vsock_ports_fail() {
        let mut s = snapshot();
        let mut web = sg("sg-web", "web");
        web.ingress.extend([tcp(443, 443, &["0.0.0.0/0"], &[]), tcp(8443, 8443, &["0.0.0.0/0"], &[])]);
        let mut proxy = sg("sg-proxy", "proxy");
        proxy.ingress.push(tcp(8080, 8080, &["52.94.76.10/32"], &[]));
        let mut udp = sg("sg-udp", "udp");
        udp.ingress.push(rule("udp", Some(5000), Some(5000), &["0.0.0.0/0"], &[]));
        let mut everything = sg("sg-all", "all");
        everything.ingress.push(all_traffic(&[], &["::/0"]));
        let mut private = sg("sg-private", "private");
        private.ingress.push(tcp(8000, 8090, &["10.0.0.0/8"], &[]));
        groups(&mut s).extend([web, proxy, udp, everything, private]);
        instances(&mut s).extend([
            host("i-web", &["sg-web", "sg-private", "sg-udp"]),
            host("i-proxy", &["sg-proxy"]),
            host("i-all", &["sg-all"]),
            host("i-missing", &["sg-deleted"]),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-web"), Status::Pass, "8443 is no vsock port; UDP is not judged");
        assert_eq!(status_of(&f, "i-proxy"), Status::Fail);
        assert_eq!(status_of(&f, "i-all"), Status::Fail);
        assert_eq!(status_of(&f, "i-missing"), Status::Error);
        let msg = &f.iter().find(|x| x.resource.id == "i-all").unwrap().message;
        assert!(msg.contains("5000, 8000-8090, 9000 from ::/0"), "{msg}");

        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
