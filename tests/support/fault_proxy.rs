//! A fault-injecting HTTP proxy for the emulator tests: argus → proxy (127.0.0.1:0) → emulator.
//!
//! It names the operation of every request (query protocol: the `Action` form parameter — EC2, IAM, RDS,
//! STS; JSON protocol: the `X-Amz-Target` header — KMS, Secrets Manager, CloudTrail; REST: method, path
//! and query — S3, S3 Control, Lambda, AWS Backup) and its region (the SigV4 credential scope), counts it, and answers
//! according to the first [`Rule`] that fires:
//!
//! | fault | what argus sees |
//! |---|---|
//! | [`Fault::Pass`] | the emulator's answer |
//! | [`Fault::Throttle`] | the service's real throttling error: EC2 `RequestLimitExceeded` (503), query `Throttling` (400), JSON `ThrottlingException`, Lambda `TooManyRequestsException` (429), S3 `SlowDown` (503) |
//! | [`Fault::AccessDenied`] | the service's real denial: `AccessDenied`, EC2 `UnauthorizedOperation`, JSON / Lambda `AccessDeniedException` |
//! | [`Fault::Delay`] | the emulator's answer, late |
//! | [`Fault::Hang`] | nothing, ever (the request is read, no response is written) |
//! | [`Fault::Reset`] | a TCP reset (`SO_LINGER` 0, then close) instead of a response |
//! | [`Fault::Truncate`] | the first half of the body, with a matching `Content-Length` |
//! | [`Fault::CutOff`] | the full `Content-Length`, half the body, then the connection closes |
//! | [`Fault::Garble`] | a body of the same length, every byte replaced by noise |
//!
//! Random rules are deterministic: whether rule *i* fires is a hash of (seed, *i*, the request's method,
//! path, query, target and body, the SDK attempt number from `amz-sdk-request`), so a given request gets
//! the same fate in every run, whatever order concurrency sends requests in.
//!
//! ```ignore
//! let proxy = FaultProxy::start(&emulator.endpoint());
//! proxy.set_rules(vec![Rule::any(Fault::Throttle).probability(0.3)]);
//! // argus scan --endpoint-url <proxy.endpoint()> ...
//! assert!(proxy.injected_total() > 0);
//! ```
//!
//! The proxy never logs: requests carry the credentials argus runs with.
#![allow(dead_code)]

use bytes::Bytes;
use http::header::{HeaderName, CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::os::fd::{AsRawFd, BorrowedFd, RawFd};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

/// What the proxy does with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    Pass,
    Throttle,
    AccessDenied,
    Delay(Duration),
    Hang,
    Reset,
    Truncate,
    CutOff,
    Garble,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Delay(d) => write!(f, "Delay({}ms)", d.as_millis()),
            other => write!(f, "{other:?}"),
        }
    }
}

/// When a fault applies. Built with [`Rule::any`], [`Rule::op`] or [`Rule::region`], narrowed with the
/// other methods. Unset criteria match everything.
#[derive(Debug, Clone)]
pub struct Rule {
    service: Option<String>,
    operation: Option<String>,
    region: Option<String>,
    fault: Fault,
    probability: f64,
    max_attempt: Option<u32>,
}

impl Rule {
    /// Every request.
    pub fn any(fault: Fault) -> Rule {
        Rule { service: None, operation: None, region: None, fault, probability: 1.0, max_attempt: None }
    }

    /// One operation: `"s3:GetBucketPolicy"`, `"iam:GenerateCredentialReport"`, `"s3control:GetPublicAccessBlock"`
    /// (service as in the SigV4 scope; S3 Control is told apart by its path), or a bare `"ListKeys"`.
    pub fn op(operation: &str, fault: Fault) -> Rule {
        let (service, name) = match operation.split_once(':') {
            Some((s, n)) => (Some(s.to_string()), n.to_string()),
            None => (None, operation.to_string()),
        };
        Rule { service, operation: Some(name), ..Rule::any(fault) }
    }

    /// Every request signed for one region.
    pub fn region(region: &str, fault: Fault) -> Rule {
        Rule::any(fault).in_region(region)
    }

    pub fn in_region(mut self, region: &str) -> Rule {
        self.region = Some(region.to_string());
        self
    }

    pub fn for_service(mut self, service: &str) -> Rule {
        self.service = Some(service.to_string());
        self
    }

    /// Fire for this share of the matching requests (deterministically, see the module docs).
    pub fn probability(mut self, p: f64) -> Rule {
        self.probability = p;
        self
    }

    /// Only fire on SDK attempts 1..=n of a call (a transient fault that retries get through).
    pub fn up_to_attempt(mut self, n: u32) -> Rule {
        self.max_attempt = Some(n);
        self
    }

    fn matches(&self, op: &Operation) -> bool {
        self.service.as_deref().is_none_or(|s| s == op.service)
            && self.operation.as_deref().is_none_or(|o| o == op.name)
            && self.region.as_deref().is_none_or(|r| r == op.region)
    }
}

/// An identified request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// The SigV4 signing name (`ec2`, `iam`, `s3`, …), `s3control` for S3 Control paths.
    pub service: String,
    pub name: String,
    pub region: String,
    protocol: Protocol,
}

impl Operation {
    /// `service:Name`, the key of [`FaultProxy::counts`].
    pub fn key(&self) -> String {
        format!("{}:{}", self.service, self.name)
    }

    /// The IAM action a denial names (S3 Control's account-level call is an `s3:` action).
    fn iam_action(&self) -> String {
        match (self.service.as_str(), self.name.as_str()) {
            ("s3control", "GetPublicAccessBlock") => "s3:GetAccountPublicAccessBlock".to_string(),
            ("s3control", name) => format!("s3:{name}"),
            (service, name) => format!("{service}:{name}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Protocol {
    /// EC2's query dialect: `<Response><Errors><Error>`.
    Ec2Query,
    /// IAM, STS, RDS: `<ErrorResponse><Error>`.
    AwsQuery,
    /// KMS, Secrets Manager, CloudTrail: `{"__type": …}`.
    AwsJson,
    /// Lambda: `x-amzn-ErrorType` and a JSON body.
    RestJson,
    /// S3: `<Error>` at the root.
    RestXml,
    /// S3 Control: `<ErrorResponse><Error>`.
    RestXmlWrapped,
    Unknown,
}

/// A running proxy. Dropping it stops it (hung requests included).
pub struct FaultProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    runtime: Option<tokio::runtime::Runtime>,
}

struct Shared {
    upstream: String,
    client: Client<HttpConnector, Full<Bytes>>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    seed: u64,
    /// `service:Name` → requests seen (every attempt counts).
    counts: BTreeMap<String, u64>,
    /// `service:Name Fault` → faults injected.
    injected: BTreeMap<String, u64>,
    /// Attempt counter per request fingerprint, for requests without an `amz-sdk-request` header.
    seen: HashMap<u64, u32>,
    /// `service:Name` of requests whose protocol the proxy could not tell (their faults would be
    /// answered in a format the SDK does not read as that fault).
    unrecognised: BTreeSet<String>,
}

impl FaultProxy {
    /// A pass-through proxy to `upstream` (`http://127.0.0.1:PORT`) on a free loopback port.
    pub fn start(upstream: &str) -> FaultProxy {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("fault-proxy")
            .enable_all()
            .build()
            .expect("fault proxy runtime");
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind fault proxy");
        listener.set_nonblocking(true).expect("non-blocking listener");
        let addr = listener.local_addr().expect("fault proxy address");
        let client = {
            let _guard = runtime.enter();
            Client::builder(TokioExecutor::new()).pool_idle_timeout(Duration::from_secs(30)).build_http()
        };
        let shared = Arc::new(Shared {
            upstream: upstream.trim_end_matches('/').to_string(),
            client,
            state: Mutex::new(State::default()),
        });
        let accept_shared = shared.clone();
        runtime.spawn(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let _ = stream.set_nodelay(true);
                let fd = stream.as_raw_fd();
                let shared = accept_shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| handle(shared.clone(), fd, req));
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
        FaultProxy { addr, shared, runtime: Some(runtime) }
    }

    /// `http://127.0.0.1:PORT`, for `argus --endpoint-url`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Replaces the rules (the first rule that fires decides a request's fate).
    pub fn set_rules(&self, rules: Vec<Rule>) {
        self.state().rules = rules;
    }

    pub fn add_rule(&self, rule: Rule) {
        self.state().rules.push(rule);
    }

    /// Pass everything through from now on.
    pub fn clear_rules(&self) {
        self.state().rules.clear();
    }

    /// The seed of the random rules (default 0).
    pub fn set_seed(&self, seed: u64) {
        self.state().seed = seed;
    }

    /// Requests seen per `service:Operation`, every attempt counted.
    pub fn counts(&self) -> BTreeMap<String, u64> {
        self.state().counts.clone()
    }

    /// Requests seen for one `service:Operation`.
    pub fn count(&self, key: &str) -> u64 {
        self.state().counts.get(key).copied().unwrap_or(0)
    }

    pub fn total_requests(&self) -> u64 {
        self.state().counts.values().sum()
    }

    /// Faults injected per `service:Operation Fault`.
    pub fn injected(&self) -> BTreeMap<String, u64> {
        self.state().injected.clone()
    }

    pub fn injected_total(&self) -> u64 {
        self.state().injected.values().sum()
    }

    /// Requests (`service:Name`) whose protocol the proxy does not know: a service added to argus
    /// needs its protocol here before faults injected into it mean anything.
    pub fn unrecognised(&self) -> BTreeSet<String> {
        self.state().unrecognised.clone()
    }

    /// Forgets the counts (rules and seed stay).
    pub fn reset_counts(&self) {
        let mut state = self.state();
        state.counts.clear();
        state.injected.clear();
        state.seen.clear();
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.shared.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

#[derive(Debug)]
struct ProxyError(String);

impl fmt::Display for ProxyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProxyError {}

async fn handle(shared: Arc<Shared>, fd: RawFd, req: Request<Incoming>) -> Result<Response<ProxyBody>, ProxyError> {
    let (parts, body) = req.into_parts();
    let body = body.collect().await.map_err(|e| ProxyError(format!("reading the request: {e}")))?.to_bytes();
    let op = identify(&parts.method, &parts.uri, &parts.headers, &body);
    let fingerprint = fingerprint(&parts.method, &parts.uri, &parts.headers, &body);
    let fault = {
        let mut state = shared.state.lock().unwrap_or_else(|p| p.into_inner());
        *state.counts.entry(op.key()).or_default() += 1;
        if op.protocol == Protocol::Unknown {
            state.unrecognised.insert(op.key());
        }
        let attempt = match sdk_attempt(&parts.headers) {
            Some(n) => n,
            None => {
                let n = state.seen.entry(fingerprint).or_default();
                *n += 1;
                *n
            }
        };
        let fault = decide(&state.rules, state.seed, &op, fingerprint, attempt);
        if fault != Fault::Pass {
            *state.injected.entry(format!("{} {fault}", op.key())).or_default() += 1;
        }
        fault
    };
    match fault {
        Fault::Pass => forward(&shared, &parts, body).await,
        Fault::Throttle => Ok(error_response(&op, &parts.method, ErrorCase::Throttled)),
        Fault::AccessDenied => Ok(error_response(&op, &parts.method, ErrorCase::Denied)),
        Fault::Delay(d) => {
            tokio::time::sleep(d).await;
            forward(&shared, &parts, body).await
        }
        Fault::Hang => std::future::pending().await,
        Fault::Reset => {
            // SAFETY: `fd` belongs to the connection this request arrived on, which owns the socket and
            // is alive for as long as this handler runs.
            let socket = unsafe { BorrowedFd::borrow_raw(fd) };
            let _ = socket2::SockRef::from(&socket).set_linger(Some(Duration::ZERO));
            // A service error makes hyper close the connection without a response: with linger 0, an RST.
            Err(ProxyError("reset injected".into()))
        }
        Fault::Truncate | Fault::CutOff | Fault::Garble => {
            let response = forward(&shared, &parts, body).await?;
            Ok(mangle(response, &fault, fingerprint))
        }
    }
}

/// The first rule that matches `op` and fires for this request (`fingerprint`) and SDK attempt.
pub fn decide(rules: &[Rule], seed: u64, op: &Operation, fingerprint: u64, attempt: u32) -> Fault {
    for (i, rule) in rules.iter().enumerate() {
        if !rule.matches(op) || rule.max_attempt.is_some_and(|max| attempt > max) {
            continue;
        }
        if rule.probability >= 1.0
            || unit_interval(&[seed, i as u64, fingerprint, u64::from(attempt)]) < rule.probability
        {
            return rule.fault.clone();
        }
    }
    Fault::Pass
}

async fn forward(
    shared: &Shared,
    parts: &http::request::Parts,
    body: Bytes,
) -> Result<Response<ProxyBody>, ProxyError> {
    let path = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let mut builder = Request::builder().method(parts.method.clone()).uri(format!("{}{path}", shared.upstream));
    for (name, value) in &parts.headers {
        if !is_hop_by_hop(name) {
            builder = builder.header(name, value);
        }
    }
    let request = builder.body(Full::new(body)).map_err(|e| ProxyError(format!("building the request: {e}")))?;
    let response = match shared.client.request(request).await {
        Ok(r) => r,
        Err(e) => {
            return Ok(plain(StatusCode::BAD_GATEWAY, "text/plain", format!("fault proxy: upstream failed: {e}")));
        }
    };
    let (rparts, rbody) = response.into_parts();
    let bytes = match rbody.collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => return Err(ProxyError(format!("reading the upstream response: {e}"))),
    };
    let mut out = Response::builder().status(rparts.status);
    for (name, value) in &rparts.headers {
        // hyper sets Content-Length from the body (except for HEAD, whose length describes a GET).
        let keep_length = parts.method == Method::HEAD && name == CONTENT_LENGTH;
        if !is_hop_by_hop(name) && (name != CONTENT_LENGTH || keep_length) {
            out = out.header(name, value);
        }
    }
    out.body(ProxyBody::full(bytes)).map_err(|e| ProxyError(format!("building the response: {e}")))
}

fn mangle(response: Response<ProxyBody>, fault: &Fault, fingerprint: u64) -> Response<ProxyBody> {
    let (mut parts, body) = response.into_parts();
    let bytes = body.data.unwrap_or_default();
    let half = bytes.slice(0..bytes.len() / 2);
    let body = match fault {
        Fault::Truncate => ProxyBody::full(half),
        Fault::CutOff => {
            parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            ProxyBody { data: Some(half), fail_at_end: true }
        }
        Fault::Garble => {
            let mut state = fingerprint | 1;
            let noise: Vec<u8> = bytes
                .iter()
                .map(|_| {
                    state = splitmix64(state);
                    (state >> 56) as u8
                })
                .collect();
            ProxyBody::full(Bytes::from(noise))
        }
        _ => ProxyBody::full(bytes),
    };
    Response::from_parts(parts, body)
}

#[derive(Clone, Copy)]
enum ErrorCase {
    Throttled,
    Denied,
}

/// The error each service really sends, in its protocol's wire format.
fn error_response(op: &Operation, method: &Method, case: ErrorCase) -> Response<ProxyBody> {
    let request_id = "a1b2c3d4-0000-4000-8000-fa017fa017fa";
    let denied = format!(
        "User: arn:aws:iam::123456789012:user/argus-fault-proxy is not authorized to perform: {} because no identity-based policy allows the {} action",
        op.iam_action(),
        op.iam_action()
    );
    match op.protocol {
        Protocol::Ec2Query => {
            let (status, code, message) = match case {
                ErrorCase::Throttled => {
                    (StatusCode::SERVICE_UNAVAILABLE, "RequestLimitExceeded", "Request limit exceeded.")
                }
                ErrorCase::Denied => (
                    StatusCode::FORBIDDEN,
                    "UnauthorizedOperation",
                    "You are not authorized to perform this operation.",
                ),
            };
            plain(
                status,
                "text/xml;charset=UTF-8",
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>{request_id}</RequestID></Response>"
                ),
            )
        }
        Protocol::AwsQuery | Protocol::Unknown => {
            let (status, code, message) = match case {
                ErrorCase::Throttled => (StatusCode::BAD_REQUEST, "Throttling", "Rate exceeded".to_string()),
                ErrorCase::Denied => (StatusCode::FORBIDDEN, "AccessDenied", denied),
            };
            let (ns_service, version) = match op.service.as_str() {
                "iam" => ("iam", "2010-05-08"),
                "sts" => ("sts", "2011-06-15"),
                "rds" => ("rds", "2014-10-31"),
                other => (other, "2012-01-01"),
            };
            plain(
                status,
                "text/xml",
                format!(
                    "<ErrorResponse xmlns=\"https://{ns_service}.amazonaws.com/doc/{version}/\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>{code}</Code>\n    <Message>{}</Message>\n  </Error>\n  <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n",
                    xml_escape(&message)
                ),
            )
        }
        Protocol::AwsJson => {
            let (code, message) = match case {
                ErrorCase::Throttled => ("ThrottlingException", "Rate exceeded".to_string()),
                ErrorCase::Denied => ("AccessDeniedException", denied),
            };
            let body = format!("{{\"__type\":\"{code}\",\"message\":{}}}", json_string(&message));
            let mut r = plain(StatusCode::BAD_REQUEST, "application/x-amz-json-1.1", body);
            r.headers_mut().insert("x-amzn-requestid", HeaderValue::from_static(request_id));
            r
        }
        Protocol::RestJson => {
            let (status, code, body) = match case {
                ErrorCase::Throttled => (
                    StatusCode::TOO_MANY_REQUESTS,
                    "TooManyRequestsException",
                    "{\"Type\":\"User\",\"message\":\"Rate exceeded\",\"Reason\":\"CallerRateLimitExceeded\"}"
                        .to_string(),
                ),
                ErrorCase::Denied => (
                    StatusCode::FORBIDDEN,
                    "AccessDeniedException",
                    format!("{{\"Message\":{}}}", json_string(&denied)),
                ),
            };
            let mut r = plain(status, "application/json", body);
            r.headers_mut().insert("x-amzn-errortype", HeaderValue::from_static(code));
            r.headers_mut().insert("x-amzn-requestid", HeaderValue::from_static(request_id));
            r
        }
        Protocol::RestXml | Protocol::RestXmlWrapped => {
            let (status, code, message) = match case {
                ErrorCase::Throttled => {
                    (StatusCode::SERVICE_UNAVAILABLE, "SlowDown", "Please reduce your request rate.")
                }
                ErrorCase::Denied => (StatusCode::FORBIDDEN, "AccessDenied", "Access Denied"),
            };
            let error = format!(
                "<Error><Code>{code}</Code><Message>{message}</Message><RequestId>{request_id}</RequestId><HostId>ZmF1bHQtcHJveHk=</HostId></Error>"
            );
            let body = if *method == Method::HEAD {
                String::new() // S3 answers HEAD errors with a status and no body
            } else if op.protocol == Protocol::RestXmlWrapped {
                format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse>{error}</ErrorResponse>")
            } else {
                format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{error}")
            };
            let mut r = plain(status, "application/xml", body);
            r.headers_mut().insert("x-amz-request-id", HeaderValue::from_static("FA017FA017FA017F"));
            r
        }
    }
}

fn plain(status: StatusCode, content_type: &'static str, body: String) -> Response<ProxyBody> {
    let mut r = Response::new(ProxyBody::full(Bytes::from(body)));
    *r.status_mut() = status;
    r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// Names the operation of a request and the region it was signed for.
pub fn identify(method: &Method, uri: &http::Uri, headers: &HeaderMap, body: &[u8]) -> Operation {
    let (region, scope_service) = credential_scope(headers).unwrap_or_else(|| ("unknown".into(), "unknown".into()));
    let path = uri.path();
    let query = uri.query().unwrap_or("");
    if let Some(target) = headers.get("x-amz-target").and_then(|v| v.to_str().ok()) {
        let name = target.rsplit('.').next().unwrap_or(target).to_string();
        return Operation { service: scope_service, name, region, protocol: Protocol::AwsJson };
    }
    let form = |text: &str| form_value(text, "Action");
    let action = form(std::str::from_utf8(body).unwrap_or("")).or_else(|| form(query));
    match scope_service.as_str() {
        "s3" if path.starts_with("/v20180820/") => Operation {
            name: s3control_operation(method, path),
            service: "s3control".into(),
            region,
            protocol: Protocol::RestXmlWrapped,
        },
        "s3" => Operation {
            name: s3_operation(method, path, query),
            service: scope_service,
            region,
            protocol: Protocol::RestXml,
        },
        "lambda" => Operation {
            name: lambda_operation(method, path),
            service: scope_service,
            region,
            protocol: Protocol::RestJson,
        },
        "backup" => Operation {
            name: backup_operation(method, path),
            service: scope_service,
            region,
            protocol: Protocol::RestJson,
        },
        // The other REST-JSON services argus reads (their operations are told apart by path).
        "guardduty" | "securityhub" | "macie2" | "inspector2" | "access-analyzer" | "elasticfilesystem" | "account" => {
            Operation { name: format!("{method} {path}"), service: scope_service, region, protocol: Protocol::RestJson }
        }
        service => {
            let protocol = match service {
                "ec2" => Protocol::Ec2Query,
                _ if action.is_some() => Protocol::AwsQuery,
                _ => Protocol::Unknown,
            };
            let name = action.unwrap_or_else(|| format!("{method} {path}"));
            Operation { service: scope_service, name, region, protocol }
        }
    }
}

/// (region, service) from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, …`.
fn credential_scope(headers: &HeaderMap) -> Option<(String, String)> {
    let auth = headers.get("authorization")?.to_str().ok()?;
    let scope = auth.split("Credential=").nth(1)?.split(',').next()?;
    let parts: Vec<&str> = scope.trim().split('/').collect();
    (parts.len() == 5).then(|| (parts[2].to_string(), parts[3].to_string()))
}

fn form_value(text: &str, key: &str) -> Option<String> {
    text.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == key).then(|| v.to_string())
    })
}

fn s3_operation(method: &Method, path: &str, query: &str) -> String {
    let segments = path.trim_start_matches('/').splitn(2, '/').filter(|s| !s.is_empty()).count();
    let keys: Vec<&str> =
        query.split('&').map(|kv| kv.split('=').next().unwrap_or("")).filter(|k| !k.is_empty()).collect();
    const SUBRESOURCES: &[(&str, &str)] = &[
        ("policyStatus", "GetBucketPolicyStatus"),
        ("policy", "GetBucketPolicy"),
        ("publicAccessBlock", "GetPublicAccessBlock"),
        ("acl", "GetBucketAcl"),
        ("ownershipControls", "GetBucketOwnershipControls"),
        ("encryption", "GetBucketEncryption"),
        ("versioning", "GetBucketVersioning"),
        ("logging", "GetBucketLogging"),
        ("tagging", "GetBucketTagging"),
        ("location", "GetBucketLocation"),
        ("lifecycle", "GetBucketLifecycleConfiguration"),
        ("website", "GetBucketWebsite"),
        ("cors", "GetBucketCors"),
    ];
    let sub = SUBRESOURCES.iter().find(|(k, _)| keys.contains(k));
    match (method.as_str(), segments, sub) {
        ("GET", 0, _) => "ListBuckets".into(),
        ("GET", 1, Some((_, name))) => (*name).into(),
        ("GET", 1, None) if keys.contains(&"list-type") => "ListObjectsV2".into(),
        ("GET", 1, None) => "ListObjects".into(),
        ("HEAD", 1, _) => "HeadBucket".into(),
        ("GET", 2, _) => "GetObject".into(),
        ("HEAD", 2, _) => "HeadObject".into(),
        (m, _, Some((k, _))) => format!("{m} ?{k}"),
        (m, _, None) => format!("{m} {path}"),
    }
}

fn s3control_operation(method: &Method, path: &str) -> String {
    match (method.as_str(), path.trim_end_matches('/')) {
        ("GET", "/v20180820/configuration/publicAccessBlock") => "GetPublicAccessBlock".into(),
        (m, p) => format!("{m} {p}"),
    }
}

fn backup_operation(method: &Method, path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match (method.as_str(), segments.as_slice()) {
        ("GET", ["backup", "plans"]) => "ListBackupPlans".into(),
        ("GET", ["backup-vaults"]) => "ListBackupVaults".into(),
        ("GET", ["backup-vaults", _, "access-policy"]) => "GetBackupVaultAccessPolicy".into(),
        (m, _) => format!("{m} {path}"),
    }
}

fn lambda_operation(method: &Method, path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match (method.as_str(), segments.as_slice()) {
        ("GET", [_, "functions"]) => "ListFunctions".into(),
        ("GET", [_, "functions", _]) => "GetFunction".into(),
        ("GET", [_, "functions", _, "policy"]) => "GetPolicy".into(),
        ("GET", [_, "functions", _, "url"]) => "GetFunctionUrlConfig".into(),
        ("GET", [_, "functions", _, "urls"]) => "ListFunctionUrlConfigs".into(),
        ("GET", [_, "functions", _, "configuration"]) => "GetFunctionConfiguration".into(),
        (m, _) => format!("{m} {path}"),
    }
}

/// `attempt=N` of the SDK's `amz-sdk-request: attempt=N; max=M` header.
fn sdk_attempt(headers: &HeaderMap) -> Option<u32> {
    let value = headers.get("amz-sdk-request")?.to_str().ok()?;
    value.split(';').find_map(|part| part.trim().strip_prefix("attempt=")?.parse().ok())
}

/// Identifies a request by its content (not its signature or timestamps), the same in every run.
pub fn fingerprint(method: &Method, uri: &http::Uri, headers: &HeaderMap, body: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.write(method.as_str().as_bytes());
    h.write(uri.path_and_query().map(|p| p.as_str()).unwrap_or("").as_bytes());
    if let Some(target) = headers.get("x-amz-target") {
        h.write(target.as_bytes());
    }
    if let Some((region, _)) = credential_scope(headers) {
        h.write(region.as_bytes());
    }
    h.write(body);
    h.0
}

#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        self.0 = splitmix64(self.0);
    }
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A number in [0, 1) determined by `parts`.
fn unit_interval(parts: &[u64]) -> f64 {
    let mut h = Fnv::default();
    for p in parts {
        h.write(&p.to_le_bytes());
    }
    (h.0 >> 11) as f64 / (1u64 << 53) as f64
}

fn is_hop_by_hop(name: &HeaderName) -> bool {
    matches!(
        name.as_str(),
        "connection" | "keep-alive" | "proxy-connection" | "transfer-encoding" | "upgrade" | "te" | "trailer"
    )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A response body: the whole of it, or (cut off) part of it followed by an error, which makes hyper
/// close the connection short of the declared `Content-Length`.
struct ProxyBody {
    data: Option<Bytes>,
    fail_at_end: bool,
}

impl ProxyBody {
    fn full(bytes: Bytes) -> ProxyBody {
        ProxyBody { data: Some(bytes), fail_at_end: false }
    }
}

impl Body for ProxyBody {
    type Data = Bytes;
    type Error = ProxyError;

    fn poll_frame(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, ProxyError>>> {
        let this = self.get_mut();
        if let Some(data) = this.data.take() {
            if !data.is_empty() {
                return Poll::Ready(Some(Ok(Frame::data(data))));
            }
        }
        if this.fail_at_end {
            this.fail_at_end = false;
            return Poll::Ready(Some(Err(ProxyError("body cut off".into()))));
        }
        Poll::Ready(None)
    }

    fn is_end_stream(&self) -> bool {
        self.data.as_ref().is_none_or(|d| d.is_empty()) && !self.fail_at_end
    }

    fn size_hint(&self) -> SizeHint {
        match (&self.data, self.fail_at_end) {
            (_, true) => SizeHint::default(),
            (Some(d), false) => SizeHint::with_exact(d.len() as u64),
            (None, false) => SizeHint::with_exact(0),
        }
    }
}
