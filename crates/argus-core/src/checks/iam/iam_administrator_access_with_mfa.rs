//! Groups granting AdministratorAccess have only members with MFA.
//! Metadata: `checks/iam/iam_administrator_access_with_mfa.toml`.

use super::policy_common::{administrator_access_attachment, auth_details, group_resource, list};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "iam_administrator_access_with_mfa", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(iam) = &ctx.snapshot.iam else { return };
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    for group in &details.groups {
        let r = group_resource(group);
        if administrator_access_attachment(&group.attached_policies).is_none() {
            out.pass(r, format_args!("Group {} does not have AdministratorAccess attached.", group.name));
            continue;
        }
        let members: Vec<&str> =
            details.users.iter().filter(|u| u.groups.contains(&group.name)).map(|u| u.name.as_str()).collect();
        if members.is_empty() {
            out.pass(r, format_args!("Group {} grants AdministratorAccess but has no members.", group.name));
            continue;
        }
        let report = match &iam.credential_report {
            Fetched::Ok(report) => report,
            Fetched::Err(e) => {
                out.error(r, e);
                continue;
            }
        };
        let mfa_of = |name: &str| report.rows.iter().find(|row| row.user == name).map(|row| row.mfa_active);
        let without: Vec<&str> = members.iter().copied().filter(|m| mfa_of(m) == Some(false)).collect();
        let unknown: Vec<&str> = members.iter().copied().filter(|m| mfa_of(m).is_none()).collect();
        if !without.is_empty() {
            out.fail(
                r,
                format_args!(
                    "Group {} grants AdministratorAccess to members without MFA: {}.",
                    group.name,
                    list(&without)
                ),
            );
        } else if !unknown.is_empty() {
            // A user created after the report was generated has no row: its MFA is unknown.
            out.error_message(
                r,
                format_args!(
                    "could not be evaluated: the credential report has no row for member(s) {} of group {}",
                    list(&unknown),
                    group.name
                ),
            );
        } else {
            out.pass(r, format_args!("Every member of group {} (AdministratorAccess) has MFA.", group.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::{admin_access, group, user};
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    fn member(name: &str, of: &str) -> crate::snapshot::User {
        let mut u = user(name);
        u.groups.push(of.into());
        u
    }

    #[test]
    fn an_admin_group_member_without_mfa_fails() {
        let mut s = snapshot();
        let mut admins = group("admins");
        admins.attached_policies.push(admin_access());
        let mut careful = group("careful");
        careful.attached_policies.push(admin_access());
        auth(&mut s).groups.extend([admins, careful, group("readers"), {
            let mut empty = group("empty");
            empty.attached_policies.push(admin_access());
            empty
        }]);
        auth(&mut s).users.extend([member("bob", "admins"), member("eve", "careful"), member("ann", "readers")]);
        let mut eve = report_row("eve");
        eve.mfa_active = true;
        report_rows(&mut s).extend([report_row("bob"), eve, report_row("ann")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "admins"), Status::Fail);
        assert!(f.iter().any(|x| x.message.contains("without MFA: bob")), "{f:#?}");
        assert_eq!(status_of(&f, "careful"), Status::Pass);
        assert_eq!(status_of(&f, "readers"), Status::Pass);
        assert_eq!(status_of(&f, "empty"), Status::Pass);
    }

    #[test]
    fn missing_mfa_data_is_an_error() {
        let mut s = snapshot();
        let mut admins = group("admins");
        admins.attached_policies.push(admin_access());
        auth(&mut s).groups.push(admins);
        auth(&mut s).users.push(member("new", "admins"));
        assert_eq!(status_of(&run_check(CHECK, &s), "admins"), Status::Error, "no report row");
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        assert_eq!(status_of(&run_check(CHECK, &s), "admins"), Status::Error);
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
