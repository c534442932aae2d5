//! The security, billing and operations alternate contacts are all registered and reach different
//! people, so that a security notice is not lost in a billing inbox. Metadata:
//! `checks/account/account_maintain_different_contact_details_to_security_billing_and_operations.toml`.

use super::{account_data, read_contact};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check =
    Check { id: "account_maintain_different_contact_details_to_security_billing_and_operations", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(data) = account_data(ctx) else { return };
    let kinds = [
        ("security", "SECURITY", &data.security_contact),
        ("billing", "BILLING", &data.billing_contact),
        ("operations", "OPERATIONS", &data.operations_contact),
    ];
    let mut registered = Vec::new();
    let mut missing = Vec::new();
    for (label, kind, fetched) in kinds {
        match read_contact(ctx, out, kind, fetched) {
            Err(()) => return,
            Ok(None) => missing.push(label),
            Ok(Some(c)) => {
                registered.push((label, c.email_address.as_deref().unwrap_or_default().trim().to_lowercase()))
            }
        }
    }
    let mut shared = Vec::new();
    for (i, (a, email)) in registered.iter().enumerate() {
        for (b, other) in &registered[i + 1..] {
            if email == other {
                shared.push(format!("{a} and {b} share {email}"));
            }
        }
    }
    let r = ctx.account_resource();
    match (missing.is_empty(), shared.is_empty()) {
        (true, true) => out.pass(
            r,
            format_args!(
                "The security, billing and operations contacts are registered with three different email addresses."
            ),
        ),
        (false, _) => out.fail(
            r,
            format_args!(
                "No {} contact is registered{}.",
                missing.join(" or "),
                if shared.is_empty() { String::new() } else { format!("; {}", shared.join("; ")) }
            ),
        ),
        (true, false) => out.fail(r, format_args!("The contacts are not distinct: {}.", shared.join("; "))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    fn three(s: &mut crate::snapshot::Snapshot, billing_email: &str) {
        let a = account(s);
        a.security_contact = Fetched::Ok(Some(contact("SecOps", "secops@example.com")));
        a.billing_contact = Fetched::Ok(Some(contact("Finance", billing_email)));
        a.operations_contact = Fetched::Ok(Some(contact("Ops", "ops@example.com")));
    }

    #[test]
    fn three_distinct_contacts_pass_shared_or_missing_fail() {
        let mut s = snapshot();
        three(&mut s, "finance@example.com");
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Pass)]);

        three(&mut s, " SecOps@Example.com");
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
        assert_eq!(
            f[0].message.as_str(),
            "The contacts are not distinct: security and billing share secops@example.com."
        );

        account(&mut s).operations_contact = Fetched::Ok(None);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
        assert_eq!(
            f[0].message.as_str(),
            "No operations contact is registered; security and billing share secops@example.com."
        );
    }

    #[test]
    fn any_unreadable_contact_is_one_error() {
        let mut s = snapshot();
        three(&mut s, "finance@example.com");
        account(&mut s).billing_contact = Fetched::Err(denied("account", "GetAlternateContact"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
        assert!(f[0].message.contains("account:GetAlternateContact"), "{}", f[0].message);
    }
}
