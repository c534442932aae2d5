//! No instance that the internet can reach carries an instance profile. Metadata:
//! `checks/ec2/ec2_instance_internet_facing_with_instance_profile.toml`.

use super::common::{each_region, instance_resource, live_instances};
use crate::engine::{Check, CheckContext, Findings};
use crate::network::{Reachability, RegionNetwork};

pub const CHECK: Check = Check { id: "ec2_instance_internet_facing_with_instance_profile", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        let network = RegionNetwork::new(ec2);
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            let Some(profile) = instance.instance_profile_arn.as_deref().filter(|p| !p.trim().is_empty()) else {
                out.pass(r, "The instance has no instance profile.");
                continue;
            };
            match network.instance(instance) {
                Reachability::Reachable(paths) => {
                    let ports: Vec<String> =
                        paths.iter().flat_map(|p| &p.ports).map(|e| format!("{} {}", e.transport, e.ports)).collect();
                    out.fail(
                        r,
                        format_args!(
                            "The instance is reachable from the internet (at {} on {}) and carries the instance profile {profile}.",
                            paths[0].address,
                            ports.join(", ")
                        ),
                    );
                }
                Reachability::NotReachable(_) => {
                    out.pass(r, format_args!("The instance carries {profile} but is not reachable from the internet."))
                }
                Reachability::Unknown(unreadable) => {
                    let what: Vec<String> = unreadable.iter().map(ToString::to_string).collect();
                    out.error_message(r, format_args!("could not be evaluated: {}.", what.join("; ")));
                }
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
    fn reachable_with_a_profile_fails() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-web"), Status::Fail);
        assert!(f[0].message.contains("instance-profile/app") && f[0].message.contains("tcp 22"), "{}", f[0].message);
        // Without the profile, or without the internet route, it passes.
        instances(&mut s)[0].instance_profile_arn = None;
        assert_eq!(status_of(&run_check(CHECK, &s), "i-web"), Status::Pass);
        let mut s = snapshot();
        reachable_web_server(&mut s);
        route_tables(&mut s).retain(|t| t.id != "rtb-public");
        assert_eq!(status_of(&run_check(CHECK, &s), "i-web"), Status::Pass);
    }

    #[test]
    fn unreadable_network_data_is_an_error() {
        let mut s = snapshot();
        reachable_web_server(&mut s);
        ec2(&mut s).network_acls = Fetched::Err(denied("ec2", "DescribeNetworkAcls"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-web"), Status::Error);
        assert!(f[0].message.contains("DescribeNetworkAcls"), "{}", f[0].message);
    }
}
