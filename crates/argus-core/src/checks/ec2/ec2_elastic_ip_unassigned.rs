//! Every Elastic IP is associated with an instance or network interface. Metadata:
//! `checks/ec2/ec2_elastic_ip_unassigned.toml`.

use super::common::{each_region, ec2_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_elastic_ip_unassigned", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let addresses = match &ec2.elastic_ips {
            Fetched::Ok(a) => a,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for eip in addresses {
            let r = ec2_resource(ctx, region, "elastic-ip", &eip.id, &eip.tags);
            let address = eip.public_ip.as_deref().unwrap_or(&eip.id);
            // What the address is associated with: the instance or interface it names, else the association id
            // alone.
            let target = match (&eip.instance_id, &eip.network_interface_id, &eip.association_id) {
                (Some(instance), _, _) => Some(format!("instance {instance}")),
                (None, Some(eni), _) => Some(format!("network interface {eni}")),
                (None, None, Some(association)) => Some(format!("association {association}")),
                (None, None, None) => None,
            };
            match target {
                Some(target) => out.pass(r, format_args!("The Elastic IP {address} is associated with {target}.")),
                None => out.fail(
                    r,
                    format_args!("The Elastic IP {address} is not associated with any instance or network interface."),
                ),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn unassociated_address_fails() {
        let mut s = snapshot();
        let mut on_instance = elastic_ip("eipalloc-web", "203.0.113.10", true);
        on_instance.instance_id = Some("i-web".into());
        let mut idle = elastic_ip("eipalloc-idle", "203.0.113.20", false);
        idle.tags.insert("Name".into(), "spare".into());
        elastic_ips(&mut s).extend([on_instance, elastic_ip("eipalloc-nat", "203.0.113.30", true), idle]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "eipalloc-web"), Status::Pass);
        assert_eq!(status_of(&f, "eipalloc-nat"), Status::Pass);
        assert_eq!(status_of(&f, "eipalloc-idle"), Status::Fail);
        let message = |id: &str| f.iter().find(|x| x.resource.id == id).unwrap().message.to_string();
        assert!(message("eipalloc-web").contains("203.0.113.10 is associated with instance i-web"));
        assert!(message("eipalloc-nat").contains("network interface eni-1"), "{}", message("eipalloc-nat"));
        assert!(message("eipalloc-idle").contains("203.0.113.20 is not associated"), "{}", message("eipalloc-idle"));
        let idle = f.iter().find(|x| x.resource.id == "eipalloc-idle").unwrap();
        assert_eq!(idle.resource.name, "spare");
        assert_eq!(idle.resource.arn, format!("arn:aws:ec2:{REGION}:{ACCOUNT}:elastic-ip/eipalloc-idle"));
    }

    #[test]
    fn an_association_id_alone_is_an_association() {
        let mut s = snapshot();
        let mut eip = elastic_ip("eipalloc-1", "203.0.113.10", true);
        eip.network_interface_id = None;
        elastic_ips(&mut s).push(eip);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "eipalloc-1"), Status::Pass);
        assert!(f[0].message.contains("association eipassoc-eipalloc-1"), "{}", f[0].message);
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).elastic_ips = Fetched::Err(denied("ec2", "DescribeAddresses"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
        assert!(f[0].message.contains("DescribeAddresses"), "{}", f[0].message);
    }
}
