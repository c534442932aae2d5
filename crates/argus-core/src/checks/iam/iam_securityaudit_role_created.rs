//! At least one IAM role has the SecurityAudit managed policy attached.
//! Metadata: `checks/iam/iam_securityaudit_role_created.toml`.

use super::policy_common::{auth_details, list, same_arn_any_partition};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_securityaudit_role_created", run };

const SECURITY_AUDIT: &str = "arn:aws:iam::aws:policy/SecurityAudit";

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(details) = auth_details(ctx, out) else {
        return;
    };
    let roles: Vec<&str> = details
        .roles
        .iter()
        .filter(|r| r.attached_policies.iter().any(|a| same_arn_any_partition(&a.arn, SECURITY_AUDIT)))
        .map(|r| r.name.as_str())
        .collect();
    let account = ctx.account_resource();
    if roles.is_empty() {
        out.fail(account, "No IAM role has the SecurityAudit policy attached.");
    } else {
        out.pass(account, format_args!("SecurityAudit is attached to role(s) {}.", list(&roles)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::cred_fixtures::{aws_managed, role};
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn an_audit_role_passes_and_none_fails() {
        let mut s = snapshot();
        auth(&mut s).roles.push(role("app"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Fail)]);
        let mut audit = role("audit");
        audit.attached_policies.push(aws_managed("SecurityAudit"));
        auth(&mut s).roles.push(audit);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Pass)]);
        assert!(f[0].message.contains("audit"), "{}", f[0].message);
    }

    #[test]
    fn missing_details_are_an_error() {
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
