// Payloads for tests of every terminal path, included by the unit tests (`report/terminal_text.rs`) and
// the end-to-end ones (`tests/terminal_escaping.rs`). Each would recolour, retitle, rewrite or reorder
// the terminal if printed raw; `FORGED` marks text that must not start a line of its own.
&[
    "x\u{1b}[2J\u{1b}[32mFORGED",
    "x\u{1b}]0;FORGED\u{7}",
    "x\u{1b}]8;;https://example.com\u{1b}\\FORGED\u{1b}]8;;\u{1b}\\",
    "x\u{9b}2JFORGED",
    "x\rFORGED all clear",
    "x\nFORGED all clear",
    "x\r\nFORGED all clear",
    "x\u{202e}FORGED\u{202c}",
    "x\u{2067}FORGED\u{2069}",
    "x\u{200f}\u{61c}\u{200b}FORGED",
    "x\u{2028}FORGED",
]
