//! Interceptors other than the read-only guard: call accounting, S3 Control host routing, the
//! truncated-XML check, and the retry classifier that gives up on server crash pages.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::interceptors::context::{
    AfterDeserializationInterceptorContextRef, BeforeSerializationInterceptorContextRef,
    BeforeTransmitInterceptorContextMut, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::retries::classifiers::{ClassifyRetry, RetryAction, RetryClassifierPriority};
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

/// Refuses a successful XML response whose document is cut short. The SDK's XML deserialisers stop
/// quietly at the end of the input, so a body truncated at an element boundary (with a matching
/// Content-Length) would otherwise parse as a shorter list — silently missing resources. Query and
/// REST-XML services (IAM, STS, EC2, RDS, S3, S3 Control) answer XML; JSON bodies are left to serde,
/// which rejects truncation by itself.
#[derive(Debug, Clone, Copy)]
pub struct CompleteXmlBody;

impl Intercept for CompleteXmlBody {
    fn name(&self) -> &'static str {
        "ArgusCompleteXmlBody"
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let response = context.response();
        if !response.status().is_success() {
            return Ok(());
        }
        match response.body().bytes() {
            Some(body) if !xml_document_is_complete(body) => Err(format!(
                "truncated response: the XML document ends before its root element is closed ({} bytes)",
                body.len()
            )
            .into()),
            _ => Ok(()),
        }
    }
}

/// Whether an XML body's root element is closed at its end. Non-XML bodies (JSON, empty) count as
/// complete: this only guards against XML cut short.
fn xml_document_is_complete(body: &[u8]) -> bool {
    let text = body.trim_ascii();
    let mut rest = text;
    // Skip the prolog and comments: `<?xml …?>`, `<!-- … -->`.
    loop {
        if !rest.starts_with(b"<") {
            return true; // not XML
        }
        if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            let close: &[u8] = if rest.starts_with(b"<!--") { b"-->" } else { b">" };
            match rest.windows(close.len()).position(|w| w == close) {
                Some(i) => rest = rest[i + close.len()..].trim_ascii_start(),
                None => return false,
            }
            continue;
        }
        break;
    }
    let name_len = rest[1..].iter().position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/');
    let Some(name_len) = name_len.filter(|n| *n > 0) else { return false };
    let root = &rest[1..1 + name_len];
    if rest.ends_with(b"/>") && rest.iter().position(|b| *b == b'>') == Some(rest.len() - 1) {
        return true; // `<Root/>` alone
    }
    let Some(before_gt) = text.strip_suffix(b">") else { return false };
    let Some(before_name) = before_gt.trim_ascii_end().strip_suffix(root) else { return false };
    before_name.ends_with(b"</")
}

/// Does not retry an HTTP 500 whose body is an HTML page. AWS's own transient server errors carry an
/// error document (`InternalError`, `InternalFailure`, `ServiceUnavailable`) and stay retried by the
/// SDK's classifiers; an HTML page is a web server's crash page, such as an emulator's answer to an
/// operation it does not implement. Retrying it only adds the whole backoff schedule (about 40 s at
/// eight attempts) before the same failure is recorded as an ERROR naming the call.
#[derive(Debug, Clone, Copy)]
pub struct NoRetryOnCrashPage;

impl ClassifyRetry for NoRetryOnCrashPage {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        match ctx.response() {
            Some(response) if response.status().as_u16() == 500 => match response.body().bytes() {
                Some(body) if is_html_page(body) => RetryAction::RetryForbidden,
                _ => RetryAction::NoActionIndicated,
            },
            _ => RetryAction::NoActionIndicated,
        }
    }

    fn name(&self) -> &'static str {
        "ArgusNoRetryOnCrashPage"
    }

    /// Runs after the SDK's classifiers, so its verdict is the last word.
    fn priority(&self) -> RetryClassifierPriority {
        RetryClassifierPriority::run_after(RetryClassifierPriority::transient_error_classifier())
    }
}

/// Whether a body is an HTML document (`<!doctype html …` or `<html …`, any case, after white space).
fn is_html_page(body: &[u8]) -> bool {
    let text = body.trim_ascii_start();
    let starts = |prefix: &[u8]| text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix);
    starts(b"<!doctype html") || starts(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_pages_are_crash_pages_and_error_documents_are_not() {
        assert!(is_html_page(b"<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>"));
        assert!(is_html_page(b"  \n<HTML><body>Internal Server Error</body></HTML>"));
        assert!(!is_html_page(
            b"<?xml version=\"1.0\"?><Response><Errors><Error><Code>InternalError</Code></Error></Errors></Response>"
        ));
        assert!(!is_html_page(br#"{"__type":"InternalFailure","message":"x"}"#));
        assert!(!is_html_page(b""));
        assert!(!is_html_page(b"<htm"));
    }

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

    #[test]
    fn xml_bodies_cut_short_are_incomplete() {
        let full = br#"<?xml version="1.0" encoding="UTF-8"?>
<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><vpcSet><item><vpcId>vpc-1</vpcId></item><item><vpcId>vpc-2</vpcId></item></vpcSet></DescribeVpcsResponse>
"#;
        assert!(xml_document_is_complete(full));
        for cut in [40, 100, 150, full.len() - 30, full.len() - 3] {
            assert!(!xml_document_is_complete(&full[..cut]), "cut at {cut}: {}", String::from_utf8_lossy(&full[..cut]));
        }
        assert!(xml_document_is_complete(b"<ListBucketsOutput/>"));
        assert!(xml_document_is_complete(b"<!-- c --><R a=\"1\"><x/></R >"));
        assert!(!xml_document_is_complete(b"<R><x/></Rx>"));
        assert!(!xml_document_is_complete(b"<?xml version=\"1.0\""));
        // Not XML: left to the protocol's own parser.
        assert!(xml_document_is_complete(br#"{"Version":"2012-10-17"}"#));
        assert!(xml_document_is_complete(b""));
    }
}
