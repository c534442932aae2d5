//! The report files argus writes, each by one name: the CLI's `--output-formats` and the file each
//! one becomes.

use super::error::ReportError;
use super::html;
use super::machine::MachineFormat;
use super::FindingsFile;
use crate::compliance::ComplianceReport;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// A machine-readable format (OCSF, ASFF, CSV, JUnit).
    Machine(MachineFormat),
    /// One self-contained page, with the compliance views.
    Html,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 5] = [
        OutputFormat::Machine(MachineFormat::JsonOcsf),
        OutputFormat::Machine(MachineFormat::Asff),
        OutputFormat::Machine(MachineFormat::Csv),
        OutputFormat::Html,
        OutputFormat::Machine(MachineFormat::Junit),
    ];

    /// The name the CLI accepts.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Machine(m) => m.name(),
            OutputFormat::Html => "html",
        }
    }

    /// What the format is, for `--help`.
    pub fn description(self) -> &'static str {
        match self {
            OutputFormat::Machine(MachineFormat::JsonOcsf) => "OCSF 1.3 Detection Findings (JSON)",
            OutputFormat::Machine(MachineFormat::Asff) => "AWS Security Finding Format, for Security Hub",
            OutputFormat::Machine(MachineFormat::Csv) => "one row per finding",
            OutputFormat::Machine(MachineFormat::Junit) => "JUnit XML, one test case per check",
            OutputFormat::Html => "a self-contained page with the compliance views",
        }
    }

    /// The suffix of the output file name, e.g. `argus-123456789012.ocsf.json`.
    pub fn file_extension(self) -> &'static str {
        match self {
            OutputFormat::Machine(m) => m.file_extension(),
            OutputFormat::Html => "html",
        }
    }

    /// Streams the report into `out`; `compliance` is shown where the format has room for it (HTML).
    pub fn write(
        self,
        file: &FindingsFile,
        compliance: &[ComplianceReport],
        out: &mut dyn std::io::Write,
    ) -> Result<(), ReportError> {
        match self {
            OutputFormat::Machine(m) => m.write(file, out),
            OutputFormat::Html => Ok(html::write(file, compliance, out)?),
        }
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for OutputFormat {
    type Err = ReportError;
    /// A name in any case, surrounding spaces ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OutputFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ReportError::UnknownFormat(s.to_string()))
    }
}

#[cfg(feature = "clap")]
impl clap::ValueEnum for OutputFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &OutputFormat::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()).help(self.description()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_one_name_and_one_file() {
        let names: Vec<_> = OutputFormat::ALL.map(OutputFormat::name).into();
        assert_eq!(names, ["json-ocsf", "asff", "csv", "html", "junit"]);
        for format in OutputFormat::ALL {
            assert_eq!(format.name().parse::<OutputFormat>().ok(), Some(format));
            assert_eq!(format.name().to_uppercase().parse::<OutputFormat>().ok(), Some(format));
        }
        for machine in MachineFormat::ALL {
            assert!(OutputFormat::ALL.contains(&OutputFormat::Machine(machine)), "{}", machine.name());
        }
        let extensions: std::collections::HashSet<_> = OutputFormat::ALL.map(OutputFormat::file_extension).into();
        assert_eq!(extensions.len(), OutputFormat::ALL.len());
        let err = "pdf".parse::<OutputFormat>().unwrap_err().to_string();
        assert!(err.contains("'pdf'") && err.contains("json-ocsf") && err.contains("html"), "{err}");
    }

    #[test]
    fn html_is_written_with_its_compliance_views() {
        let file = super::super::machine::fixtures::sample();
        let mut out = Vec::new();
        OutputFormat::Html.write(&file, &[], &mut out).unwrap();
        assert!(String::from_utf8_lossy(&out).contains("<html"));
    }
}
