//! The one escaping every untrusted string goes through before it reaches a terminal.

use regex::Regex;
use std::sync::LazyLock;

/// Characters a terminal acts on or that change how the text around them reads:
/// - `Cc`: C0 and C1 controls (ESC starting ANSI/OSC sequences, CR and LF that start a fake line,
///   BEL, backspace, …);
/// - `Cf`: format characters, which are invisible: bidi embeddings, overrides and isolates
///   (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C) reorder the text around them,
///   zero-width characters (U+200B–U+200D, U+2060, U+FEFF) hide text or make two strings look alike;
/// - `Zl`, `Zp`: the line and paragraph separators some terminals break lines on.
///
/// Unicode's general categories come from `regex`, so the set follows Unicode releases.
static UNSAFE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]").expect("valid character class"));

/// Makes an untrusted string (account data, file contents, API replies) safe for a terminal: every
/// character of [`UNSAFE`] becomes a visible `\u{..}` escape, so the string stays on its own line,
/// in its own cell, reads in the order it is stored and cannot repaint the screen. Newlines are
/// escaped too: only text argus composes may break lines.
pub fn terminal_safe(s: &str) -> String {
    UNSAFE.replace_all(s, |c: &regex::Captures<'_>| c[0].escape_unicode().to_string()).into_owned()
}

/// [`terminal_safe`] for text whose own format quotes line breaks and tabs (a CSV cell): the same
/// escaping, except that `\n` and `\t` are kept (a lone CR, which can overwrite a line, is not).
pub fn terminal_safe_keeping_newlines(s: &str) -> String {
    UNSAFE
        .replace_all(s, |c: &regex::Captures<'_>| match &c[0] {
            kept @ ("\n" | "\t") => kept.to_string(),
            other => other.escape_unicode().to_string(),
        })
        .into_owned()
}

/// Payloads for tests of every terminal path (the list the end-to-end tests use too).
#[cfg(test)]
pub(crate) const PAYLOADS: &[&str] = include!("terminal_payloads.rs");

/// Asserts that rendered output holds no character a terminal would act on, except the line breaks
/// and (with `color`) the colour sequences argus writes itself, and that no payload starts a line.
#[cfg(test)]
pub(crate) fn assert_terminal_clean(out: &str, color: bool) {
    let own_colours = Regex::new(r"\x1b\[[0-9;]*m").unwrap_or_else(|e| panic!("{e}"));
    let rest = if color { own_colours.replace_all(out, "").into_owned() } else { out.to_string() };
    for c in rest.chars().filter(|c| *c != '\n') {
        assert!(!UNSAFE.is_match(c.encode_utf8(&mut [0; 4])), "raw {c:?} in output:\n{out}");
    }
    assert!(out.contains("FORGED"), "the payload is shown:\n{out}");
    for line in out.lines() {
        let content = line.trim_start_matches(|c: char| c.is_whitespace() || "│┆|".contains(c));
        assert!(!content.starts_with("FORGED"), "a payload started a line:\n{out}");
    }
}

#[cfg(test)]
mod tests {
    use super::terminal_safe;

    /// Payloads that would recolour, retitle, rewrite or reorder a terminal line if printed raw.
    const HOSTILE: &[(&str, &str)] = &[
        ("\u{1b}[31mred", "\\u{1b}[31mred"),
        ("\u{1b}]0;title\u{7}", "\\u{1b}]0;title\\u{7}"),
        ("\u{9b}31m", "\\u{9b}31m"),
        ("a\rb", "a\\u{d}b"),
        ("a\nALL CLEAR", "a\\u{a}ALL CLEAR"),
        ("tab\there", "tab\\u{9}here"),
        ("\u{202e}kcah", "\\u{202e}kcah"),
        ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"),
        ("\u{200e}\u{200f}\u{61c}", "\\u{200e}\\u{200f}\\u{61c}"),
        ("zero\u{200b}width\u{feff}", "zero\\u{200b}width\\u{feff}"),
        ("line\u{2028}para\u{2029}", "line\\u{2028}para\\u{2029}"),
    ];

    #[test]
    fn control_and_format_characters_are_escaped() {
        for (raw, escaped) in HOSTILE {
            assert_eq!(terminal_safe(raw), *escaped, "{raw:?}");
        }
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        for text in ["bucket-1", "arn:aws:s3:::x", "Zürich 東京 مرحبا", "emoji 🙂", ""] {
            assert_eq!(terminal_safe(text), text);
        }
    }
}
