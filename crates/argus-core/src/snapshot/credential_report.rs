//! Parser for the IAM credential report CSV.
//!
//! Columns are looked up by header name, so AWS adding or reordering columns does not break argus.
//! Malformed content is an error naming the row and column, never a panic.

use crate::snapshot::{AccessKeyInfo, CredentialReportRow};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Parses the report body (CSV bytes) into typed rows.
pub fn parse(content: &[u8]) -> Result<Vec<CredentialReportRow>, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(content);
    let headers = reader.headers().map_err(|e| format!("credential report header: {e}"))?.clone();
    let index: HashMap<&str, usize> = headers.iter().enumerate().map(|(i, h)| (h.trim(), i)).collect();
    for required in ["user", "arn", "mfa_active"] {
        if !index.contains_key(required) {
            return Err(format!("credential report has no '{required}' column"));
        }
    }
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2; // 1-based, after the header
        let record = record.map_err(|e| format!("credential report line {line}: {e}"))?;
        let field = |name: &str| index.get(name).and_then(|&i| record.get(i)).unwrap_or("N/A").trim();
        let date = |name: &str| parse_date(field(name)).map_err(|e| format!("line {line}, column {name}: {e}"));
        let flag = |name: &str| parse_flag(field(name)).map_err(|e| format!("line {line}, column {name}: {e}"));
        let key = |k: u8| -> Result<AccessKeyInfo, String> {
            let col = |suffix: &str| format!("access_key_{k}_{suffix}");
            Ok(AccessKeyInfo {
                active: flag(&col("active"))?.unwrap_or(false),
                last_rotated: date(&col("last_rotated"))?,
                last_used_date: date(&col("last_used_date"))?,
                last_used_region: text(field(&col("last_used_region"))),
                last_used_service: text(field(&col("last_used_service"))),
            })
        };
        rows.push(CredentialReportRow {
            user: field("user").to_string(),
            arn: field("arn").to_string(),
            user_creation_time: date("user_creation_time")?,
            password_enabled: flag("password_enabled")?,
            password_last_used: date("password_last_used")?,
            password_last_changed: date("password_last_changed")?,
            password_next_rotation: date("password_next_rotation")?,
            mfa_active: flag("mfa_active")?.unwrap_or(false),
            access_keys: [key(1)?, key(2)?],
            cert_1_active: flag("cert_1_active")?.unwrap_or(false),
            cert_2_active: flag("cert_2_active")?.unwrap_or(false),
        });
    }
    Ok(rows)
}

/// The report's "no value" spellings.
fn is_absent(v: &str) -> bool {
    matches!(v, "" | "N/A" | "no_information" | "not_supported")
}

fn text(v: &str) -> Option<String> {
    (!is_absent(v)).then(|| v.to_string())
}

fn parse_date(v: &str) -> Result<Option<DateTime<Utc>>, String> {
    if is_absent(v) {
        return Ok(None);
    }
    DateTime::parse_from_rfc3339(v)
        .map(|d| Some(d.with_timezone(&Utc)))
        .map_err(|e| format!("'{}' is not a date ({e})", truncate(v)))
}

fn parse_flag(v: &str) -> Result<Option<bool>, String> {
    match v {
        "true" | "TRUE" | "True" => Ok(Some(true)),
        "false" | "FALSE" | "False" => Ok(Some(false)),
        v if is_absent(v) => Ok(None),
        other => Err(format!("'{}' is not true/false", truncate(other))),
    }
}

/// Keeps error messages short whatever garbage the input holds.
fn truncate(v: &str) -> String {
    v.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2024-05-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
alice,arn:aws:iam::123456789012:user/alice,2021-03-04T05:06:07+00:00,true,no_information,2021-03-04T05:06:07+00:00,N/A,false,true,2021-03-04T05:06:08+00:00,2024-01-02T03:04:05+00:00,us-east-1,s3,true,2022-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A
";

    #[test]
    fn parses_root_and_user_rows() {
        let rows = parse(REPORT.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].is_root());
        assert_eq!(rows[0].password_enabled, None);
        assert!(rows[0].mfa_active);
        assert!(rows[0].password_last_used.is_some());
        let alice = &rows[1];
        assert_eq!(alice.password_enabled, Some(true));
        assert_eq!(alice.password_last_used, None);
        assert!(alice.access_keys[0].active && alice.access_keys[1].active);
        assert_eq!(alice.access_keys[0].last_used_region.as_deref(), Some("us-east-1"));
        assert_eq!(alice.access_keys[1].last_used_date, None);
    }

    #[test]
    fn reordered_or_extra_columns_are_fine() {
        let rows = parse(b"arn,extra,user,mfa_active\narn:aws:iam::1:user/b,x,b,false\n").unwrap();
        assert_eq!(rows[0].user, "b");
        assert!(!rows[0].access_keys[0].active);
    }

    #[test]
    fn garbage_is_an_error_naming_the_place() {
        let err = parse(b"user,arn,mfa_active,password_last_used\nbob,arn,maybe,N/A\n").unwrap_err();
        assert!(parse(b"user,arn,mfa_active,password_last_used\nbob,arn,true,x\n")
            .unwrap_err()
            .contains("password_last_used"));
        assert!(err.contains("line 2") && err.contains("mfa_active"), "{err}");
        assert!(parse(b"").is_err());
        assert!(parse(b"no,such,columns\n1,2,3\n").is_err());
        let err = parse(b"user,arn,mfa_active\na,b\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }
}
