//! EC2 instances have at most one network interface.
//! Metadata: `checks/ec2/ec2_instance_uses_single_eni.toml`.

use super::common::{each_region, instance_resource, live_instances};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_instance_uses_single_eni", run };

/// Interface types Prowler counts; an omitted type is `interface`, AWS's default.
fn counts(interface_type: Option<&str>) -> bool {
    matches!(interface_type.unwrap_or("interface"), "interface" | "efa" | "trunk")
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            let interfaces = match &ec2.network_interfaces {
                Fetched::Ok(list) => list,
                Fetched::Err(e) => {
                    out.error(r, e);
                    continue;
                }
            };
            let attached: Vec<&str> = interfaces
                .iter()
                .filter(|n| n.attached_instance_id.as_deref() == Some(instance.id.as_str()))
                .filter(|n| counts(n.interface_type.as_deref()))
                .map(|n| n.id.as_str())
                .collect();
            if attached.len() > 1 {
                out.fail(
                    r,
                    format_args!(
                        "Instance {} has {} network interfaces: {}.",
                        instance.id,
                        attached.len(),
                        attached.join(", ")
                    ),
                );
            } else {
                out.pass(r, format_args!("Instance {} has {} network interface(s).", instance.id, attached.len()));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::NetworkInterface;
    use crate::testing::*;

    fn on(id: &str, instance_id: &str, kind: Option<&str>) -> NetworkInterface {
        NetworkInterface {
            attached_instance_id: Some(instance_id.into()),
            interface_type: kind.map(Into::into),
            ..eni(id, &[])
        }
    }

    #[test]
    fn two_interfaces_fail_one_passes() {
        let mut s = snapshot();
        instances(&mut s).extend([instance("i-two"), instance("i-one")]);
        list(&mut ec2(&mut s).network_interfaces).extend([
            on("eni-1", "i-two", Some("interface")),
            on("eni-2", "i-two", None),
            on("eni-3", "i-one", Some("interface")),
            on("eni-4", "i-one", Some("gateway_load_balancer_endpoint")),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-two"), Status::Fail);
        assert_eq!(status_of(&f, "i-one"), Status::Pass);
    }

    #[test]
    fn unreadable_interfaces_or_instances_are_errors() {
        let mut s = snapshot();
        instances(&mut s).push(instance("i-1"));
        ec2(&mut s).network_interfaces = Fetched::Err(denied("ec2", "DescribeNetworkInterfaces"));
        assert_eq!(status_of(&run_check(CHECK, &s), "i-1"), Status::Error);
        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
