//! The organization's management account runs no workloads (CIS v7.0 2.1.3): no instances, functions,
//! databases, load balancers or file systems in any region scanned. Metadata:
//! `checks/organizations/organizations_management_account_no_workloads.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{CollectionError, Fetched};

pub const CHECK: Check = Check { id: "organizations_management_account_no_workloads", run };

/// How many workloads of one kind a message names before counting the rest.
const NAMED: usize = 3;

fn run<'a>(ctx: &CheckContext<'a>, out: &mut Findings) {
    let Some(data) = ctx.snapshot.organizations.as_ref() else { return };
    let r = ctx.account_resource();
    let org = match &data.organization {
        Fetched::Ok(Some(o)) => o,
        Fetched::Ok(None) => {
            return out
                .pass(r, format_args!("The account belongs to no AWS organization, so it is no management account."))
        }
        Fetched::Err(e) => return out.error(r, e),
    };
    if org.management_account_id != ctx.account_id() {
        return out.pass(
            r,
            format_args!(
                "The account is a member of organization {}, not its management account ({}).",
                org.id, org.management_account_id
            ),
        );
    }
    let mut kinds: Vec<(&str, Vec<String>)> = Vec::new();
    let mut unread: Vec<&'a CollectionError> = Vec::new();
    for (region, data) in &ctx.snapshot.regions {
        let region = region.as_str();
        let mut note = |kind: &'static str, listing: Result<Vec<String>, &'a CollectionError>| match listing {
            Ok(found) if found.is_empty() => {}
            Ok(found) => match kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, list)) => list.extend(found.into_iter().map(|id| format!("{id} ({region})"))),
                None => kinds.push((kind, found.into_iter().map(|id| format!("{id} ({region})")).collect())),
            },
            Err(e) => unread.push(e),
        };
        if let Some(ec2) = &data.ec2 {
            note(
                "EC2 instance(s)",
                ec2.instances.as_result().map(|l| {
                    l.iter()
                        .filter(|i| i.state.as_deref().is_none_or(|s| s != "terminated"))
                        .map(|i| i.id.clone())
                        .collect()
                }),
            );
        }
        if let Some(lambda) = &data.lambda {
            note(
                "Lambda function(s)",
                lambda.functions.as_result().map(|l| l.iter().map(|f| f.name.clone()).collect()),
            );
        }
        if let Some(rds) = &data.rds {
            note("RDS instance(s)", rds.instances.as_result().map(|l| l.iter().map(|d| d.id.clone()).collect()));
        }
        if let Some(elb) = &data.elb {
            note(
                "load balancer(s)",
                elb.load_balancers.as_result().map(|l| l.iter().map(|b| b.name.clone()).collect()),
            );
            note(
                "Classic Load Balancer(s)",
                elb.classic_load_balancers.as_result().map(|l| l.iter().map(|b| b.name.clone()).collect()),
            );
        }
        if let Some(efs) = &data.efs {
            note("EFS file system(s)", efs.file_systems.as_result().map(|l| l.iter().map(|f| f.id.clone()).collect()));
        }
    }
    let unread_text = || {
        let mut calls: Vec<String> = unread.iter().map(|e| e.to_string()).collect();
        calls.sort();
        calls.dedup();
        calls.join("; ")
    };
    if kinds.is_empty() {
        if unread.is_empty() {
            out.pass(
                r,
                format_args!(
                    "The management account of organization {} runs no EC2 instances, Lambda functions, RDS instances, \
                     load balancers or EFS file systems in the regions scanned.",
                    org.id
                ),
            );
        } else {
            out.error_message(
                r,
                format_args!(
                    "could not be evaluated: the management account of organization {} showed no workload, but some \
                     listings failed: {}",
                    org.id,
                    unread_text()
                ),
            );
        }
        return;
    }
    let found: Vec<String> = kinds
        .iter()
        .map(|(kind, list)| {
            let mut named: Vec<&str> = list.iter().take(NAMED).map(String::as_str).collect();
            let more = list.len().saturating_sub(NAMED);
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            named.sort_unstable();
            format!("{} {kind}: {}{more}", list.len(), named.join(", "))
        })
        .collect();
    let unread_note = if unread.is_empty() {
        String::new()
    } else {
        format!(" (and listings argus could not read: {})", unread_text())
    };
    out.fail(
        r,
        format_args!(
            "The management account of organization {} runs workloads: {}{unread_note}.",
            org.id,
            found.join("; ")
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::checks::awslambda::lambda_fixtures::{function, functions};
    use crate::checks::ec2::fixtures::{instance, instances};
    use crate::engine::Status;
    use crate::testing::*;

    /// The fixture organization, with the audited account as its management account.
    fn managed_from_here() -> crate::snapshot::Snapshot {
        let mut s = governed_snapshot();
        if let Fetched::Ok(Some(o)) = &mut organizations(&mut s).organization {
            o.management_account_id = ACCOUNT.into();
        }
        s
    }

    #[test]
    fn members_and_standalone_accounts_pass() {
        let f = run_check(CHECK, &governed_snapshot());
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Pass)]);
        assert!(f[0].message.contains("not its management account (111111111111)"), "{}", f[0].message);
        assert_eq!(statuses(&run_check(CHECK, &snapshot())), vec![(ACCOUNT.to_string(), Status::Pass)]);
    }

    #[test]
    fn workloads_in_the_management_account_fail_naming_them() {
        let mut s = managed_from_here();
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Pass)]);

        for id in ["i-1", "i-2", "i-3", "i-4"] {
            instances(&mut s).push(instance(id));
        }
        let mut gone = instance("i-old");
        gone.state = Some("terminated".into());
        instances(&mut s).push(gone);
        functions(&mut s).push(function("billing-export"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
        assert_eq!(
            f[0].message.as_str(),
            "The management account of organization o-abc123 runs workloads: 4 EC2 instance(s): i-1 (us-east-1), \
             i-2 (us-east-1), i-3 (us-east-1) and 1 more; 1 Lambda function(s): billing-export (us-east-1)."
        );
    }

    #[test]
    fn an_unread_listing_is_an_error_unless_a_workload_was_found() {
        let mut s = managed_from_here();
        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
        assert!(f[0].message.contains("ec2:DescribeInstances"), "{}", f[0].message);

        functions(&mut s).push(function("billing-export"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("listings argus could not read: ec2:DescribeInstances"), "{}", f[0].message);
    }
}
