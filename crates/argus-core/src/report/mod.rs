//! Reports: renderers over findings. None of them knows how a finding was produced.

pub mod asff;
pub mod csv;
pub mod error;
pub mod findings_file;
pub mod format;
pub mod html;
pub mod junit;
pub mod machine;
pub mod ocsf;
pub mod path_svg;
pub mod summary;
pub mod terminal;

pub use findings_file::FindingsFile;
pub use format::OutputFormat;
pub use summary::Summary;

pub use terminal_text::terminal_safe;

pub(crate) mod terminal_text;

#[cfg(test)]
mod snapshots;
