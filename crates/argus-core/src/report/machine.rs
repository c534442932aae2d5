//! Machine-readable report formats: their names, dispatch by name, and the few facts every
//! renderer must agree on (a finding's stable uid, timestamps, compliance framework labels).

use super::error::ReportError;
use super::{asff, csv, junit, ocsf, FindingsFile};
use crate::engine::metadata::Compliance;
use crate::engine::Finding;
use chrono::{DateTime, SecondsFormat, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MachineFormat {
    /// OCSF 1.3 Detection Findings, a JSON array.
    JsonOcsf,
    /// AWS Security Finding Format, a JSON array ready for Security Hub `BatchImportFindings`.
    Asff,
    /// One row per finding (RFC 4180, spreadsheet formulas defused).
    Csv,
    /// JUnit XML: one suite per service, one test case per check.
    Junit,
}

impl MachineFormat {
    pub const ALL: [MachineFormat; 4] =
        [MachineFormat::JsonOcsf, MachineFormat::Asff, MachineFormat::Csv, MachineFormat::Junit];

    pub fn name(self) -> &'static str {
        match self {
            MachineFormat::JsonOcsf => "json-ocsf",
            MachineFormat::Asff => "asff",
            MachineFormat::Csv => "csv",
            MachineFormat::Junit => "junit",
        }
    }

    /// The suffix of the output file name, e.g. `argus-123456789012.ocsf.json`.
    pub fn file_extension(self) -> &'static str {
        match self {
            MachineFormat::JsonOcsf => "ocsf.json",
            MachineFormat::Asff => "asff.json",
            MachineFormat::Csv => "csv",
            MachineFormat::Junit => "junit.xml",
        }
    }

    pub fn render(self, file: &FindingsFile) -> Result<String, ReportError> {
        into_string(|out| self.write(file, out))
    }

    /// Streams the report into `out`: a report of a large account is tens of megabytes, and is
    /// never held in memory whole.
    pub fn write(self, file: &FindingsFile, out: &mut dyn std::io::Write) -> Result<(), ReportError> {
        match self {
            MachineFormat::JsonOcsf => ocsf::write(file, out),
            MachineFormat::Asff => asff::write(file, out),
            MachineFormat::Csv => csv::write(file, out),
            MachineFormat::Junit => Ok(out.write_all(junit::render(file)?.as_bytes())?),
        }
    }
}

impl std::str::FromStr for MachineFormat {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MachineFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ReportError::UnknownFormat(s.to_string()))
    }
}

/// Renders `file` in the machine-readable format named `format`.
pub fn render(format: &str, file: &FindingsFile) -> Result<String, ReportError> {
    format.parse::<MachineFormat>()?.render(file)
}

/// What `write` wrote into memory, as a string (for tests and small outputs).
pub(crate) fn into_string(write: impl FnOnce(&mut Vec<u8>) -> Result<(), ReportError>) -> Result<String, ReportError> {
    let mut out = Vec::new();
    write(&mut out)?;
    Ok(String::from_utf8(out)?)
}

/// The finding type both OCSF and ASFF carry (ASFF's `namespace/category` taxonomy).
pub(crate) const FINDING_TYPE: &str = "Software and Configuration Checks/AWS Security Best Practices";

/// A finding's identity across scans and formats: the same resource judged by the same check
/// keeps its uid, so Security Hub updates the finding instead of creating a new one.
pub fn finding_uid(f: &Finding) -> String {
    format!("argus-{}-{}-{}-{}", f.check_id(), f.account_id(), f.resource.region, f.resource.id)
}

/// ISO 8601 / RFC 3339 in UTC with milliseconds, the form ASFF asks for.
pub(crate) fn iso8601(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The partition of an ARN (`arn:PARTITION:...`), `aws` when the ARN is missing or malformed.
pub(crate) fn partition_of(arn: &str) -> &str {
    match arn.split(':').collect::<Vec<_>>().as_slice() {
        ["arn", partition, ..] if !partition.is_empty() => partition,
        _ => "aws",
    }
}

/// A compliance framework argus maps checks to, with the label each format uses.
pub(crate) struct Framework {
    /// The key in the check metadata files and the CSV, e.g. `cis-5.0`.
    pub key: &'static str,
    /// The key under OCSF `unmapped.compliance`, e.g. `CIS-5.0`.
    pub ocsf_key: &'static str,
    /// The standard's name as Security Hub writes it in `RelatedRequirements`.
    pub standard: &'static str,
}

const CIS_5_0: Framework =
    Framework { key: "cis-5.0", ocsf_key: "CIS-5.0", standard: "CIS AWS Foundations Benchmark v5.0.0" };
const CIS_7_0: Framework =
    Framework { key: "cis-7.0", ocsf_key: "CIS-7.0", standard: "CIS AWS Foundations Benchmark v7.0.0" };
const FSBP: Framework =
    Framework { key: "fsbp", ocsf_key: "FSBP", standard: "AWS Foundational Security Best Practices v1.0.0" };

/// Each framework with the requirement ids a check maps to (possibly none), in a fixed order.
pub(crate) fn requirements(c: &Compliance) -> [(&'static Framework, &[String]); 3] {
    [(&CIS_5_0, &c.cis_5_0), (&CIS_7_0, &c.cis_7_0), (&FSBP, &c.fsbp)]
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! A findings file exercising every status, muting, a check without metadata and hostile strings.

    use super::super::findings_file::FINDINGS_SCHEMA_VERSION;
    use super::super::FindingsFile;
    use crate::engine::{Finding, Severity, Status};
    use chrono::{TimeZone, Utc};

    pub const ACCOUNT: &str = "123456789012";
    pub const XSS: &str = "<img src=x onerror=alert(1)>";

    fn finding(check_id: &str, status: Status, severity: Severity, service: &str, resource: &str) -> Finding {
        let mut f = crate::testing::finding_about(check_id, service, ACCOUNT, "us-east-1", resource, status);
        f.source_mut().severity = severity;
        f
    }

    pub fn file(findings: Vec<Finding>) -> FindingsFile {
        FindingsFile {
            schema_version: FINDINGS_SCHEMA_VERSION,
            argus_version: "0.1.0-test".into(),
            account_id: ACCOUNT.into(),
            collected_at: Utc.with_ymd_and_hms(2026, 6, 1, 12, 30, 0).single().unwrap_or_default(),
            regions: vec!["us-east-1".into(), "eu-west-1".into()],
            services: vec!["iam".into(), "s3".into(), "ec2".into()],
            collection_errors: vec![],
            api_calls: 42,
            retries: 1,
            findings,
            nothing_to_evaluate: vec![],
            account_names: Default::default(),
        }
    }

    /// Findings from real checks (so metadata is found) plus one unknown check.
    pub fn findings() -> Vec<Finding> {
        let mut root = finding("iam_avoid_root_usage", Status::Fail, Severity::High, "iam", ACCOUNT);
        std::sync::Arc::make_mut(&mut root.resource).region = "global".into();
        std::sync::Arc::make_mut(&mut root.resource).arn = format!("arn:aws:iam::{ACCOUNT}:root").into();
        root.message = "root password used 2026-05-30".into();

        let hostile_name = "evil,\"bucket\"\n=cmd|' /C calc'!A0";
        let mut hostile =
            finding("s3_bucket_level_public_access_block", Status::Fail, Severity::High, "s3", hostile_name);
        hostile.message = format!("{XSS} ]]> -bad, \"quoted\"\r\nsecond line").into();
        std::sync::Arc::make_mut(&mut hostile.resource).tags.insert("owner".into(), XSS.into());
        std::sync::Arc::make_mut(&mut hostile.resource).tags.insert("@cost".into(), "+1".into());

        let pass = finding("s3_bucket_level_public_access_block", Status::Pass, Severity::High, "s3", "good-bucket");

        let mut muted = finding("s3_bucket_acl_prohibited", Status::Fail, Severity::Medium, "s3", "legacy-bucket");
        muted.muted = true;

        let mut error = finding("ec2_ebs_default_encryption", Status::Error, Severity::Medium, "ec2", "us-east-1");
        std::sync::Arc::make_mut(&mut error.resource).arn = format!("arn:aws:ec2:us-east-1:{ACCOUNT}:region").into();
        error.message = "ec2:GetEbsEncryptionByDefault failed: AccessDenied".into();

        let mut unknown = finding("custom_unknown_check", Status::Pass, Severity::Low, "custom", "thing");
        std::sync::Arc::make_mut(&mut unknown.resource).region = "eu-west-1".into();
        std::sync::Arc::make_mut(&mut unknown.resource).arn = Default::default();

        vec![root, hostile, pass, muted, error, unknown]
    }

    pub fn sample() -> FindingsFile {
        file(findings())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_renders_by_name_and_unknown_names_are_refused() {
        let file = fixtures::sample();
        for format in MachineFormat::ALL {
            let out = render(format.name(), &file).unwrap();
            assert!(!out.is_empty(), "{}", format.name());
        }
        let err = render("pdf", &file).unwrap_err().to_string();
        assert!(err.contains("pdf") && err.contains("json-ocsf"), "{err}");
    }

    #[test]
    fn partition_comes_from_the_arn() {
        assert_eq!(partition_of("arn:aws-us-gov:s3:::b"), "aws-us-gov");
        assert_eq!(partition_of("arn:aws-cn:iam::1:root"), "aws-cn");
        assert_eq!(partition_of(""), "aws");
        assert_eq!(partition_of("not-an-arn"), "aws");
    }

    #[test]
    fn uid_is_stable_and_names_check_account_region_resource() {
        let f = &fixtures::findings()[0];
        assert_eq!(finding_uid(f), "argus-iam_avoid_root_usage-123456789012-global-123456789012");
        assert_eq!(finding_uid(f), finding_uid(&f.clone()));
    }
}
