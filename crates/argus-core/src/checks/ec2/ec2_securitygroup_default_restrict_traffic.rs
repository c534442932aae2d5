//! Every VPC's default security group has no inbound and no outbound rules.
//! Metadata: `checks/ec2/ec2_securitygroup_default_restrict_traffic.toml`.

use super::common::{each_region, groups_or_error, rule_label, rule_sources, sg_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::SecurityGroupRule;

pub const CHECK: Check = Check { id: "ec2_securitygroup_default_restrict_traffic", run };

fn describe(rules: &[SecurityGroupRule], direction: &str, preposition: &str) -> Option<String> {
    if rules.is_empty() {
        return None;
    }
    let list: Vec<String> =
        rules.iter().map(|r| format!("{} {preposition} {}", rule_label(r), rule_sources(r))).collect();
    Some(format!("{} {direction} rule{} ({})", rules.len(), if rules.len() == 1 { "" } else { "s" }, list.join("; ")))
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(groups) = groups_or_error(ctx, region, ec2, out) else {
            return;
        };
        for sg in groups {
            if sg.name.trim().is_empty() {
                // EC2 marks a VPC's default group by its name alone.
                out.error_message(
                    sg_resource(ctx, region, sg),
                    "could not be evaluated: DescribeSecurityGroups returned no GroupName, so whether this is a VPC's default security group is unknown",
                );
                continue;
            }
            if !sg.is_default() {
                continue;
            }
            let r = sg_resource(ctx, region, sg);
            let parts: Vec<String> = [describe(&sg.ingress, "inbound", "from"), describe(&sg.egress, "outbound", "to")]
                .into_iter()
                .flatten()
                .collect();
            let vpc = sg.vpc_id.as_deref().unwrap_or("no VPC");
            if parts.is_empty() {
                out.pass(r, format_args!("The default security group of {vpc} has no inbound or outbound rules."));
            } else {
                out.fail(r, format_args!("The default security group of {vpc} has {}.", parts.join(" and ")));
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
    fn default_group_with_rules_fails_empty_passes_others_ignored() {
        let mut s = snapshot();
        let mut aws_default = sg("sg-d1", "default");
        let mut self_ref = rule("-1", None, None, &[], &[]);
        self_ref.referenced_groups.push("sg-d1".into());
        aws_default.ingress.push(self_ref);
        aws_default.egress.push(all_traffic(&["0.0.0.0/0"], &[]));
        let locked = sg("sg-d2", "default");
        let mut egress_only = sg("sg-d3", "default");
        egress_only.egress.push(tcp(443, 443, &["0.0.0.0/0"], &[]));
        let mut app = sg("sg-app", "app");
        app.ingress.push(all_traffic(&["0.0.0.0/0"], &[]));
        groups(&mut s).extend([aws_default, locked, egress_only, app]);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 3, "{f:#?}");
        assert_eq!(status_of(&f, "sg-d1"), Status::Fail);
        assert_eq!(status_of(&f, "sg-d2"), Status::Pass);
        assert_eq!(status_of(&f, "sg-d3"), Status::Fail);
        let msg = &f.iter().find(|x| x.resource.id == "sg-d1").unwrap().message;
        assert!(msg.contains("1 inbound rule (all traffic from sg-d1)"), "{msg}");
        assert!(msg.contains("1 outbound rule (all traffic to 0.0.0.0/0)"), "{msg}");
    }

    #[test]
    fn a_group_without_a_name_errors_naming_the_field() {
        // GroupName is what marks a VPC's default group: without it the group may be the default one.
        let mut s = snapshot();
        groups(&mut s).push(sg("sg-x", ""));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-x"), Status::Error);
        assert!(f[0].message.contains("GroupName"), "{}", f[0].message);
    }

    #[test]
    fn failed_listing_is_an_error() {
        let mut s = snapshot();
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
