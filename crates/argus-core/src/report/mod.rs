//! Reports: renderers over findings. None of them knows how a finding was produced.

pub mod asff;
pub mod csv;
pub mod error;
pub mod findings_file;
pub mod html;
pub mod junit;
pub mod machine;
pub mod ocsf;
pub mod summary;
pub mod terminal;

pub use findings_file::FindingsFile;
pub use summary::Summary;

/// Makes an untrusted string safe for a terminal: control characters (ANSI escapes, carriage
/// returns, …) become visible `\u{..}` escapes so account data cannot repaint the screen.
pub fn terminal_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && c != '\n' {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(super::terminal_safe("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(super::terminal_safe("tab\there"), "tab\\u{9}here");
    }
}
