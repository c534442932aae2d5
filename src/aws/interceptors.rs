//! Interceptors other than the read-only guard: call accounting and S3 Control host routing.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextMut, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Counts operations and HTTP attempts; attempts beyond the first are SDK retries.
#[derive(Debug, Default)]
pub struct CallMetrics {
    operations: AtomicU64,
    attempts: AtomicU64,
}

impl CallMetrics {
    pub fn operations(&self) -> u64 {
        self.operations.load(Ordering::Relaxed)
    }

    pub fn retries(&self) -> u64 {
        self.attempts.load(Ordering::Relaxed).saturating_sub(self.operations())
    }
}

#[derive(Debug, Clone)]
pub struct CallCounter(Arc<CallMetrics>);

impl CallCounter {
    pub fn new(metrics: Arc<CallMetrics>) -> Self {
        CallCounter(metrics)
    }
}

impl Intercept for CallCounter {
    fn name(&self) -> &'static str {
        "ArgusCallCounter"
    }

    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.0.operations.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.0.attempts.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// S3 Control's endpoint rules put the account id in front of the host (`123456789012.host`). Against a
/// custom endpoint (LocalStack, moto, a proxy) that name does not resolve, so route it back to the
/// endpoint's own host. Runs before signing, so the signature covers the host actually used.
#[derive(Debug, Clone)]
pub struct StripAccountHostPrefix {
    endpoint_host: String,
}

impl StripAccountHostPrefix {
    pub fn for_endpoint(endpoint_url: &str) -> Self {
        let host =
            endpoint_url.split("://").nth(1).unwrap_or(endpoint_url).split('/').next().unwrap_or_default().to_string();
        StripAccountHostPrefix { endpoint_host: host }
    }

    /// `http://123456789012.127.0.0.1:4566/v20180820/...` → `http://127.0.0.1:4566/v20180820/...`
    fn rewrite(&self, uri: &str) -> Option<String> {
        let (scheme, rest) = uri.split_once("://")?;
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let (prefix, host) = authority.split_once('.')?;
        let is_account = prefix.len() == 12 && prefix.bytes().all(|b| b.is_ascii_digit());
        (is_account && host == self.endpoint_host).then(|| format!("{scheme}://{host}{path}"))
    }
}

impl Intercept for StripAccountHostPrefix {
    fn name(&self) -> &'static str {
        "ArgusStripAccountHostPrefix"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let request = context.request_mut();
        if let Some(new_uri) = self.rewrite(request.uri()) {
            request.set_uri(new_uri)?;
            if let Some(host) = request.headers().get("host").map(str::to_string) {
                if let Some((_, h)) = host.split_once('.') {
                    let h = h.to_string();
                    request.headers_mut().insert("host", h);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_account_prefix_only_for_the_endpoint_host() {
        let s = StripAccountHostPrefix::for_endpoint("http://127.0.0.1:4566");
        assert_eq!(
            s.rewrite("http://123456789012.127.0.0.1:4566/v20180820/configuration/publicAccessBlock").as_deref(),
            Some("http://127.0.0.1:4566/v20180820/configuration/publicAccessBlock")
        );
        assert_eq!(s.rewrite("http://127.0.0.1:4566/v20180820/x"), None);
        assert_eq!(s.rewrite("https://123456789012.s3-control.us-east-1.amazonaws.com/x"), None);
    }
}
