use super::Fetched;
use serde::{Deserialize, Serialize};

/// The audited account's own settings in the AWS Account Management API (account-wide): the
/// alternate contacts AWS writes to about security, billing and operations. Contact details are
/// business contacts, not secrets; argus keeps them to say which contact is missing or shared.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AccountSnapshot {
    /// GetAlternateContact(SECURITY); `Ok(None)`: none registered (ResourceNotFoundException).
    pub security_contact: Fetched<Option<AlternateContact>>,
    /// GetAlternateContact(BILLING).
    pub billing_contact: Fetched<Option<AlternateContact>>,
    /// GetAlternateContact(OPERATIONS).
    pub operations_contact: Fetched<Option<AlternateContact>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AlternateContact {
    /// `None`: the reply left the field out (AWS requires every field when a contact is set).
    pub name: Option<String>,
    pub title: Option<String>,
    pub email_address: Option<String>,
    pub phone_number: Option<String>,
}

impl AlternateContact {
    /// The fields AWS requires of a contact that the reply left out or empty.
    pub fn missing_fields(&self) -> Vec<&'static str> {
        [
            ("name", &self.name),
            ("title", &self.title),
            ("email address", &self.email_address),
            ("phone number", &self.phone_number),
        ]
        .into_iter()
        .filter(|(_, v)| v.as_deref().is_none_or(|v| v.trim().is_empty()))
        .map(|(k, _)| k)
        .collect()
    }
}
