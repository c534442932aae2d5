//! Every non-default security group is in use: on a network interface, referenced by another group,
//! or named by a Lambda function. Default groups are excluded (they cannot be deleted).
//! Metadata: `checks/ec2/ec2_securitygroup_not_used.toml`.

use super::common::{each_region, groups_or_error, sg_resource};
use crate::engine::{Check, CheckContext, FastMap, Findings};

pub const CHECK: Check = Check { id: "ec2_securitygroup_not_used", run };

fn first_few(ids: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut text = ids.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    text
}

/// Who names each id, built in one pass over a list: `id -> (index of the naming item, its name)`,
/// each item once per id, in list order.
#[derive(Default)]
struct Users<'a>(FastMap<&'a str, Vec<(usize, &'a str)>>);

impl<'a> Users<'a> {
    fn add(&mut self, id: &'a str, index: usize, name: &'a str) {
        let list = self.0.entry(id).or_default();
        if list.last().is_none_or(|(i, _)| *i != index) {
            list.push((index, name));
        }
    }

    fn of(&self, id: &str, except: Option<&str>) -> Vec<&'a str> {
        self.0
            .get(id)
            .map(|v| v.iter().map(|(_, name)| *name).filter(|n| Some(*n) != except).collect())
            .unwrap_or_default()
    }
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(groups) = groups_or_error(ctx, region, ec2, out) else {
            return;
        };
        let functions = ctx
            .snapshot
            .regions
            .get(region)
            .and_then(|r| r.lambda.as_ref())
            .and_then(|l| l.functions.ok())
            .map(Vec::as_slice)
            .unwrap_or_default();
        // One pass over each list instead of one per group (linear, not quadratic, in the groups).
        let mut referrers = Users::default();
        for (i, other) in groups.iter().enumerate() {
            for reference in other.ingress.iter().chain(&other.egress).flat_map(|rule| &rule.referenced_groups) {
                // A reference names a group as `sg-…` or, across accounts, `account/sg-…`.
                referrers.add(reference, i, &other.id);
                if let Some(last) = reference.rsplit('/').next().filter(|last| *last != reference) {
                    referrers.add(last, i, &other.id);
                }
            }
        }
        let mut lambdas = Users::default();
        for (i, f) in functions.iter().enumerate() {
            for g in f.vpc.iter().flat_map(|v| &v.security_group_ids) {
                lambdas.add(g, i, &f.name);
            }
        }
        let enis: Result<Users<'_>, _> = ec2.network_interfaces.as_result().map(|list| {
            let mut users = Users::default();
            for (i, e) in list.iter().enumerate() {
                for g in &e.group_ids {
                    users.add(g, i, &e.id);
                }
            }
            users
        });
        for sg in groups.iter().filter(|g| !g.is_default()) {
            let r = sg_resource(ctx, region, sg);
            let referrers = referrers.of(&sg.id, Some(&sg.id));
            let lambdas = lambdas.of(&sg.id, None);
            let attached = match &enis {
                Ok(enis) => Ok(enis.of(&sg.id, None)),
                Err(e) => Err(*e),
            };
            if let Ok(attached) = &attached {
                if !attached.is_empty() {
                    out.pass(
                        r,
                        format_args!(
                            "The security group is attached to {} network interface(s): {}.",
                            attached.len(),
                            first_few(attached)
                        ),
                    );
                    continue;
                }
            }
            if !referrers.is_empty() {
                out.pass(
                    r,
                    format_args!("The security group is referenced by the rules of {}.", first_few(&referrers)),
                );
            } else if !lambdas.is_empty() {
                out.pass(r, format_args!("The security group is used by Lambda function(s) {}.", first_few(&lambdas)));
            } else {
                match attached {
                    Ok(_) => out.fail(
                        r,
                        "The security group is attached to no network interface and no other security group or Lambda function references it.",
                    ),
                    Err(e) => out.error(r, e),
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
    fn unattached_groups_fail_default_excluded() {
        let mut s = snapshot();
        let mut lb = sg("sg-lb", "lb");
        let mut from_app = rule("tcp", Some(8080), Some(8080), &[], &[]);
        from_app.referenced_groups.push("123456789012/sg-target".into());
        lb.egress.push(from_app);
        groups(&mut s).extend([
            sg("sg-used", "used"),
            sg("sg-orphan", "orphan"),
            sg("sg-target", "target"),
            lb,
            sg("sg-def", "default"),
        ]);
        list(&mut ec2(&mut s).network_interfaces).push(eni("eni-1", &["sg-used", "sg-lb"]));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-used"), Status::Pass);
        assert_eq!(status_of(&f, "sg-lb"), Status::Pass);
        assert_eq!(status_of(&f, "sg-target"), Status::Pass);
        assert_eq!(status_of(&f, "sg-orphan"), Status::Fail);
        assert!(!f.iter().any(|x| x.resource.id == "sg-def"), "default groups are excluded");
        let msg = &f.iter().find(|x| x.resource.id == "sg-used").unwrap().message;
        assert!(msg.contains("eni-1"), "{msg}");
    }

    #[test]
    fn lambda_function_counts_as_use() {
        let mut s = snapshot();
        groups(&mut s).push(sg("sg-fn", "fn"));
        let lambda = region_mut(&mut s, REGION).lambda.as_mut().unwrap();
        list(&mut lambda.functions).push(crate::snapshot::Function {
            name: "worker".into(),
            arn: format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:worker"),
            runtime: Some("python3.12".into()),
            role: None,
            package_type: None,
            last_modified: None,
            vpc: Some(crate::snapshot::FunctionVpcConfig {
                vpc_id: Some("vpc-1".into()),
                subnet_ids: vec![],
                security_group_ids: vec!["sg-fn".into()],
            }),
            environment: vec![],
            url_config: Fetched::Ok(None),
            policy: Fetched::Ok(None),
            settings: Some(Default::default()),
        });
        assert_eq!(status_of(&run_check(CHECK, &s), "sg-fn"), Status::Pass);
    }

    #[test]
    fn failed_interface_listing_is_an_error_per_group() {
        let mut s = snapshot();
        groups(&mut s).extend([sg("sg-a", "a"), sg("sg-b", "b"), sg("sg-def", "default")]);
        ec2(&mut s).network_interfaces = Fetched::Err(denied("ec2", "DescribeNetworkInterfaces"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![("sg-a".to_string(), Status::Error), ("sg-b".to_string(), Status::Error)]);
        assert!(f[0].message.contains("ec2:DescribeNetworkInterfaces"), "{}", f[0].message);
    }

    #[test]
    fn failed_group_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
