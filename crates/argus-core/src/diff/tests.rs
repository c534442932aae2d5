use super::*;
use crate::snapshot::{CollectionErrorDetails, ErrorKind};
use chrono::TimeZone;

const A: &str = "111111111111";
const B: &str = "222222222222";

fn finding(check: &str, account: &str, region: &str, resource: &str, status: Status) -> Finding {
    crate::testing::finding_about(check, "s3", account, region, resource, status)
}

fn fail(check: &str, resource: &str) -> Finding {
    finding(check, A, "us-east-1", resource, Status::Fail)
}

fn pass(check: &str, resource: &str) -> Finding {
    finding(check, A, "us-east-1", resource, Status::Pass)
}

fn muted(mut f: Finding) -> Finding {
    f.muted = true;
    f
}

fn file(account: &str, findings: Vec<Finding>) -> FindingsFile {
    FindingsFile {
        schema_version: crate::report::findings_file::FINDINGS_SCHEMA_VERSION,
        argus_version: "test".into(),
        account_id: account.into(),
        collected_at: Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).single().unwrap_or_default(),
        regions: vec!["us-east-1".into()],
        services: vec!["s3".into(), "ec2".into()],
        collection_errors: vec![],
        api_calls: 0,
        retries: 0,
        findings,
        nothing_to_evaluate: vec![],
        account_names: Default::default(),
    }
}

fn resources(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.resource.id.as_str()).collect()
}

#[test]
fn new_resolved_and_persisting_failures() {
    let old = file(
        A,
        vec![
            fail("c1", "persists"),
            fail("c1", "fixed"),
            fail("c1", "deleted"),
            pass("c1", "regressed"),
            pass("c1", "other"),
        ],
    );
    let new = file(
        A,
        vec![
            fail("c1", "persists"),
            pass("c1", "fixed"),
            fail("c1", "regressed"),
            fail("c1", "brand-new"),
            pass("c1", "other"),
        ],
    );
    let d = diff(&old, &new);

    let news: Vec<_> = d.new_failures.iter().map(|n| (n.finding.resource.id.as_str(), n.previously)).collect();
    assert_eq!(news, vec![("brand-new", Previously::Absent), ("regressed", Previously::Passed)]);
    assert!(d.has_new_failures());

    let resolved: Vec<_> = d.resolved_failures.iter().map(|r| (r.finding.resource.id.as_str(), r.reason)).collect();
    assert_eq!(resolved, vec![("deleted", ResolvedReason::ResourceGone), ("fixed", ResolvedReason::Passed)]);

    assert_eq!(resources(&d.persisting_failures), vec!["persists"]);
    assert!(d.unverified_failures.is_empty());
    assert!(d.new_errors.is_empty());
}

#[test]
fn identical_scans_have_no_changes() {
    let scan = file(A, vec![fail("c1", "a"), pass("c2", "b")]);
    let d = diff(&scan, &scan);
    assert!(!d.has_new_failures());
    assert_eq!(resources(&d.persisting_failures), vec!["a"]);
    assert!(d.resolved_failures.is_empty() && d.unverified_failures.is_empty());
    assert!(d.render_table(false).contains("No changes in failures."));
}

#[test]
fn muted_findings_are_not_failures() {
    let old = file(A, vec![muted(fail("c1", "was-muted")), fail("c1", "now-muted"), muted(fail("c1", "still-muted"))]);
    let new = file(A, vec![fail("c1", "was-muted"), muted(fail("c1", "now-muted")), muted(fail("c1", "still-muted"))]);
    let d = diff(&old, &new);
    let news: Vec<_> = d.new_failures.iter().map(|n| (n.finding.resource.id.as_str(), n.previously)).collect();
    assert_eq!(news, vec![("was-muted", Previously::Muted)]);
    let resolved: Vec<_> = d.resolved_failures.iter().map(|r| (r.finding.resource.id.as_str(), r.reason)).collect();
    assert_eq!(resolved, vec![("now-muted", ResolvedReason::Muted)]);
    assert!(d.persisting_failures.is_empty());
}

#[test]
fn only_muted_new_failures_do_not_fail_the_diff() {
    let d = diff(&file(A, vec![]), &file(A, vec![muted(fail("c1", "x"))]));
    assert!(!d.has_new_failures());
}

#[test]
fn different_accounts_do_not_match_and_old_failures_are_unverified() {
    let old = file(A, vec![fail("c1", "bucket")]);
    let mut moved = fail("c1", "bucket");
    moved.source_mut().account_id = B.into();
    let new = file(B, vec![moved]);
    let d = diff(&old, &new);
    assert!(!d.same_account());
    assert_eq!(d.new_failures.len(), 1);
    assert_eq!(d.new_failures[0].finding.account_id(), B);
    assert!(d.resolved_failures.is_empty(), "absence in another account proves nothing");
    assert_eq!(d.unverified_failures[0].reason, UnverifiedReason::NotScanned);
    assert!(d.render_table(false).contains("different accounts"));
}

#[test]
fn keys_include_the_account_within_one_file() {
    let in_b = finding("c1", B, "us-east-1", "bucket", Status::Fail);
    let old = file(A, vec![fail("c1", "bucket"), in_b.clone()]);
    let new = file(A, vec![pass("c1", "bucket"), in_b]);
    let d = diff(&old, &new);
    assert_eq!(d.resolved_failures.len(), 1);
    assert_eq!(d.resolved_failures[0].finding.account_id(), A);
    assert_eq!(d.persisting_failures[0].account_id(), B);
}

#[test]
fn error_now_is_unverified_and_new_errors_are_listed() {
    let old = file(A, vec![fail("c1", "a"), pass("c2", "b")]);
    let new = file(
        A,
        vec![finding("c1", A, "us-east-1", "a", Status::Error), finding("c2", A, "us-east-1", "b", Status::Error)],
    );
    let d = diff(&old, &new);
    assert_eq!(d.unverified_failures.len(), 1);
    assert_eq!(d.unverified_failures[0].reason, UnverifiedReason::NowError);
    assert_eq!(resources(&d.new_errors), vec!["a", "b"]);
    assert!(!d.has_new_failures());

    let same_errors = diff(&new, &new);
    assert!(same_errors.new_errors.is_empty());
}

#[test]
fn missing_resources_are_only_gone_when_the_new_scan_looked() {
    let mut elsewhere = fail("ec2_check", "i-eu");
    elsewhere.source_mut().service = "ec2".into();
    std::sync::Arc::make_mut(&mut elsewhere.resource).region = "eu-west-1".into();
    // S3 is listed globally: its buckets are seen whatever regions the scan covered.
    let mut eu_bucket = fail("c1", "eu-bucket");
    std::sync::Arc::make_mut(&mut eu_bucket.resource).region = "eu-west-1".into();
    let mut ec2 = fail("ec2_check", "i-1");
    ec2.source_mut().service = "ec2".into();
    let mut lambda = fail("awslambda_check", "fn");
    lambda.source_mut().service = "awslambda".into();
    let old = file(A, vec![elsewhere, eu_bucket, ec2, lambda, fail("c1", "still-here"), fail("c1", "gone")]);

    let mut new = file(A, vec![pass("other_check", "still-here")]);
    new.collection_errors.push(CollectionError::from(CollectionErrorDetails {
        service: "ec2".into(),
        region: Some("us-east-1".into()),
        operation: "DescribeInstances".into(),
        iam_action: "ec2:DescribeInstances".into(),
        resource: None,
        kind: ErrorKind::AccessDenied,
        code: "AccessDenied".into(),
        message: "denied".into(),
    }));
    let d = diff(&old, &new);

    let unverified: Vec<_> = d.unverified_failures.iter().map(|u| (u.finding.resource.id.as_str(), u.reason)).collect();
    assert!(unverified.contains(&("i-eu", UnverifiedReason::NotScanned)), "{unverified:?}");
    assert!(unverified.contains(&("i-1", UnverifiedReason::CollectionFailed)), "{unverified:?}");
    assert!(unverified.contains(&("fn", UnverifiedReason::NotScanned)), "lambda not collected: {unverified:?}");
    assert!(unverified.contains(&("still-here", UnverifiedReason::NotEvaluated)), "{unverified:?}");
    let resolved: Vec<_> = d.resolved_failures.iter().map(|r| (r.finding.resource.id.as_str(), r.reason)).collect();
    assert_eq!(resolved, vec![("eu-bucket", ResolvedReason::ResourceGone), ("gone", ResolvedReason::ResourceGone)]);
}

#[test]
fn json_has_summary_and_reasons() {
    let old = file(A, vec![fail("c1", "fixed"), fail("c1", "gone")]);
    let new = file(A, vec![pass("c1", "fixed"), fail("c1", "new")]);
    let json: serde_json::Value = match serde_json::from_str(&diff(&old, &new).to_json()) {
        Ok(v) => v,
        Err(e) => panic!("diff JSON must parse: {e}"),
    };
    assert_eq!(json["summary"]["new_failures"], 1);
    assert_eq!(json["summary"]["resolved_passed"], 1);
    assert_eq!(json["summary"]["resolved_resource_gone"], 1);
    assert_eq!(json["new_failures"][0]["resource_id"], "new");
    assert_eq!(json["new_failures"][0]["previously"], "absent");
    let reasons: Vec<_> =
        json["resolved_failures"].as_array().into_iter().flatten().map(|r| r["reason"].clone()).collect();
    assert!(reasons.contains(&serde_json::json!("passed")) && reasons.contains(&serde_json::json!("resource_gone")));
    assert_eq!(json["old"]["account_id"], A);
}

#[test]
fn table_escapes_control_characters_and_lists_changes() {
    let mut evil = fail("c1", "evil\u{1b}[31mbucket");
    evil.message = "owned\u{1b}]0;title\u{7}".into();
    let d = diff(&file(A, vec![fail("c1", "fixed")]), &file(A, vec![evil, pass("c1", "fixed")]));
    let table = d.render_table(false);
    assert!(!table.contains('\u{1b}'), "{table}");
    assert!(table.contains("\\u{1b}"), "{table}");
    assert!(table.contains("NEW") && table.contains("RESOLVED") && table.contains("now passes"), "{table}");
    assert!(table.contains("1 new failure(s), 1 resolved (1 passing, 0 resource gone, 0 muted)"), "{table}");

    let colored = d.render_table(true);
    assert!(colored.contains("\u{1b}["), "color codes expected when color is on");
    assert!(!colored.contains("evil\u{1b}"), "account data is still escaped");
}

#[test]
fn table_escapes_line_breaks_and_bidi_controls_in_every_column() {
    for payload in crate::report::terminal_text::PAYLOADS {
        let mut evil = finding(payload, payload, payload, payload, Status::Fail);
        evil.message = (*payload).into();
        let mut old = file(payload, vec![]);
        old.argus_version = (*payload).into();
        let d = diff(&old, &file(payload, vec![evil]));
        for color in [false, true] {
            crate::report::terminal_text::assert_terminal_clean(&d.render_table_with_width(color, 2000), color);
        }
    }
}
