//! Macie, per region: the session's status.

use super::{Collector, Service};
use crate::snapshot::MacieRegion;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

pub(super) async fn collect(c: &Collector, region: &str) -> MacieRegion {
    let client = c.ctx.macie2(region);
    let api = c.api("Macie2", Service::Macie, Some(region));
    let status = api
        .call("GetMacieSession", None, || async {
            match client.get_macie_session().send().await {
                Ok(out) => Ok(Some(out.status().map(|s| s.as_str().to_string()).unwrap_or_default())),
                Err(e) if is_not_enabled(e.code(), e.message()) => Ok(None),
                Err(e) => Err(e),
            }
        })
        .await;
    MacieRegion { status: status.into() }
}

/// Macie answers every call of an account that has not enabled it in the region with
/// AccessDeniedException "Macie is not enabled"; any other denial is a missing permission.
fn is_not_enabled(code: Option<&str>, message: Option<&str>) -> bool {
    code == Some("AccessDeniedException") && message.is_some_and(|m| m.contains("Macie is not enabled"))
}

#[cfg(test)]
mod tests {
    use super::is_not_enabled;

    #[test]
    fn only_the_not_enabled_denial_means_off() {
        assert!(is_not_enabled(Some("AccessDeniedException"), Some("Macie is not enabled.")));
        // A missing permission is a denial too, but says something else: an error, not "off".
        assert!(!is_not_enabled(
            Some("AccessDeniedException"),
            Some("User: arn:aws:iam::1:user/a is not authorized to perform: macie2:GetMacieSession")
        ));
        assert!(!is_not_enabled(Some("ThrottlingException"), Some("Macie is not enabled")));
        assert!(!is_not_enabled(Some("AccessDeniedException"), None));
    }
}
