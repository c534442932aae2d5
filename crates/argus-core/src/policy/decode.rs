//! Decoding of the percent-encoded documents IAM returns.
//!
//! IAM (GetPolicyVersion, Get*Policy, AssumeRolePolicyDocument,
//! GetAccountAuthorizationDetails) returns RFC 3986 percent-encoded JSON and the
//! SDK does not decode it. Resource policies (S3, Lambda, KMS, Secrets Manager)
//! are plain JSON and must NOT go through this: a literal `%` would be corrupted.

use serde_json::Value;

use super::error::PolicyError;

/// Percent-decode an IAM policy document, then parse it as JSON.
pub fn decode_iam_document(raw: &str) -> Result<Value, PolicyError> {
    let text = percent_decode(raw)?;
    serde_json::from_str(&text).map_err(|e| PolicyError::Json(e.to_string()))
}

/// RFC 3986 percent-decoding. `+` is left alone (it is not a space here).
pub fn percent_decode(raw: &str) -> Result<String, PolicyError> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b != b'%' {
            out.push(b);
            i += 1;
            continue;
        }
        let hi = bytes.get(i + 1).copied().and_then(hex_value);
        let lo = bytes.get(i + 2).copied().and_then(hex_value);
        match (hi, lo) {
            (Some(hi), Some(lo)) => {
                out.push((hi << 4) | lo);
                i += 3;
            }
            _ => return Err(PolicyError::Decode(format!("invalid escape sequence at byte {i}"))),
        }
    }
    String::from_utf8(out).map_err(|e| PolicyError::Decode(format!("decoded bytes are not UTF-8: {e}")))
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_iam_encoding() {
        let raw = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D";
        let v = decode_iam_document(raw).expect("valid");
        assert_eq!(v["Version"], "2012-10-17");
    }

    #[test]
    fn plus_stays_plus_and_utf8_survives() {
        assert_eq!(percent_decode("a+b%20c").expect("ok"), "a+b c");
        assert_eq!(percent_decode("%C3%A9").expect("ok"), "é");
    }

    #[test]
    fn rejects_bad_escapes_and_non_utf8() {
        assert!(matches!(percent_decode("%G1"), Err(PolicyError::Decode(_))));
        assert!(matches!(percent_decode("abc%4"), Err(PolicyError::Decode(_))));
        assert!(matches!(percent_decode("%"), Err(PolicyError::Decode(_))));
        assert!(matches!(percent_decode("%FF"), Err(PolicyError::Decode(_))));
    }

    #[test]
    fn rejects_non_json() {
        assert!(matches!(decode_iam_document("%7Bnot"), Err(PolicyError::Json(_))));
    }
}
