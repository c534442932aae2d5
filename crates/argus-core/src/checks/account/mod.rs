//! Account checks (account-wide): the alternate contacts AWS writes to about the account, read with
//! the AWS Account Management API.

use crate::engine::{CheckContext, Findings};
use crate::snapshot::{AccountSnapshot, AlternateContact, Fetched};

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_account.rs"));

/// A registered contact whose reply carries every field AWS requires; `Err` after writing the ERROR
/// for a read that failed or a reply that left a field out (never judged on a partial contact).
pub(crate) fn read_contact<'a>(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    kind: &str,
    contact: &'a Fetched<Option<AlternateContact>>,
) -> Result<Option<&'a AlternateContact>, ()> {
    match contact {
        Fetched::Err(e) => {
            out.error(ctx.account_resource(), e);
            Err(())
        }
        Fetched::Ok(None) => Ok(None),
        Fetched::Ok(Some(c)) => match c.missing_fields() {
            missing if missing.is_empty() => Ok(Some(c)),
            missing => {
                out.error_message(
                    ctx.account_resource(),
                    format_args!(
                        "could not be evaluated: account:GetAlternateContact({kind}) returned a contact without its {}",
                        missing.join(", ")
                    ),
                );
                Err(())
            }
        },
    }
}

/// The account data, when the account's contacts were collected.
pub(crate) fn account_data<'a>(ctx: &CheckContext<'a>) -> Option<&'a AccountSnapshot> {
    ctx.snapshot.account.as_ref()
}

#[cfg(test)]
pub(crate) mod fixtures {
    use crate::snapshot::{AccountSnapshot, AlternateContact, Snapshot};

    pub(crate) fn contact(name: &str, email: &str) -> AlternateContact {
        AlternateContact {
            name: Some(name.into()),
            title: Some("Team".into()),
            email_address: Some(email.into()),
            phone_number: Some("+1 555 0100".into()),
        }
    }

    pub(crate) fn account(s: &mut Snapshot) -> &mut AccountSnapshot {
        s.account.as_mut().expect("the test snapshot collects the account's contacts")
    }
}
