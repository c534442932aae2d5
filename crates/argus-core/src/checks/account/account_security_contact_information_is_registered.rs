//! A security alternate contact is registered, so that AWS's security notices reach the team that
//! acts on them (CIS v5.0 1.2, v7.0 2.3, FSBP Account.1). Metadata:
//! `checks/account/account_security_contact_information_is_registered.toml`.

use super::{account_data, read_contact};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "account_security_contact_information_is_registered", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(data) = account_data(ctx) else { return };
    match read_contact(ctx, out, "SECURITY", &data.security_contact) {
        Err(()) => {}
        Ok(None) => out.fail(
            ctx.account_resource(),
            format_args!(
                "No security contact is registered: AWS sends security notices to the root user's email only."
            ),
        ),
        Ok(Some(c)) => out.pass(
            ctx.account_resource(),
            format_args!(
                "Security contact registered: {} ({}), {}.",
                c.name.as_deref().unwrap_or_default(),
                c.title.as_deref().unwrap_or_default(),
                c.email_address.as_deref().unwrap_or_default()
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn registered_passes_missing_fails_unreadable_and_partial_error() {
        let mut s = snapshot();
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);

        account(&mut s).security_contact = Fetched::Ok(Some(contact("SecOps", "secops@example.com")));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Pass)]);
        assert_eq!(f[0].message.as_str(), "Security contact registered: SecOps (Team), secops@example.com.");

        account(&mut s).security_contact = Fetched::Err(denied("account", "GetAlternateContact"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
        assert!(f[0].message.contains("account:GetAlternateContact"), "{}", f[0].message);

        let mut partial = contact("SecOps", "");
        partial.phone_number = None;
        account(&mut s).security_contact = Fetched::Ok(Some(partial));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
        assert!(f[0].message.ends_with("without its email address, phone number"), "{}", f[0].message);
    }

    #[test]
    fn not_collected_is_not_judged() {
        let mut s = snapshot();
        s.account = None;
        assert!(run_check(CHECK, &s).is_empty());
    }
}
