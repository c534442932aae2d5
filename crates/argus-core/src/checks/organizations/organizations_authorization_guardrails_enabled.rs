//! Service control policies and resource control policies guard every account of the organization:
//! both policy types are enabled on the root and a custom policy of each is attached to the root
//! (CIS v7.0 2.1.2). Metadata: `checks/organizations/organizations_authorization_guardrails_enabled.toml`.

use super::{organization, organization_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{CollectionError, Fetched, OrganizationPolicy, OrganizationRoot};

pub const CHECK: Check = Check { id: "organizations_authorization_guardrails_enabled", run };

/// The two authorization policy types: their API name and how findings call them.
const KINDS: [(&str, &str); 2] = [("SERVICE_CONTROL_POLICY", "SCP"), ("RESOURCE_CONTROL_POLICY", "RCP")];

/// What one policy type contributes to the verdict.
enum Verdict {
    Guarded(String),
    Unguarded(String),
    Unknown(CollectionError),
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some((data, org)) = organization(ctx, out, "no service or resource control policy applies to it") else {
        return;
    };
    let r = organization_resource(org);
    if org.feature_set != "ALL" {
        return out.fail(
            r,
            format_args!(
                "Organization {} has only consolidated billing (feature set {}): it cannot apply SCPs or RCPs.",
                org.id, org.feature_set
            ),
        );
    }
    let roots = match &data.roots {
        Fetched::Ok(roots) => roots,
        Fetched::Err(e) => return out.error(r, e),
    };
    let verdicts = [
        judge(roots, &data.service_control_policies, KINDS[0]),
        judge(roots, &data.resource_control_policies, KINDS[1]),
    ];
    let gaps: Vec<&str> =
        verdicts.iter().filter_map(|v| if let Verdict::Unguarded(m) = v { Some(m.as_str()) } else { None }).collect();
    if !gaps.is_empty() {
        return out.fail(r, format_args!("Organization {}: {}.", org.id, gaps.join("; ")));
    }
    if let Some(Verdict::Unknown(e)) = verdicts.iter().find(|v| matches!(v, Verdict::Unknown(_))) {
        return out.error(r, e);
    }
    let guarded: Vec<&str> =
        verdicts.iter().filter_map(|v| if let Verdict::Guarded(m) = v { Some(m.as_str()) } else { None }).collect();
    out.pass(r, format_args!("Organization {}: {}.", org.id, guarded.join("; ")));
}

fn judge(
    roots: &[OrganizationRoot],
    policies: &Fetched<Vec<OrganizationPolicy>>,
    (policy_type, short): (&str, &str),
) -> Verdict {
    if roots.is_empty() || !roots.iter().all(|root| root.enables(policy_type)) {
        return Verdict::Unguarded(format!("{short}s are not enabled on the root"));
    }
    let policies = match policies {
        Fetched::Ok(list) => list,
        Fetched::Err(e) => return Verdict::Unknown(e.clone()),
    };
    let custom: Vec<&OrganizationPolicy> = policies.iter().filter(|p| !p.aws_managed).collect();
    if custom.is_empty() {
        return Verdict::Unguarded(format!("no {short} besides the AWS managed ones, which allow everything"));
    }
    let (mut at_root, mut elsewhere) = (Vec::new(), Vec::new());
    for p in custom {
        match &p.targets {
            Some(Fetched::Ok(targets)) => {
                if targets.iter().any(|t| t.target_type == "ROOT") {
                    at_root.push(p.name.as_str());
                } else {
                    elsewhere.extend(targets.iter().map(|t| format!("{} on {}", p.name, t.name)));
                }
            }
            Some(Fetched::Err(e)) => return Verdict::Unknown(e.clone()),
            None => {}
        }
    }
    if at_root.is_empty() {
        let where_ = if elsewhere.is_empty() {
            "attached nowhere".to_string()
        } else {
            format!("attached only to {}; accounts outside them have none", elsewhere.join(", "))
        };
        return Verdict::Unguarded(format!("no custom {short} is attached to the root ({where_})"));
    }
    Verdict::Guarded(format!("{short} {} attached to the root", at_root.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn custom_policies_of_both_types_on_the_root_pass() {
        let f = run_check(CHECK, &governed_snapshot());
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Pass)]);
        assert!(
            f[0].message.contains("SCP deny-leave-org attached to the root; RCP data-perimeter"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_missing_type_only_aws_managed_policies_or_an_ou_attachment_fail() {
        let mut s = governed_snapshot();
        list(&mut organizations(&mut s).roots)[0].policy_types.retain(|t| t.policy_type != "RESOURCE_CONTROL_POLICY");
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("RCPs are not enabled on the root"), "{}", f[0].message);

        let mut s = governed_snapshot();
        organizations(&mut s).service_control_policies = Fetched::Ok(vec![aws_managed_policy("FullAWSAccess")]);
        let f = run_check(CHECK, &s);
        assert!(f[0].message.contains("no SCP besides the AWS managed ones"), "{}", f[0].message);

        let mut s = governed_snapshot();
        organizations(&mut s).service_control_policies =
            Fetched::Ok(vec![custom_policy("deny-regions", &[ou_target("prod")])]);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("attached only to deny-regions on prod"), "{}", f[0].message);

        let mut s = governed_snapshot();
        if let Fetched::Ok(Some(org)) = &mut organizations(&mut s).organization {
            org.feature_set = "CONSOLIDATED_BILLING".into();
        }
        assert!(run_check(CHECK, &s)[0].message.contains("only consolidated billing"));

        let mut s = snapshot();
        standalone(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Fail)]);
    }

    #[test]
    fn unreadable_policies_are_errors_unless_something_already_fails() {
        let mut s = governed_snapshot();
        organizations(&mut s).resource_control_policies = Fetched::Err(member_denied("ListPolicies"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Error)]);
        assert!(f[0].message.contains("ListPolicies"), "{}", f[0].message);

        let mut s = governed_snapshot();
        organizations(&mut s).roots = Fetched::Err(member_denied("ListRoots"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ORG_ID.to_string(), Status::Error)]);

        let mut s = governed_snapshot();
        let mut policy = custom_policy("unread", &[]);
        policy.targets = Some(Fetched::Err(member_denied("ListTargetsForPolicy")));
        organizations(&mut s).service_control_policies = Fetched::Ok(vec![policy]);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ORG_ID.to_string(), Status::Error)]);

        let mut s = governed_snapshot();
        organizations(&mut s).service_control_policies = Fetched::Err(member_denied("ListPolicies"));
        list(&mut organizations(&mut s).roots)[0].policy_types.clear();
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Fail)], "a definite gap wins");
    }
}
