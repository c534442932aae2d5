//! Machine-readable compliance reports: JSON (everything, findings included) and CSV (one row per
//! requirement, RFC 4180: CRLF line ends, fields quoted when needed).
//!
//! The CSV holds only benchmark text, check ids and counts — no account data — so no cell can carry a
//! spreadsheet formula planted in a resource name or tag.

use super::{ComplianceReport, RequirementStatus};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write compliance JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("could not write compliance CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("compliance CSV is not valid UTF-8: {0}")]
    Encoding(#[from] std::string::FromUtf8Error),
}

const CSV_HEADER: [&str; 16] = [
    "framework",
    "id",
    "section",
    "subsection",
    "profile",
    "assessment",
    "status",
    "manual_assisted",
    "checks",
    "findings_pass",
    "findings_fail",
    "findings_error",
    "findings_muted",
    "description",
    "requirements_source",
    "nothing_to_evaluate",
];

impl ComplianceReport {
    /// The whole report as pretty JSON.
    pub fn to_json(&self) -> Result<String, ExportError> {
        Ok(serde_json::to_string_pretty(self)?)
    }

    /// One CSV row per requirement, with a header row.
    pub fn to_csv(&self) -> Result<String, ExportError> {
        reports_to_csv(std::slice::from_ref(self))
    }

    /// How many requirements have `status`.
    pub fn count(&self, status: RequirementStatus) -> usize {
        self.counts.get(status)
    }
}

/// Several reports as one JSON array.
pub fn reports_to_json(reports: &[ComplianceReport]) -> Result<String, ExportError> {
    Ok(serde_json::to_string_pretty(reports)?)
}

/// [`reports_to_json`], streamed into `out`.
pub fn write_reports_json(reports: &[ComplianceReport], out: &mut dyn std::io::Write) -> Result<(), ExportError> {
    Ok(serde_json::to_writer_pretty(out, reports)?)
}

/// Several reports in one CSV (one header; the `framework` column tells the rows apart).
pub fn reports_to_csv(reports: &[ComplianceReport]) -> Result<String, ExportError> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    for report in reports {
        for r in &report.requirements {
            let c = r.finding_counts;
            writer.write_record([
                report.framework.id(),
                &r.id,
                &r.section,
                &r.subsection,
                &r.profile,
                r.assessment.as_str(),
                r.status.as_str(),
                if r.manual_assisted { "true" } else { "false" },
                &r.checks.join(";"),
                &c.pass.to_string(),
                &c.fail.to_string(),
                &c.error.to_string(),
                &c.muted.to_string(),
                &r.description,
                &report.requirements_source,
                // A count (account and region pairs): the CSV carries no account data.
                &r.nothing_to_evaluate.len().to_string(),
            ])?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8(bytes)?)
}
