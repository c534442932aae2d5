use super::*;
use crate::engine::Status;

fn finding(check: &str, resource: &str, status: Status, muted: bool) -> Finding {
    let mut f = crate::testing::finding_about(check, "iam", "123456789012", "global", resource, status);
    std::sync::Arc::make_mut(&mut f.resource).arn = format!("arn:aws:iam::123456789012:{resource}").into();
    Finding { muted, ..f }
}

fn requirement<'a>(report: &'a ComplianceReport, id: &str) -> &'a RequirementResult {
    report
        .requirements
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("{} has no requirement {id}", report.framework))
}

fn status_of(framework: Framework, id: &str, findings: &[Finding]) -> RequirementStatus {
    requirement(&evaluate(framework, findings, &[]), id).status
}

// --- requirement lists -------------------------------------------------------------------------

#[test]
fn bundled_lists_parse_cleanly() {
    for framework in Framework::ALL {
        assert!(catalog::catalog_errors(framework).is_empty(), "{framework}: {:?}", catalog::catalog_errors(framework));
    }
}

#[test]
fn each_report_lists_every_requirement_of_its_bundled_list() {
    for framework in Framework::ALL {
        let tsv = catalog::bundled_tsv(framework);
        let rows: Vec<&str> = tsv.lines().skip(1).filter(|l| !l.trim().is_empty()).collect();
        let report = evaluate(framework, &[], &[]);
        assert_eq!(report.requirements.len(), rows.len(), "{framework}");
        assert_eq!(report.counts.total, rows.len());
        for row in rows {
            let id = row.split('\t').next().unwrap();
            assert!(report.requirements.iter().any(|r| r.id == id), "{framework} lacks {id}");
        }
    }
    assert_eq!(evaluate(Framework::Cis50, &[], &[]).requirements.len(), 63);
    assert_eq!(evaluate(Framework::Cis70, &[], &[]).requirements.len(), 70);
}

#[test]
fn requirements_are_in_benchmark_order() {
    let ids: Vec<String> = evaluate(Framework::Cis50, &[], &[]).requirements.into_iter().map(|r| r.id).collect();
    let pos = |id: &str| ids.iter().position(|i| i == id).unwrap();
    assert!(pos("1.9") < pos("1.10"));
    assert!(pos("5.1.2") < pos("5.2"), "5.1.x (EC2) precedes 5.2 as in the benchmark");
    let fsbp: Vec<String> = evaluate(Framework::Fsbp, &[], &[]).requirements.into_iter().map(|r| r.id).collect();
    let fpos = |id: &str| fsbp.iter().position(|i| i == id).unwrap();
    assert!(fpos("EC2.9") < fpos("EC2.13"));
}

#[test]
fn fsbp_lists_unmapped_controls_as_not_covered() {
    let report = evaluate(Framework::Fsbp, &[], &[]);
    let s3_10 = requirement(&report, "S3.10");
    assert_eq!(s3_10.description, "S3 buckets with versioning enabled should have lifecycle policies configured");
    assert_eq!(s3_10.section, "S3");
    assert!(s3_10.checks.is_empty(), "no argus check judges versioned buckets' lifecycle alone: {:?}", s3_10.checks);
    assert_eq!(s3_10.status, RequirementStatus::NotCovered);
    assert!(report.counts.not_covered > 100, "most FSBP services are not collected: {:?}", report.counts);
    let iam7 = requirement(&report, "IAM.7");
    assert!(iam7.checks.len() >= 2, "IAM.7 is judged by several password policy checks: {:?}", iam7.checks);
    assert_eq!(iam7.description, "Password policies for IAM users should have strong configurations");
}

#[test]
fn every_fsbp_id_in_check_metadata_is_in_the_bundled_list() {
    let report = evaluate(Framework::Fsbp, &[], &[]);
    let unlisted: Vec<String> = report
        .requirements
        .iter()
        .filter(|r| r.description.starts_with(catalog::UNLISTED_FSBP_CONTROL))
        .map(|r| format!("{} ({})", r.id, r.description))
        .collect();
    assert!(unlisted.is_empty(), "add these controls to compliance/aws_fsbp.tsv:\n{}", unlisted.join("\n"));
}

#[test]
fn an_fsbp_id_missing_from_the_bundled_list_is_still_reported() {
    let mut catalog = catalog::parse_tsv("aws_fsbp.tsv", catalog::bundled_tsv(Framework::Fsbp));
    catalog.requirements.retain(|r| r.id != "IAM.4");
    let catalog = catalog::with_unlisted_fsbp_controls(catalog);
    let iam4 =
        catalog.requirements.iter().find(|r| r.id == "IAM.4").expect("IAM.4 is mapped by iam_no_root_access_key");
    assert!(iam4.description.starts_with(catalog::UNLISTED_FSBP_CONTROL), "{}", iam4.description);
    assert_eq!(iam4.assessment, Assessment::Automated);
}

#[test]
fn framework_ids_parse() {
    assert_eq!("cis-5.0".parse::<Framework>(), Ok(Framework::Cis50));
    assert_eq!("CIS-7.0".parse::<Framework>(), Ok(Framework::Cis70));
    assert_eq!(" fsbp ".parse::<Framework>(), Ok(Framework::Fsbp));
    let err = "cis-1.4".parse::<Framework>().unwrap_err();
    assert!(err.contains("cis-1.4") && err.contains("cis-5.0, cis-7.0, fsbp"), "{err}");
    for f in Framework::ALL {
        assert_eq!(f.to_string().parse::<Framework>(), Ok(f));
    }
}

// --- status rules ------------------------------------------------------------------------------

#[test]
fn unmapped_requirements_are_manual_or_not_covered() {
    let report = evaluate(Framework::Cis50, &[], &[]);
    assert_eq!(requirement(&report, "1.1").status, RequirementStatus::Manual);
    assert!(!requirement(&report, "1.1").manual_assisted);
    // Every automated CIS v5.0 control has a check; FSBP's ACM.1 (imported certificates renewed)
    // has none.
    let fsbp = evaluate(Framework::Fsbp, &[], &[]);
    assert_eq!(requirement(&fsbp, "ACM.1").status, RequirementStatus::NotCovered);
    assert!(requirement(&fsbp, "ACM.1").checks.is_empty());
    // Mapped, but no finding given: not evaluated.
    assert_eq!(requirement(&report, "3.3").status, RequirementStatus::NotEvaluated);
}

#[test]
fn mapped_requirement_without_findings_is_not_evaluated() {
    let r = evaluate(Framework::Cis50, &[finding("some_unrelated_check", "x", Status::Fail, false)], &[]);
    let root_mfa = requirement(&r, "1.4");
    assert_eq!(root_mfa.status, RequirementStatus::NotEvaluated);
    assert_eq!(root_mfa.checks, ["iam_root_mfa_enabled"]);
    assert!(root_mfa.findings.is_empty());
}

#[test]
fn pass_fail_and_error_from_findings() {
    let c = "iam_root_mfa_enabled";
    let pass = finding(c, "root", Status::Pass, false);
    let fail = finding(c, "root", Status::Fail, false);
    let error = finding(c, "root", Status::Error, false);
    assert_eq!(status_of(Framework::Cis50, "1.4", std::slice::from_ref(&pass)), RequirementStatus::Pass);
    assert_eq!(status_of(Framework::Cis50, "1.4", &[pass.clone(), fail.clone()]), RequirementStatus::Fail);
    assert_eq!(status_of(Framework::Cis50, "1.4", std::slice::from_ref(&error)), RequirementStatus::Error);
    // Part of the data missing: not a PASS.
    assert_eq!(status_of(Framework::Cis50, "1.4", &[pass.clone(), error.clone()]), RequirementStatus::Error);
    // A definite violation outranks missing data.
    assert_eq!(status_of(Framework::Cis50, "1.4", &[error, fail]), RequirementStatus::Fail);
    // The same check is mapped to v7.0's id.
    assert_eq!(status_of(Framework::Cis70, "2.5", &[pass]), RequirementStatus::Pass);
}

#[test]
fn muted_fail_does_not_fail_but_is_counted() {
    let c = "iam_root_mfa_enabled";
    let findings = [finding(c, "root", Status::Fail, true)];
    let report = evaluate(Framework::Cis50, &findings, &[]);
    let r = requirement(&report, "1.4");
    assert_eq!(r.status, RequirementStatus::Pass);
    assert_eq!(r.finding_counts, FindingCounts { pass: 0, fail: 1, error: 0, muted: 1 });
    assert!(r.findings[0].muted);
    // An unmuted FAIL next to a muted one still fails.
    let findings = [finding(c, "a", Status::Fail, true), finding(c, "b", Status::Fail, false)];
    assert_eq!(status_of(Framework::Cis50, "1.4", &findings), RequirementStatus::Fail);
}

#[test]
fn muted_error_still_reads_as_error() {
    let findings = [finding("iam_root_mfa_enabled", "root", Status::Error, true)];
    assert_eq!(status_of(Framework::Cis50, "1.4", &findings), RequirementStatus::Error);
}

#[test]
fn findings_of_every_mapped_check_count() {
    // 5.3 (security groups, 0.0.0.0/0 to admin ports) is judged by several checks.
    let report = evaluate(Framework::Cis50, &[], &[]);
    let checks = &requirement(&report, "5.3").checks;
    assert!(checks.len() >= 2, "{checks:?}");
    let mut findings: Vec<Finding> = checks.iter().map(|c| finding(c, "sg-1", Status::Pass, false)).collect();
    assert_eq!(status_of(Framework::Cis50, "5.3", &findings), RequirementStatus::Pass);
    findings.push(finding(&checks[checks.len() - 1], "sg-2", Status::Fail, false));
    let report = evaluate(Framework::Cis50, &findings, &[]);
    let r = requirement(&report, "5.3");
    assert_eq!(r.status, RequirementStatus::Fail);
    assert_eq!(r.findings.len(), checks.len() + 1);
    let failing = r.findings.iter().find(|f| f.status == Status::Fail).unwrap();
    assert_eq!(failing.resource, "arn:aws:iam::123456789012:sg-2");
    assert_eq!(failing.message, "sg-2 is FAIL");
}

#[test]
fn manual_requirement_with_mapped_checks_is_judged_and_flagged() {
    let report =
        evaluate(Framework::Cis50, &[finding("iam_root_hardware_mfa_enabled", "root", Status::Fail, false)], &[]);
    let r = requirement(&report, "1.5");
    assert_eq!(r.assessment, Assessment::Manual);
    assert!(r.manual_assisted);
    assert_eq!(r.status, RequirementStatus::Fail);
}

#[test]
fn counts_add_up() {
    let findings = [
        finding("iam_root_mfa_enabled", "root", Status::Fail, false),
        finding("iam_no_root_access_key", "root", Status::Pass, false),
        finding("iam_password_policy_minimum_length_14", "acct", Status::Error, false),
    ];
    let report = evaluate(Framework::Cis50, &findings, &[]);
    let c = report.counts;
    assert_eq!(c.pass + c.fail + c.error + c.not_evaluated + c.manual + c.not_covered, c.total);
    assert_eq!((c.fail, c.pass, c.error), (1, 1, 1));
    for status in RequirementStatus::ALL {
        assert_eq!(report.count(status), report.requirements.iter().filter(|r| r.status == status).count());
    }
}

// --- exports -----------------------------------------------------------------------------------

#[test]
fn csv_has_one_rfc4180_row_per_requirement() {
    let report = evaluate(Framework::Cis70, &[finding("iam_root_mfa_enabled", "root", Status::Fail, false)], &[]);
    let text = report.to_csv().unwrap();
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches("\r\n").count(), report.requirements.len() + 1);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), report.requirements.len());
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    // 2.14's description has double quotes ("*:*"): they round-trip.
    let admin = rows.iter().find(|r| &r[col("id")] == "2.14").unwrap();
    assert!(admin[col("description")].contains("\"*:*\""));
    assert!(text.contains("\"\"*:*\"\""), "quotes are doubled inside a quoted field");
    let root_mfa = rows.iter().find(|r| &r[col("id")] == "2.5").unwrap();
    assert_eq!(&root_mfa[col("status")], "FAIL");
    assert_eq!(&root_mfa[col("framework")], "cis-7.0");
    assert_eq!(&root_mfa[col("checks")], "iam_root_mfa_enabled");
    assert_eq!(&root_mfa[col("findings_fail")], "1");
}

#[test]
fn several_reports_share_one_csv_header() {
    let reports: Vec<ComplianceReport> = Framework::ALL.iter().map(|f| evaluate(*f, &[], &[])).collect();
    let text = reports_to_csv(&reports).unwrap();
    let rows = csv::Reader::from_reader(text.as_bytes()).records().count();
    assert_eq!(rows, reports.iter().map(|r| r.requirements.len()).sum::<usize>());
}

#[test]
fn json_carries_statuses_counts_and_findings() {
    let report = evaluate(Framework::Cis50, &[finding("iam_root_mfa_enabled", "root", Status::Fail, false)], &[]);
    let json: serde_json::Value = serde_json::from_str(&report.to_json().unwrap()).unwrap();
    assert_eq!(json["framework"], "cis-5.0");
    assert_eq!(json["counts"]["fail"], 1);
    let reqs = json["requirements"].as_array().unwrap();
    let root_mfa = reqs.iter().find(|r| r["id"] == "1.4").unwrap();
    assert_eq!(root_mfa["status"], "FAIL");
    assert_eq!(root_mfa["assessment"], "Automated");
    assert_eq!(root_mfa["findings"][0]["check_id"], "iam_root_mfa_enabled");
    assert_eq!(root_mfa["findings"][0]["status"], "FAIL");
    assert!(reqs.iter().any(|r| r["status"] == "NOT EVALUATED"));
    let fsbp: serde_json::Value =
        serde_json::from_str(&evaluate(Framework::Fsbp, &[], &[]).to_json().unwrap()).unwrap();
    assert!(fsbp["requirements"].as_array().unwrap().iter().any(|r| r["status"] == "NOT COVERED"));
    let all = reports_to_json(&[report]).unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(&all).unwrap().is_array());
}

// --- mappings in check metadata ----------------------------------------------------------------

/// Automated requirements of the IAM, Storage and Networking sections that argus cannot judge from
/// the data it collects. Every other automated requirement of those sections must be mapped by some
/// check's metadata.
const CANNOT_JUDGE: &[(Framework, &str, &str)] = &[];

/// The top-level sections IAM, Storage and Networking of each CIS version.
fn judged_sections(framework: Framework) -> &'static [&'static str] {
    match framework {
        Framework::Cis50 => &["1", "2", "5"],
        Framework::Cis70 => &["2", "3", "6"],
        Framework::Fsbp => &[],
    }
}

fn in_judged_section(framework: Framework, id: &str) -> bool {
    id.split('.').next().is_some_and(|top| judged_sections(framework).contains(&top))
}

#[test]
fn coverage_every_judgeable_automated_cis_requirement_is_mapped() {
    let mut unmapped = Vec::new();
    for framework in [Framework::Cis50, Framework::Cis70] {
        let report = evaluate(framework, &[], &[]);
        for r in &report.requirements {
            let excluded = CANNOT_JUDGE.iter().any(|(f, id, _)| *f == framework && *id == r.id);
            if r.assessment == Assessment::Automated
                && in_judged_section(framework, &r.id)
                && !excluded
                && r.checks.is_empty()
            {
                unmapped.push(format!("{framework} {} ({})", r.id, r.description));
            }
        }
    }
    assert!(
        unmapped.is_empty(),
        "automated CIS requirements no check metadata maps (map them in checks/*/*.toml or add them, with the \
         reason, to CANNOT_JUDGE):\n{}",
        unmapped.join("\n")
    );
}

#[test]
fn coverage_exclusions_are_real_automated_and_still_unmapped() {
    for (framework, id, reason) in CANNOT_JUDGE {
        assert!(!reason.is_empty());
        let report = evaluate(*framework, &[], &[]);
        let r = requirement(&report, id);
        assert_eq!(r.assessment, Assessment::Automated, "{framework} {id} is Manual: drop it from CANNOT_JUDGE");
        assert!(in_judged_section(*framework, id), "{framework} {id} is outside the covered sections");
        assert!(r.checks.is_empty(), "{framework} {id} is now mapped by {:?}: drop it from CANNOT_JUDGE", r.checks);
    }
}

#[test]
fn every_cis_id_in_check_metadata_is_a_real_requirement() {
    let mut unknown = Vec::new();
    for framework in [Framework::Cis50, Framework::Cis70] {
        let known: Vec<&str> = catalog::requirements(framework).iter().map(|r| r.id.as_str()).collect();
        for meta in metadata::all() {
            for id in framework.mapped_ids(meta) {
                if !known.contains(&id.as_str()) {
                    unknown.push(format!("{}: {framework} {id}", meta.id));
                }
            }
        }
    }
    assert!(unknown.is_empty(), "check metadata maps ids the benchmark does not have:\n{}", unknown.join("\n"));
}

#[test]
fn every_fsbp_id_in_check_metadata_looks_like_a_control_id() {
    let shape = regex::Regex::new(r"^[A-Za-z][A-Za-z0-9]*\.[0-9]+$").unwrap();
    for meta in metadata::all() {
        for id in &meta.compliance.fsbp {
            assert!(shape.is_match(id), "{}: FSBP id '{id}' is not SERVICE.NUMBER", meta.id);
        }
    }
}

// --- checks that ran with nothing to judge -----------------------------------------------------

fn empty_scope(check: &str, region: &str) -> NothingToEvaluate {
    NothingToEvaluate { check_id: check.into(), account_id: "123456789012".into(), region: region.into() }
}

#[test]
fn a_check_that_ran_with_nothing_to_judge_is_informational_not_pass_or_not_evaluated() {
    let empty =
        [empty_scope("kms_cmk_rotation_enabled", "eu-west-1"), empty_scope("kms_cmk_rotation_enabled", "us-east-1")];
    let report = evaluate(Framework::Cis50, &[], &empty);
    let kms = requirement(&report, "3.6");
    assert_eq!(kms.status, RequirementStatus::NothingToEvaluate);
    assert_eq!(kms.nothing_to_evaluate, empty, "once per account and region");
    assert_eq!(kms.finding_counts, FindingCounts::default(), "not a finding");
    assert_eq!(report.counts.nothing_to_evaluate, 1);
    // Not run at all: still NOT EVALUATED.
    assert_eq!(status_of(Framework::Cis50, "3.6", &[]), RequirementStatus::NotEvaluated);
    // A region with keys decides; the empty region stays listed beside the findings.
    let key = crate::testing::finding_about(
        "kms_cmk_rotation_enabled",
        "kms",
        "123456789012",
        "us-east-1",
        "k",
        Status::Fail,
    );
    let report = evaluate(Framework::Cis50, &[key], &empty[..1]);
    let kms = requirement(&report, "3.6");
    assert_eq!(kms.status, RequirementStatus::Fail);
    assert_eq!(kms.nothing_to_evaluate.len(), 1);
}

#[test]
fn exports_carry_the_informational_results() {
    let empty = [empty_scope("kms_cmk_rotation_enabled", "us-east-1")];
    let report = evaluate(Framework::Cis50, &[], &empty);
    let json: serde_json::Value = serde_json::from_str(&report.to_json().unwrap()).unwrap();
    let kms = json["requirements"].as_array().unwrap().iter().find(|r| r["id"] == "3.6").unwrap().clone();
    assert_eq!(kms["status"], "NOTHING TO EVALUATE");
    assert_eq!(kms["nothing_to_evaluate"][0]["region"], "us-east-1");
    assert_eq!(json["counts"]["nothing_to_evaluate"], 1);
    let text = report.to_csv().unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = reader.records().map(|r| r.unwrap()).find(|r| &r[col("id")] == "3.6").unwrap();
    assert_eq!((&row[col("status")], &row[col("nothing_to_evaluate")]), ("NOTHING TO EVALUATE", "1"));
}
