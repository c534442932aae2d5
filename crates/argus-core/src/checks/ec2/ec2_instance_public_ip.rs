//! No instance has a public IPv4 address. Metadata: `checks/ec2/ec2_instance_public_ip.toml`.

use super::common::{each_region, instance_resource, live_instances};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_instance_public_ip", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            match instance.public_ip.as_deref().map(str::trim).filter(|ip| !ip.is_empty()) {
                Some(ip) => out.fail(r, format_args!("The instance has the public IP address {ip}.")),
                None => out.pass(r, "The instance has no public IP address."),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn public_ip_fails() {
        let mut s = snapshot();
        let mut public = instance("i-public");
        public.public_ip = Some("203.0.113.10".into());
        instances(&mut s).extend([instance("i-private"), public]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-private"), Status::Pass);
        assert_eq!(status_of(&f, "i-public"), Status::Fail);
        let public = f.iter().find(|x| x.resource.id == "i-public").unwrap();
        assert!(public.message.contains("203.0.113.10"), "{}", public.message);
        assert_eq!(public.resource.arn, format!("arn:aws:ec2:{REGION}:{ACCOUNT}:instance/i-public"));
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
