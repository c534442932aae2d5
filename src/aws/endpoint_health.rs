//! Which endpoints (service × region) stopped answering, so that one hung region cannot stall a scan.
//!
//! Every client carries an [`EndpointWatch`]. After each attempt it notes whether the endpoint answered
//! (any HTTP response, errors included). When an attempt ends in a timeout (the per-attempt `--timeout`,
//! the read timeout or the connect timeout) and the endpoint has answered *nothing at all* since that
//! attempt began, the endpoint is declared unresponsive. The collector then abandons every call in
//! flight to it and fails later ones at once, each recorded as a `timeout` error naming the call. A hung
//! region therefore costs one `--timeout`, not one per call and retry, and its calls cannot stack.
//!
//! Throttling and backoff never trip this: a throttled endpoint answers. A slow endpoint that answers
//! other calls while one attempt times out does not trip it either; that attempt is retried as usual.
//!
//! The registry is process-wide: an endpoint that hangs for one account hangs for every account.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// Answers and timeouts per endpoint.
#[derive(Debug, Default)]
pub struct EndpointHealth {
    endpoints: Mutex<HashMap<(String, String), Endpoint>>,
    declared: Notify,
}

#[derive(Debug, Default, Clone, Copy)]
struct Endpoint {
    last_answer: Option<Instant>,
    /// How long the attempt that found the endpoint silent had waited.
    unresponsive_after: Option<Duration>,
}

/// The process-wide registry the clients and the collector share.
pub fn global() -> &'static EndpointHealth {
    static HEALTH: OnceLock<EndpointHealth> = OnceLock::new();
    HEALTH.get_or_init(EndpointHealth::default)
}

impl EndpointHealth {
    fn with<T>(&self, service: &str, region: &str, f: impl FnOnce(&mut Endpoint) -> T) -> T {
        let mut map = self.endpoints.lock().unwrap_or_else(|p| p.into_inner());
        f(map.entry((service.to_string(), region.to_string())).or_default())
    }

    /// The endpoint sent a response (of any status).
    pub fn answered(&self, service: &str, region: &str) {
        self.with(service, region, |e| e.last_answer = Some(Instant::now()));
    }

    /// An attempt that began at `started` timed out without a response. Returns whether that made the
    /// endpoint unresponsive (it answered nothing since `started`).
    pub fn attempt_timed_out(&self, service: &str, region: &str, started: Instant) -> bool {
        let declared = self.with(service, region, |e| {
            if e.unresponsive_after.is_some() || e.last_answer.is_some_and(|t| t >= started) {
                return false;
            }
            e.unresponsive_after = Some(started.elapsed());
            true
        });
        if declared {
            tracing::warn!(
                service,
                region,
                "endpoint answered nothing before an attempt timed out; abandoning its calls"
            );
            self.declared.notify_waiters();
        }
        declared
    }

    /// `Some(waited)` once the endpoint has been declared unresponsive.
    pub fn unresponsive(&self, service: &str, region: &str) -> Option<Duration> {
        self.with(service, region, |e| e.unresponsive_after)
    }

    /// Resolves when the endpoint is declared unresponsive (at once if it already is).
    pub async fn wait_unresponsive(&self, service: &str, region: &str) -> Duration {
        loop {
            let notified = self.declared.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(waited) = self.unresponsive(service, region) {
                return waited;
            }
            notified.await;
        }
    }
}

/// The key of an endpoint's service: the SDK service name (`EC2`, `CloudWatch Logs`, `Config Service`)
/// in one spelling, so that the collector, which names its calls, and the watch, which reads the
/// operation's own metadata, agree on which endpoint a call goes to.
pub fn service_key(sdk_service: &str) -> String {
    crate::aws::readonly::normalise(sdk_service)
}

/// The interceptor that reports one client's attempts to [`global`].
#[derive(Debug, Clone)]
pub struct EndpointWatch {
    region: String,
}

impl EndpointWatch {
    /// `region` is the client's.
    pub fn new(region: &str) -> Self {
        EndpointWatch { region: region.to_string() }
    }
}

#[derive(Debug, Clone, Copy)]
struct AttemptStarted(Instant);

impl Storable for AttemptStarted {
    type Storer = StoreReplace<Self>;
}

impl Intercept for EndpointWatch {
    fn name(&self) -> &'static str {
        "ArgusEndpointWatch"
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        cfg.interceptor_state().store_put(AttemptStarted(Instant::now()));
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        // Every generated operation stores its Metadata (the read-only guard refuses one without it).
        let Some(service) = cfg.load::<Metadata>().map(|m| service_key(m.service())) else {
            return Ok(());
        };
        if context.response().is_some() {
            global().answered(&service, &self.region);
            return Ok(());
        }
        let timed_out = match context.output_or_error() {
            Some(Err(e)) => e.is_timeout_error() || e.as_connector_error().is_some_and(|c| c.is_timeout()),
            _ => false,
        };
        if let (true, Some(AttemptStarted(started))) = (timed_out, cfg.load::<AttemptStarted>()) {
            global().attempt_timed_out(&service, &self.region, *started);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The collector names each call's service (`collector.api("CloudWatch Logs", ...)`) and the watch
    /// reads it from the operation's metadata; a name no operation carries would leave the collector
    /// waiting on an endpoint the watch never declares.
    #[test]
    fn the_collectors_service_names_are_the_sdks() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/collect");
        let mut names = 0;
        for entry in std::fs::read_dir(&dir).expect("src/collect") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("source");
            for after in text.split(".api(").skip(1) {
                let Some(name) = after.trim_start().strip_prefix('"').and_then(|r| r.split('"').next()) else {
                    continue; // the method's own definition
                };
                names += 1;
                assert!(
                    crate::aws::readonly::READ_OPERATIONS
                        .iter()
                        .any(|o| service_key(o.sdk_service) == service_key(name)),
                    "{}: api({name:?}) is no SDK service name of READ_OPERATIONS",
                    path.display()
                );
            }
        }
        assert!(names > 20, "found only {names} calls to .api(\"...\") in {}", dir.display());
    }

    #[test]
    fn silent_endpoints_are_declared_and_answering_ones_are_not() {
        let h = EndpointHealth::default();
        let started = Instant::now();
        h.answered("ec2", "us-east-1");
        // us-east-1 answered during the attempt: one slow call, not a hung endpoint.
        assert!(!h.attempt_timed_out("ec2", "us-east-1", started));
        assert_eq!(h.unresponsive("ec2", "us-east-1"), None);
        // eu-west-1 answered nothing since the attempt began.
        assert!(h.attempt_timed_out("ec2", "eu-west-1", started));
        assert!(h.unresponsive("ec2", "eu-west-1").is_some());
        // Declared once; other services of the region are separate endpoints.
        assert!(!h.attempt_timed_out("ec2", "eu-west-1", started));
        assert_eq!(h.unresponsive("kms", "eu-west-1"), None);
    }

    #[tokio::test]
    async fn waiters_wake_when_their_endpoint_is_declared() {
        let h = std::sync::Arc::new(EndpointHealth::default());
        let waiter = {
            let h = h.clone();
            tokio::spawn(async move { h.wait_unresponsive("kms", "eu-west-1").await })
        };
        tokio::task::yield_now().await;
        let started = Instant::now();
        assert!(h.attempt_timed_out("kms", "eu-west-1", started));
        tokio::time::timeout(Duration::from_secs(5), waiter).await.expect("woken").expect("joined");
    }
}
