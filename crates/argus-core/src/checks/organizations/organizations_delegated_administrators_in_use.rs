//! The organization delegates the administration of its integrated services to member accounts
//! (CIS v7.0 2.1.6). Metadata: `checks/organizations/organizations_delegated_administrators_in_use.toml`.

use super::{organization, organization_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "organizations_delegated_administrators_in_use", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some((data, org)) = organization(ctx, out, "there is no management account to delegate from") else {
        return;
    };
    let r = organization_resource(org);
    let admins = match &data.delegated_administrators {
        Fetched::Ok(list) => list,
        Fetched::Err(e) => return out.error(r, e),
    };
    let active: Vec<String> = admins
        .iter()
        .filter(|a| a.status.as_deref().is_none_or(|s| s == "ACTIVE"))
        .map(|a| match &a.name {
            Some(name) if !name.is_empty() => format!("{} ({name})", a.account_id),
            _ => a.account_id.clone(),
        })
        .collect();
    if active.is_empty() {
        out.fail(
            r,
            format_args!(
                "Organization {}: no active delegated administrator; integrated services are administered from the \
                 management account {}.",
                org.id, org.management_account_id
            ),
        );
    } else {
        out.pass(r, format_args!("Organization {}: delegated administrators {}.", org.id, active.join(", ")));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::DelegatedAdministrator;
    use crate::testing::*;

    #[test]
    fn an_active_delegate_passes_none_fails_and_a_standalone_account_fails() {
        let f = run_check(CHECK, &governed_snapshot());
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Pass)]);
        assert!(f[0].message.contains("222222222222 (security)"), "{}", f[0].message);

        let mut s = governed_snapshot();
        organizations(&mut s).delegated_administrators = Fetched::Ok(vec![DelegatedAdministrator {
            account_id: "333333333333".into(),
            name: None,
            status: Some("SUSPENDED".into()),
        }]);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Fail)]);
        assert!(f[0].message.contains(MANAGEMENT_ACCOUNT), "{}", f[0].message);

        let mut s = snapshot();
        standalone(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Fail)]);
    }

    #[test]
    fn a_member_account_that_may_not_list_them_is_an_error() {
        let mut s = governed_snapshot();
        organizations(&mut s).delegated_administrators = Fetched::Err(member_denied("ListDelegatedAdministrators"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ORG_ID.to_string(), Status::Error)]);
        assert!(f[0].message.contains("ListDelegatedAdministrators"), "{}", f[0].message);
    }
}
