//! The organization's delegation policy lets a member account manage its policies, so that SCPs,
//! RCPs and the other policy types are administered outside the management account (CIS v7.0 2.1.5).
//! Metadata: `checks/organizations/organizations_policies_managed_by_delegated_administrator.toml`.

use super::{organization, organization_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::policy::{account_from_arn, is_account_id, Effect, Policy, Principal, PrincipalSpec};
use crate::snapshot::Fetched;
use std::collections::BTreeSet;

pub const CHECK: Check = Check { id: "organizations_policies_managed_by_delegated_administrator", run };

/// The actions that manage an organization's policies (a delegate holding any of them administers
/// policies; the read-only Describe/List actions alone do not).
const POLICY_MANAGEMENT: &[&str] = &[
    "organizations:CreatePolicy",
    "organizations:UpdatePolicy",
    "organizations:DeletePolicy",
    "organizations:AttachPolicy",
    "organizations:DetachPolicy",
];

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some((data, org)) = organization(ctx, out, "there is no organization whose policies could be delegated") else {
        return;
    };
    let r = organization_resource(org);
    let text = match &data.resource_policy {
        Fetched::Ok(Some(text)) => text,
        Fetched::Ok(None) => {
            return out.fail(
                r,
                format_args!(
                "Organization {}: no delegation policy (DescribeResourcePolicy found none); its policies are managed \
                     from the management account {} only.",
                org.id, org.management_account_id
            ),
            )
        }
        Fetched::Err(e) => return out.error(r, e),
    };
    let policy = match Policy::parse_str(text) {
        Ok(p) => p,
        Err(e) => {
            return out.error_message(
                r,
                format_args!("could not be evaluated: the organization's delegation policy is malformed: {e}"),
            )
        }
    };
    let mut delegates = BTreeSet::new();
    let mut actions = BTreeSet::new();
    for st in policy.statements.iter().filter(|st| st.effect == Effect::Allow) {
        let granted: Vec<&str> = POLICY_MANAGEMENT.iter().copied().filter(|a| st.matches_action(a)).collect();
        let Some(PrincipalSpec::Principal(principals)) = &st.principals else { continue };
        let accounts: Vec<&str> = principals
            .iter()
            .filter_map(|p| match p {
                Principal::Aws(v) if is_account_id(v) => Some(&v[..]),
                Principal::Aws(v) => account_from_arn(v),
                _ => None,
            })
            .filter(|a| *a != org.management_account_id)
            .collect();
        if !granted.is_empty() && !accounts.is_empty() {
            delegates.extend(accounts.into_iter().map(str::to_string));
            actions.extend(granted);
        }
    }
    if delegates.is_empty() {
        out.fail(
            r,
            format_args!(
                "Organization {}: the delegation policy lets no member account manage policies (none of {} is \
                 granted to an account); they are managed from the management account {}.",
                org.id,
                POLICY_MANAGEMENT.join(", "),
                org.management_account_id
            ),
        );
    } else {
        out.pass(
            r,
            format_args!(
                "Organization {}: policies are managed by delegated account(s) {} ({}).",
                org.id,
                delegates.into_iter().collect::<Vec<_>>().join(", "),
                actions.into_iter().collect::<Vec<_>>().join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn a_delegate_managing_policies_passes() {
        let f = run_check(CHECK, &governed_snapshot());
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Pass)]);
        assert_eq!(
            f[0].message.as_str(),
            "Organization o-abc123: policies are managed by delegated account(s) 222222222222 \
             (organizations:AttachPolicy, organizations:CreatePolicy, organizations:DetachPolicy, \
             organizations:UpdatePolicy)."
        );
    }

    #[test]
    fn read_only_delegation_or_none_fails() {
        let mut s = governed_snapshot();
        organizations(&mut s).resource_policy = Fetched::Ok(Some(delegation_policy(
            "222222222222",
            r#"["organizations:Describe*","organizations:List*"]"#,
        )));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("lets no member account manage policies"), "{}", f[0].message);

        // Granting the management account itself delegates nothing.
        organizations(&mut s).resource_policy =
            Fetched::Ok(Some(delegation_policy(MANAGEMENT_ACCOUNT, r#""organizations:*""#)));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ORG_ID.to_string(), Status::Fail)]);

        organizations(&mut s).resource_policy = Fetched::Ok(None);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("no delegation policy"), "{}", f[0].message);
    }

    #[test]
    fn wildcards_grant_and_unreadable_or_malformed_errors() {
        let mut s = governed_snapshot();
        organizations(&mut s).resource_policy =
            Fetched::Ok(Some(delegation_policy("222222222222", r#""organizations:*""#)));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ORG_ID.to_string(), Status::Pass)]);

        organizations(&mut s).resource_policy = Fetched::Err(denied("organizations", "DescribeResourcePolicy"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Error)]);
        assert!(f[0].message.contains("organizations:DescribeResourcePolicy"), "{}", f[0].message);

        organizations(&mut s).resource_policy = Fetched::Ok(Some("{not json".into()));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Error)]);
        assert!(f[0].message.contains("malformed"), "{}", f[0].message);
    }
}
