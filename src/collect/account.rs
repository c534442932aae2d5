//! The AWS Account Management API, account-wide: the account's security, billing and operations
//! alternate contacts. A contact type with none registered is data (`None`), a denied read an error.

use super::{Collector, Service};
use crate::snapshot::{AccountSnapshot, AlternateContact, ErrorKind, Fetched};
use aws_sdk_account::types::AlternateContactType;

/// The error GetAlternateContact answers for a contact type with none registered.
const NO_CONTACT: &str = "ResourceNotFoundException";

pub(super) async fn collect(c: &Collector) -> AccountSnapshot {
    let client = c.ctx.account();
    let api = c.api("Account", Service::Account, None);
    let contact = |kind: AlternateContactType| {
        let (api, client) = (&api, &client);
        async move {
            let fetched: Fetched<Option<AlternateContact>> = api
                .call_or_absent("GetAlternateContact", Some(kind.as_str()), &[NO_CONTACT], || {
                    client.get_alternate_contact().alternate_contact_type(kind.clone()).send()
                })
                .await
                .and_then(|out| match out {
                    None => Ok(None),
                    // A success names the contact; one without it is not "none registered".
                    Some(o) => o.alternate_contact().map(|c| Some(alternate_contact(c))).ok_or_else(|| {
                        api.local_error(
                            "GetAlternateContact",
                            Some(kind.as_str()),
                            ErrorKind::InvalidResponse,
                            "MissingAlternateContact",
                            "the answer holds no contact".into(),
                        )
                    }),
                })
                .into();
            fetched
        }
    };
    let (security, billing, operations) = futures::join!(
        contact(AlternateContactType::Security),
        contact(AlternateContactType::Billing),
        contact(AlternateContactType::Operations),
    );
    AccountSnapshot { security_contact: security, billing_contact: billing, operations_contact: operations }
}

fn alternate_contact(c: &aws_sdk_account::types::AlternateContact) -> AlternateContact {
    AlternateContact {
        name: c.name().map(str::to_string),
        title: c.title().map(str::to_string),
        email_address: c.email_address().map(str::to_string),
        phone_number: c.phone_number().map(str::to_string),
    }
}
