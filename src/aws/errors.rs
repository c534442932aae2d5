//! Turning SDK errors into [`ErrorKind`]s a reader can act on.

use crate::snapshot::ErrorKind;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

/// The reduced form of an SDK error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: ErrorKind,
    pub code: String,
    pub message: String,
}

const ACCESS_DENIED_CODES: &[&str] = &[
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "AuthorizationError",
    "AllAccessDisabled",
    "UnauthorizedAccess",
    "Forbidden",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "AuthFailure",
    "OptInRequired",
];

const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "TooManyRequestsException",
    "SlowDown",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
    "BandwidthLimitExceeded",
    "LimitExceededException",
];

const UNSUPPORTED_CODES: &[&str] = &[
    "NotImplemented",
    "NotImplementedException",
    "InvalidAction",
    "UnknownOperationException",
    "UnsupportedOperation",
    "UnsupportedOperationException",
    "InternalFailure",
];

/// Classifies a failed call. Emulator "not implemented" answers count as [`ErrorKind::Unsupported`],
/// which is how argus degrades on a real endpoint that lacks the API.
pub fn classify<E>(err: &SdkError<E, HttpResponse>) -> Failure
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let message = error_chain(err);
    match err {
        SdkError::TimeoutError(_) => Failure { kind: ErrorKind::Timeout, code: "Timeout".into(), message },
        SdkError::DispatchFailure(d) => {
            let (kind, code) = if d.is_timeout() {
                (ErrorKind::Timeout, "Timeout")
            } else if d.is_io() {
                (ErrorKind::Network, "NetworkError")
            } else if message.contains(super::readonly::REFUSAL_MARKER) {
                (ErrorKind::Refused, "RefusedByReadOnlyGuard")
            } else {
                (ErrorKind::Network, "DispatchFailure")
            };
            Failure { kind, code: code.into(), message }
        }
        SdkError::ConstructionFailure(_) => {
            let (kind, code) = if message.contains(super::readonly::REFUSAL_MARKER) {
                (ErrorKind::Refused, "RefusedByReadOnlyGuard")
            } else {
                (ErrorKind::Other, "RequestConstructionFailed")
            };
            Failure { kind, code: code.into(), message }
        }
        SdkError::ResponseError(_) => {
            Failure { kind: ErrorKind::InvalidResponse, code: "InvalidResponse".into(), message }
        }
        SdkError::ServiceError(service_err) => {
            let code = err.code().unwrap_or_default().to_string();
            let msg = err.message().map(str::to_string).unwrap_or_else(|| message.clone());
            let status = Some(service_err.raw().status().as_u16());
            let kind = if code.is_empty() && status.is_some_and(|s| s < 300) {
                // A success status whose body the SDK could not parse (e.g. moto's GetBucketVersioning).
                ErrorKind::InvalidResponse
            } else {
                classify_code(&code, status)
            };
            let code = if kind == ErrorKind::InvalidResponse {
                "UnparseableResponse".to_string()
            } else if code.is_empty() {
                status.map(|s| format!("HTTP{s}")).unwrap_or_else(|| "Unknown".into())
            } else {
                code
            };
            Failure { kind, code, message: msg }
        }
        _ => Failure { kind: ErrorKind::Other, code: "Unknown".into(), message },
    }
}

/// The `Display` text of the error and its sources, joined. Unlike `DisplayErrorContext` this never
/// includes `Debug` output, which would carry the raw HTTP response body — and bodies can hold data
/// argus must not log (Lambda environment values).
pub fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p == &text) {
            parts.push(text);
        }
        current = e.source();
    }
    let joined = parts.join(": ");
    // Bound the size: a garbled body can make a parser error arbitrarily long.
    if joined.chars().count() > 500 {
        joined.chars().take(500).collect::<String>() + "…"
    } else {
        joined
    }
}

fn classify_code(code: &str, status: Option<u16>) -> ErrorKind {
    if ACCESS_DENIED_CODES.contains(&code) {
        ErrorKind::AccessDenied
    } else if THROTTLING_CODES.contains(&code) {
        ErrorKind::Throttled
    } else if UNSUPPORTED_CODES.contains(&code) || matches!(status, Some(501)) {
        ErrorKind::Unsupported
    } else if code.is_empty() && matches!(status, Some(404) | Some(405)) {
        // An endpoint that does not know the route at all (e.g. moto's ListFunctionUrlConfigs).
        ErrorKind::Unsupported
    } else if matches!(status, Some(403)) {
        ErrorKind::AccessDenied
    } else {
        ErrorKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_kinds() {
        assert_eq!(classify_code("AccessDenied", Some(403)), ErrorKind::AccessDenied);
        assert_eq!(classify_code("SlowDown", Some(503)), ErrorKind::Throttled);
        assert_eq!(classify_code("RequestLimitExceeded", Some(400)), ErrorKind::Throttled);
        assert_eq!(classify_code("", Some(404)), ErrorKind::Unsupported);
        assert_eq!(classify_code("NoSuchThing", Some(404)), ErrorKind::Other);
        assert_eq!(classify_code("", Some(403)), ErrorKind::AccessDenied);
    }
}
