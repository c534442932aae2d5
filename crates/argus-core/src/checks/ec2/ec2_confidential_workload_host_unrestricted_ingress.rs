//! Hosts of Nitro Enclaves open no port outside 22, 80 and 443 to the internet.
//! Metadata: `checks/ec2/ec2_confidential_workload_host_unrestricted_ingress.toml`.

use super::enclave::{each_host, judge_host_ingress, spans, Hosts, Opened};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_confidential_workload_host_unrestricted_ingress", run };

/// The ports a host may open to the world: Prowler's default `enclave_sg_allow_ports`.
const ALLOWED: [i32; 3] = [22, 80, 443];

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_host(ctx, out, Hosts::Settled, |_, ec2, instance, r, out| {
        judge_host_ingress(ec2, instance, r, out, true, "ports other than 22, 80 and 443", |opened| match opened {
            Opened::All => vec!["all ports".to_string()],
            Opened::Range(lo, hi) => spans((lo..=hi).filter(|p| !ALLOWED.contains(p))),
        });
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
    fn world_facing_ports_outside_the_allow_list_fail() {
        let mut s = snapshot();
        let mut web = sg("sg-web", "web");
        web.ingress.extend([tcp(443, 443, &["0.0.0.0/0"], &[]), tcp(22, 22, &["52.94.76.10/32"], &[])]);
        let mut app = sg("sg-app", "app");
        app.ingress.push(tcp(8080, 8081, &[], &["::/0"]));
        let mut dns = sg("sg-dns", "dns");
        dns.ingress.push(rule("udp", Some(53), Some(53), &["0.0.0.0/0"], &[]));
        let mut wide = sg("sg-wide", "wide");
        wide.ingress.push(tcp(0, 65535, &["0.0.0.0/0"], &[]));
        let mut private = sg("sg-private", "private");
        private.ingress.push(all_traffic(&["10.0.0.0/8"], &[]));
        let mut odd = sg("sg-odd", "odd");
        odd.ingress.push(tcp(9000, 9000, &["not-a-cidr"], &[]));
        groups(&mut s).extend([web, app, dns, wide, private, odd]);
        instances(&mut s).extend([
            host("i-web", &["sg-web", "sg-private"]),
            host("i-app", &["sg-web", "sg-app"]),
            host("i-dns", &["sg-dns"]),
            host("i-wide", &["sg-wide"]),
            host("i-missing", &["sg-web", "sg-deleted"]),
            host("i-odd", &["sg-odd"]),
            Instance { security_group_ids: vec!["sg-wide".into()], ..instance("i-plain") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-web"), Status::Pass);
        assert_eq!(status_of(&f, "i-app"), Status::Fail);
        assert_eq!(status_of(&f, "i-dns"), Status::Fail, "UDP counts");
        assert_eq!(status_of(&f, "i-wide"), Status::Fail);
        assert_eq!(status_of(&f, "i-missing"), Status::Error);
        assert_eq!(status_of(&f, "i-odd"), Status::Error);
        assert_eq!(f.len(), 6, "instances without enclaves are not judged");
        let msg = &f.iter().find(|x| x.resource.id == "i-app").unwrap().message;
        assert!(msg.contains("sg-app: tcp 8080-8081 from ::/0"), "{msg}");

        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(status_of(&run_check(CHECK, &s), "i-web"), Status::Error);
        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
