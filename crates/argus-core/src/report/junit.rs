//! JUnit XML output, for CI systems: one test suite per service, one test case per check.
//!
//! A check's verdict over all its findings: any unmuted FAIL → `<failure>` (the message lists the
//! failing resources); otherwise any unmuted ERROR → `<error>`; otherwise it passed. Muted findings
//! never fail a test case (a mutelist means "accepted"); they are noted in its `system-out`. A check
//! that ran but had nothing to judge anywhere (no buckets, no keys…) is a `<skipped>` test case
//! naming the accounts and regions, so that it is not mistaken for a check that did not run.
//! quick-junit escapes every attribute and text node and drops control characters, so account
//! data cannot inject markup; [`xml_safe`] also drops the two non-characters XML 1.0 forbids.

use super::error::ReportError;
use super::FindingsFile;
use crate::engine::metadata;
use crate::engine::{Finding, Status};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Resources named in a failure's `message` attribute; the full list is in its text.
const MESSAGE_RESOURCES: usize = 10;

pub fn render(file: &FindingsFile) -> Result<String, ReportError> {
    // service → check id → findings; BTreeMaps give a stable order.
    let mut by_service: BTreeMap<&str, BTreeMap<&str, Vec<&Finding>>> = BTreeMap::new();
    for f in &file.findings {
        by_service.entry(f.service()).or_default().entry(f.check_id()).or_default().push(f);
    }
    // Checks with no finding at all that ran with nothing to judge: check id → "account/region" scopes.
    let mut empty: BTreeMap<&str, BTreeMap<&str, Vec<String>>> = BTreeMap::new();
    for n in &file.nothing_to_evaluate {
        let Some(meta) = metadata::find(&n.check_id) else { continue };
        if !by_service.get(meta.service.as_str()).is_some_and(|checks| checks.contains_key(n.check_id.as_str())) {
            let scopes = empty.entry(meta.service.as_str()).or_default().entry(n.check_id.as_str()).or_default();
            scopes.push(format!("{}/{}", n.account_id, n.region));
        }
    }
    for service in empty.keys() {
        by_service.entry(service).or_default();
    }
    let mut report = Report::new("argus");
    report.set_timestamp(file.collected_at.fixed_offset());
    for (service, checks) in by_service {
        let mut suite = TestSuite::new(xml_safe(service));
        suite.set_timestamp(file.collected_at.fixed_offset());
        suite.add_property(("account_id", file.account_id.as_str()));
        let mut cases: Vec<TestCase> =
            checks.into_iter().map(|(check_id, findings)| test_case(service, check_id, &findings)).collect();
        for (check_id, scopes) in empty.get(service).into_iter().flatten() {
            cases.push(nothing_to_evaluate_case(service, check_id, scopes));
        }
        cases.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        suite.add_test_cases(cases);
        report.add_test_suite(suite);
    }
    Ok(report.to_string()?)
}

fn test_case(service: &str, check_id: &str, findings: &[&Finding]) -> TestCase {
    let unmuted = |status: Status| findings.iter().filter(move |f| !f.muted && f.status == status).copied();
    let failing: Vec<&Finding> = unmuted(Status::Fail).collect();
    let errors: Vec<&Finding> = unmuted(Status::Error).collect();
    let status = if !failing.is_empty() {
        non_success(NonSuccessKind::Failure, "failing", &failing)
    } else if !errors.is_empty() {
        non_success(NonSuccessKind::Error, "could not be evaluated for", &errors)
    } else {
        TestCaseStatus::success()
    };
    let mut case = TestCase::new(xml_safe(check_id), status);
    case.set_classname(xml_safe(&format!("argus.{service}")));
    if let Some(out) = system_out(check_id, findings) {
        case.set_system_out(xml_safe(&out));
    }
    case
}

/// A check that ran and had nothing to judge in any of `scopes` (`account/region`).
fn nothing_to_evaluate_case(service: &str, check_id: &str, scopes: &[String]) -> TestCase {
    let mut status = TestCaseStatus::skipped();
    status.set_message(xml_safe(&format!("nothing to evaluate: no resources in {}", scopes.join(", "))));
    let mut case = TestCase::new(xml_safe(check_id), status);
    case.set_classname(xml_safe(&format!("argus.{service}")));
    case
}

/// `kind` with a one-line message naming the first resources and a text listing each with its message.
fn non_success(kind: NonSuccessKind, verb: &str, findings: &[&Finding]) -> TestCaseStatus {
    let names: Vec<&str> = findings.iter().take(MESSAGE_RESOURCES).map(|f| resource_label(f)).collect();
    let more = findings.len().saturating_sub(MESSAGE_RESOURCES);
    let mut message = format!("{} resource(s) {verb}: {}", findings.len(), names.join(", "));
    if more > 0 {
        let _ = write!(message, " and {more} more");
    }
    let mut description = String::new();
    for f in findings {
        let _ = writeln!(description, "{} [{}] {}: {}", f.status, f.resource.region, resource_label(f), f.message);
    }
    let mut status = TestCaseStatus::non_success(kind);
    status.set_message(xml_safe(&message));
    status.set_type(if kind == NonSuccessKind::Failure { "FAIL" } else { "ERROR" });
    status.set_description(xml_safe(&description));
    status
}

/// The check's title, and a note about muted findings (they did not affect the verdict).
fn system_out(check_id: &str, findings: &[&Finding]) -> Option<String> {
    let muted: Vec<&&Finding> = findings.iter().filter(|f| f.muted && f.status != Status::Pass).collect();
    let title = metadata::find(check_id).map(|m| m.title.as_str());
    if muted.is_empty() && title.is_none() {
        return None;
    }
    let mut out = String::new();
    if let Some(title) = title {
        let _ = writeln!(out, "{title}");
    }
    if !muted.is_empty() {
        let _ = writeln!(out, "{} muted finding(s), not counted:", muted.len());
        for f in muted {
            let _ = writeln!(out, "  {} [{}] {}: {}", f.status, f.resource.region, resource_label(f), f.message);
        }
    }
    Some(out)
}

/// Removes U+FFFE and U+FFFF, which no XML 1.0 document may contain (escaping cannot help).
fn xml_safe(s: &str) -> String {
    s.replace(['\u{fffe}', '\u{ffff}'], "")
}

fn resource_label(f: &Finding) -> &str {
    if f.resource.name.is_empty() {
        &f.resource.id
    } else {
        &f.resource.name
    }
}

#[cfg(test)]
mod tests {
    use super::super::machine::fixtures;
    use super::*;

    fn parsed(file: &FindingsFile) -> (String, Report) {
        let xml = render(file).unwrap();
        let report = Report::deserialize_from_str(&xml).unwrap_or_else(|e| panic!("invalid XML: {e}\n{xml}"));
        (xml, report)
    }

    fn case<'a>(report: &'a Report, suite: &str, check: &str) -> &'a TestCase {
        let suite = report.test_suites.iter().find(|s| s.name == *suite).unwrap();
        suite.test_cases.iter().find(|c| c.name == *check).unwrap()
    }

    #[test]
    fn one_suite_per_service_one_case_per_check() {
        let (_, report) = parsed(&fixtures::sample());
        let suites: Vec<&str> = report.test_suites.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(suites, ["custom", "ec2", "iam", "s3"]);
        let s3 = &report.test_suites[3];
        // Two findings of the public-access-block check make one test case.
        assert_eq!(s3.test_cases.len(), 2);
        assert_eq!((report.tests, report.failures, report.errors), (5, 2, 1));
    }

    #[test]
    fn verdicts_follow_fail_error_and_muting() {
        let (_, report) = parsed(&fixtures::sample());
        let root = case(&report, "iam", "iam_avoid_root_usage");
        match &root.status {
            TestCaseStatus::NonSuccess { kind: NonSuccessKind::Failure, message, .. } => {
                assert_eq!(message.as_deref(), Some("1 resource(s) failing: 123456789012"));
            }
            other => panic!("{other:?}"),
        }
        let pab = case(&report, "s3", "s3_bucket_level_public_access_block");
        assert!(matches!(pab.status, TestCaseStatus::NonSuccess { kind: NonSuccessKind::Failure, .. }));
        let error = case(&report, "ec2", "ec2_ebs_default_encryption");
        assert!(matches!(error.status, TestCaseStatus::NonSuccess { kind: NonSuccessKind::Error, .. }));
        let muted = case(&report, "s3", "s3_bucket_acl_prohibited");
        assert!(matches!(muted.status, TestCaseStatus::Success { .. }));
        let out = muted.system_out.as_deref().unwrap();
        assert!(out.contains("1 muted finding(s)") && out.contains("legacy-bucket"), "{out}");
        assert!(matches!(case(&report, "custom", "custom_unknown_check").status, TestCaseStatus::Success { .. }));
    }

    #[test]
    fn a_check_that_ran_with_nothing_to_judge_is_skipped_not_absent() {
        let mut file = fixtures::sample();
        let empty = |check: &str, region: &str| crate::engine::NothingToEvaluate {
            check_id: check.into(),
            account_id: fixtures::ACCOUNT.into(),
            region: region.into(),
        };
        file.nothing_to_evaluate = vec![
            empty("kms_cmk_rotation_enabled", "eu-west-1"),
            empty("kms_cmk_rotation_enabled", "us-east-1"),
            // Judged elsewhere: its findings decide, no second test case.
            empty("iam_avoid_root_usage", "global"),
        ];
        let (_, report) = parsed(&file);
        let kms = case(&report, "kms", "kms_cmk_rotation_enabled");
        let TestCaseStatus::Skipped { message, .. } = &kms.status else { panic!("{:?}", kms.status) };
        assert_eq!(
            message.as_deref(),
            Some("nothing to evaluate: no resources in 123456789012/eu-west-1, 123456789012/us-east-1")
        );
        let iam = report.test_suites.iter().find(|s| s.name.as_str() == "iam").unwrap();
        assert_eq!(iam.test_cases.iter().filter(|c| c.name.as_str() == "iam_avoid_root_usage").count(), 1);
    }

    #[test]
    fn an_error_does_not_hide_a_failure() {
        let mut findings = fixtures::findings();
        findings[4].source_mut().check_id = "iam_avoid_root_usage".into();
        findings[4].source_mut().service = "iam".into();
        let (_, report) = parsed(&fixtures::file(findings));
        let root = case(&report, "iam", "iam_avoid_root_usage");
        assert!(matches!(root.status, TestCaseStatus::NonSuccess { kind: NonSuccessKind::Failure, .. }));
    }

    #[test]
    fn markup_in_account_data_is_escaped() {
        let mut findings = fixtures::findings();
        std::sync::Arc::make_mut(&mut findings[1].resource).name =
            format!("{} ]]> &amp; \"q\" 'a'", fixtures::XSS).into();
        findings[0].message = "bell\u{7} nul\u{0} esc\u{1b}[31m non-char\u{ffff}".into();
        let (xml, report) = parsed(&fixtures::file(findings.clone()));
        assert!(!xml.contains("<img"), "{xml}");
        assert!(!xml.contains("]]>"), "{xml}");
        let pab = case(&report, "s3", "s3_bucket_level_public_access_block");
        let TestCaseStatus::NonSuccess { message, description, .. } = &pab.status else { panic!() };
        // The text survives escaping unchanged.
        assert!(message.as_deref().unwrap().contains(findings[1].resource.name.as_str()));
        let description = description.as_deref().unwrap();
        assert!(description.contains(&findings[1].message.replace("\r\n", "\n")), "{description:?}");
        // Characters XML 1.0 cannot carry at all are dropped (control characters, ANSI escapes, U+FFFF).
        let root = case(&report, "iam", "iam_avoid_root_usage");
        let TestCaseStatus::NonSuccess { description, .. } = &root.status else { panic!() };
        assert!(description.as_deref().unwrap().contains("bell nul esc non-char"), "{description:?}");
    }

    #[test]
    fn no_findings_is_an_empty_report() {
        let (_, report) = parsed(&fixtures::file(vec![]));
        assert!(report.test_suites.is_empty());
    }
}
