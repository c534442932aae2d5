//! Principal / NotPrincipal model and account resolution.

use arcstr::Substr;
use serde::Serialize;

/// One principal entry. `"*"` in any form (`"*"`, `{"AWS": "*"}`,
/// `{"AWS": ["*"]}`) becomes `Any`; a `"*"` under another principal type is
/// also treated as `Any` because it cannot be narrowed safely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Principal {
    Any,
    Aws(Substr),
    Service(Substr),
    Federated(Substr),
    CanonicalUser(Substr),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PrincipalSpec {
    Principal(Box<[Principal]>),
    /// Everyone except the listed principals.
    NotPrincipal(Box<[Principal]>),
}

impl PrincipalSpec {
    pub fn list(&self) -> &[Principal] {
        match self {
            PrincipalSpec::Principal(l) | PrincipalSpec::NotPrincipal(l) => l,
        }
    }

    pub fn is_not_principal(&self) -> bool {
        matches!(self, PrincipalSpec::NotPrincipal(_))
    }

    /// `Principal` (not `NotPrincipal`) that includes everyone.
    pub fn is_everyone(&self) -> bool {
        matches!(self, PrincipalSpec::Principal(l) if l.contains(&Principal::Any))
    }
}

/// What a principal entry resolves to, for exposure classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PrincipalClass {
    Everyone,
    Account(String),
    Service(String),
    /// Unique ids of deleted users/roles (AIDA…/AROA…), canonical user ids,
    /// web-identity providers: not public, but not attributable to an account.
    Unresolved(String),
}

pub(super) fn classify_principal(p: &Principal) -> PrincipalClass {
    match p {
        Principal::Any => PrincipalClass::Everyone,
        Principal::Aws(s) => {
            if is_account_id(s) {
                return PrincipalClass::Account(s.to_string());
            }
            match account_from_arn(s) {
                // AWS rejects wildcards in principal ARNs; if one shows up anyway
                // it cannot be narrowed, so assume the worst.
                Some(acct) if has_wildcard(acct) => PrincipalClass::Everyone,
                Some(acct) => PrincipalClass::Account(acct.to_string()),
                None if has_wildcard(s) => PrincipalClass::Everyone,
                None => PrincipalClass::Unresolved(s.to_string()),
            }
        }
        Principal::Service(s) => PrincipalClass::Service(s.to_string()),
        Principal::Federated(s) => match account_from_arn(s) {
            Some(acct) if !has_wildcard(acct) => PrincipalClass::Account(acct.to_string()),
            _ => PrincipalClass::Unresolved(format!("Federated:{s}")),
        },
        Principal::CanonicalUser(s) => PrincipalClass::Unresolved(format!("CanonicalUser:{s}")),
    }
}

fn has_wildcard(s: &str) -> bool {
    s.contains('*') || s.contains('?')
}

/// A bare 12-digit AWS account id (means that account's root as a principal).
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The account field of an ARN (`arn:partition:service:region:account:resource`),
/// or `None` when it is absent (e.g. S3 bucket ARNs) or `s` is not an ARN.
pub fn account_from_arn(arn: &str) -> Option<&str> {
    let mut parts = arn.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let _partition = parts.next()?;
    let _service = parts.next()?;
    let _region = parts.next()?;
    let account = parts.next()?;
    let _resource = parts.next()?;
    (!account.is_empty()).then_some(account)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_resolution() {
        assert_eq!(
            classify_principal(&Principal::Aws("123456789012".into())),
            PrincipalClass::Account("123456789012".into())
        );
        for arn in [
            "arn:aws:iam::111122223333:root",
            "arn:aws:iam::111122223333:user/alice",
            "arn:aws:iam::111122223333:role/path/r",
            "arn:aws:sts::111122223333:assumed-role/r/session",
            "arn:aws-cn:iam::111122223333:root",
        ] {
            assert_eq!(
                classify_principal(&Principal::Aws(arn.into())),
                PrincipalClass::Account("111122223333".into()),
                "{arn}"
            );
        }
    }

    #[test]
    fn unique_ids_are_unresolved() {
        assert!(matches!(
            classify_principal(&Principal::Aws("AROAEXAMPLEID1234567".into())),
            PrincipalClass::Unresolved(_)
        ));
        assert!(matches!(classify_principal(&Principal::CanonicalUser("abc".into())), PrincipalClass::Unresolved(_)));
    }

    #[test]
    fn wildcard_account_is_everyone() {
        assert_eq!(classify_principal(&Principal::Aws("arn:aws:iam::*:root".into())), PrincipalClass::Everyone);
    }

    #[test]
    fn arn_account_field() {
        assert_eq!(account_from_arn("arn:aws:s3:::bucket"), None);
        assert_eq!(account_from_arn("arn:aws:sns:us-east-1:123456789012:t"), Some("123456789012"));
        assert_eq!(account_from_arn("not-an-arn"), None);
        assert_eq!(account_from_arn("arn:aws:iam::1"), None);
    }
}
