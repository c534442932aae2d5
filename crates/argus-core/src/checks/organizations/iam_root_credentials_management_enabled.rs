//! Centralized root access is on for the organization: root credentials of member accounts are
//! managed centrally (CIS v7.0 2.1.1). Metadata:
//! `checks/organizations/iam_root_credentials_management_enabled.toml`.

use super::organization;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "iam_root_credentials_management_enabled", run };

const FEATURE: &str = "RootCredentialsManagement";

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some((data, org)) =
        organization(ctx, out, "centralized root access, which removes member accounts' root credentials, needs one")
    else {
        return;
    };
    let r = ctx.account_resource();
    match &data.root_access_features {
        Fetched::Err(e) => out.error(r, e),
        Fetched::Ok(features) if features.iter().any(|f| f == FEATURE) => out.pass(
            r,
            format_args!("Organization {}: centralized root access is on (enabled: {}).", org.id, features.join(", ")),
        ),
        Fetched::Ok(features) => out.fail(
            r,
            format_args!(
                "Organization {}: centralized root access (RootCredentialsManagement) is off{}; member accounts keep \
                 their own root credentials.",
                org.id,
                if features.is_empty() { String::new() } else { format!(" (enabled: {})", features.join(", ")) }
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn on_passes_off_fails_and_a_standalone_account_fails() {
        let s = governed_snapshot();
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Pass)]);

        let mut s = governed_snapshot();
        organizations(&mut s).root_access_features = Fetched::Ok(vec!["RootSessions".into()]);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("is off (enabled: RootSessions)"), "{}", f[0].message);

        let mut s = snapshot();
        standalone(&mut s);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("belongs to no AWS organization"), "{}", f[0].message);
    }

    #[test]
    fn unreadable_features_or_organization_are_errors() {
        let mut s = governed_snapshot();
        organizations(&mut s).root_access_features = Fetched::Err(denied("iam", "ListOrganizationsFeatures"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
        assert!(f[0].message.contains("ListOrganizationsFeatures"), "{}", f[0].message);

        let mut s = governed_snapshot();
        organizations(&mut s).organization = Fetched::Err(member_denied("DescribeOrganization"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);

        let mut s = governed_snapshot();
        s.organizations = None;
        assert!(run_check(CHECK, &s).is_empty(), "Organizations not collected: nothing to judge");
    }
}
