//! CloudWatch Logs filter patterns, parsed into a tree and evaluated against log events.
//!
//! Coverage of a monitoring control is decided by running a pattern against the events the control
//! names, never by matching the pattern's text: users write the same filter with any spacing, order,
//! quoting and grouping, and a text match either misses those or accepts a filter that misses events.
//!
//! Supported forms (CloudWatch Logs "filter and pattern syntax"):
//! - JSON patterns `{ SELECTOR OP VALUE }` joined by `&&` / `||` and grouped by parentheses (`&&` binds
//!   tighter than `||`); `=` and `!=` on strings (quoted or bare, `*` matches any run of characters) and
//!   numbers, `<` `<=` `>` `>=` on numbers, `%regex%` values, `IS NULL`, `NOT EXISTS`, `IS TRUE`,
//!   `IS FALSE`. Selectors are `$.a.b`, `$.a[0]`, `$.a[*]`.
//! - Unstructured term patterns: `Term "quoted term" ?either ?or -excluded`, matched against the event text.
//! - The empty pattern, which matches every event.
//!
//! Space-delimited patterns (`[a, b = x]`) select fields of space-separated log lines; CloudTrail's
//! JSON events have no such fields, so they are parsed as [`Pattern::SpaceDelimited`] and match nothing.
//!
//! A comparison with a selector absent from the event is false (`!=` included); only `NOT EXISTS`
//! is true for an absent field. Input is untrusted: the text length and the nesting depth are bounded
//! so that neither parsing nor evaluation can exhaust the stack.

use regex::{Regex, RegexBuilder};
use serde_json::Value;
use std::fmt;

/// Longer than any pattern CloudWatch accepts (1,024 characters), so only hostile input hits it.
pub const MAX_PATTERN_LEN: usize = 8 * 1024;
/// Parenthesis nesting beyond this is refused (recursion depth of the parser and the evaluator).
pub const MAX_DEPTH: usize = 32;
/// Compiled size bound of one `%regex%` value.
const REGEX_SIZE_LIMIT: usize = 1 << 16;

#[derive(Debug, Clone)]
pub enum Pattern {
    /// The empty pattern.
    MatchAll,
    Json(Expr),
    Terms(Terms),
    SpaceDelimited,
}

#[derive(Debug, Clone)]
pub enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Test(Comparison),
}

#[derive(Debug, Clone)]
pub struct Comparison {
    pub selector: Selector,
    pub test: Test,
}

#[derive(Debug, Clone)]
pub enum Test {
    Equals(Literal),
    NotEquals(Literal),
    Numeric(NumericOp, f64),
    IsNull,
    NotExists,
    IsTrue,
    IsFalse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericOp {
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

#[derive(Debug, Clone)]
pub enum Literal {
    /// A string, with `*` as a wildcard.
    Text(String),
    /// A bare number: compared numerically with a number, as text with anything else.
    Number(f64, String),
    Regex(Regex),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
    AnyIndex,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    pub text: String,
    pub steps: Vec<Step>,
}

/// An unstructured pattern: every `all` term, at least one `any` term (when there are some), no
/// `none` term.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    pub all: Vec<TermMatch>,
    pub any: Vec<TermMatch>,
    pub none: Vec<TermMatch>,
}

#[derive(Debug, Clone)]
pub enum TermMatch {
    Text(String),
    Regex(Regex),
}

/// Why a pattern could not be parsed, with the byte offset where parsing stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at character {}", self.message, self.offset)
    }
}

impl std::error::Error for PatternError {}

impl Pattern {
    pub fn parse(text: &str) -> Result<Pattern, PatternError> {
        if text.len() > MAX_PATTERN_LEN {
            return Err(PatternError {
                offset: 0,
                message: format!("pattern of {} bytes exceeds the {MAX_PATTERN_LEN}-byte limit", text.len()),
            });
        }
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Ok(Pattern::MatchAll);
        }
        let start = text.len() - text.trim_start().len();
        if trimmed.starts_with('{') {
            let mut p = Parser { src: text, pos: start };
            p.expect('{')?;
            let expr = p.expr(0)?;
            p.expect('}')?;
            p.skip_ws();
            if p.pos < text.len() {
                return Err(p.error("unexpected text after the closing '}'"));
            }
            return Ok(Pattern::Json(expr));
        }
        if trimmed.starts_with('[') {
            return Ok(Pattern::SpaceDelimited);
        }
        parse_terms(text).map(Pattern::Terms)
    }

    /// Whether a log event (CloudTrail JSON, given as its parsed value and its text) matches.
    pub fn matches(&self, event: &Value, event_text: &str) -> bool {
        match self {
            Pattern::MatchAll => true,
            Pattern::Json(e) => e.eval(event),
            Pattern::Terms(t) => t.matches(event_text),
            Pattern::SpaceDelimited => false,
        }
    }
}

impl Expr {
    fn eval(&self, event: &Value) -> bool {
        match self {
            Expr::And(parts) => parts.iter().all(|p| p.eval(event)),
            Expr::Or(parts) => parts.iter().any(|p| p.eval(event)),
            Expr::Test(c) => c.eval(event),
        }
    }
}

impl Comparison {
    fn eval(&self, event: &Value) -> bool {
        let found = self.selector.resolve(event);
        match &self.test {
            Test::NotExists => found.is_empty(),
            Test::IsNull => found.iter().any(|v| v.is_null()),
            Test::IsTrue => found.iter().any(|v| v.as_bool() == Some(true)),
            Test::IsFalse => found.iter().any(|v| v.as_bool() == Some(false)),
            Test::Equals(lit) => found.iter().any(|v| lit.equals(v)),
            Test::NotEquals(lit) => !found.is_empty() && found.iter().all(|v| !lit.equals(v)),
            Test::Numeric(op, n) => found.iter().filter_map(|v| v.as_f64()).any(|x| match op {
                NumericOp::Less => x < *n,
                NumericOp::LessOrEqual => x <= *n,
                NumericOp::Greater => x > *n,
                NumericOp::GreaterOrEqual => x >= *n,
            }),
        }
    }
}

impl Literal {
    fn equals(&self, v: &Value) -> bool {
        let text = match v {
            Value::String(s) => s.as_str(),
            Value::Number(_) | Value::Bool(_) => return self.equals_scalar(v),
            _ => return false,
        };
        match self {
            Literal::Text(glob) => glob_matches(glob, text),
            Literal::Number(_, raw) => raw == text,
            Literal::Regex(r) => r.is_match(text),
        }
    }

    fn equals_scalar(&self, v: &Value) -> bool {
        let text = v.to_string();
        match self {
            Literal::Number(n, _) => v.as_f64() == Some(*n),
            Literal::Text(glob) => glob_matches(glob, &text),
            Literal::Regex(r) => r.is_match(&text),
        }
    }
}

impl Selector {
    /// The values the selector reaches (several through `[*]`); empty when the path is absent.
    fn resolve<'v>(&self, event: &'v Value) -> Vec<&'v Value> {
        let mut current = vec![event];
        for step in &self.steps {
            current = current
                .into_iter()
                .flat_map(|v| -> Vec<&'v Value> {
                    match (step, v) {
                        (Step::Key(k), Value::Object(m)) => m.get(k).into_iter().collect(),
                        (Step::Index(i), Value::Array(a)) => a.get(*i).into_iter().collect(),
                        (Step::AnyIndex, Value::Array(a)) => a.iter().collect(),
                        _ => Vec::new(),
                    }
                })
                .collect();
        }
        current
    }
}

impl Terms {
    fn matches(&self, text: &str) -> bool {
        let hit = |t: &TermMatch| match t {
            TermMatch::Text(s) => text.contains(s.as_str()),
            TermMatch::Regex(r) => r.is_match(text),
        };
        self.all.iter().all(hit) && (self.any.is_empty() || self.any.iter().any(hit)) && !self.none.iter().any(hit)
    }
}

/// `*` matches any run of characters; everything else literally, case-sensitively. Linear in the
/// text for each segment: the first occurrence of each segment is as good as any later one.
pub fn glob_matches(glob: &str, text: &str) -> bool {
    let segments: Vec<&str> = glob.split('*').collect();
    if segments.len() == 1 {
        return glob == text;
    }
    let (first, last) = (segments[0], segments[segments.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for segment in &segments[1..segments.len() - 1] {
        match rest.find(segment) {
            Some(at) => rest = &rest[at + segment.len()..],
            None => return false,
        }
    }
    true
}

fn compile_regex(body: &str) -> Result<Regex, String> {
    RegexBuilder::new(body)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| format!("invalid regular expression %{body}%: {e}"))
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: impl Into<String>) -> PatternError {
        PatternError { offset: self.pos, message: message.into() }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), PatternError> {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            Ok(())
        } else {
            Err(self.error(match self.peek() {
                Some(found) => format!("expected '{c}', found '{found}'"),
                None => format!("expected '{c}', found the end of the pattern"),
            }))
        }
    }

    /// `a || b || ...`, each an `&&` chain.
    fn expr(&mut self, depth: usize) -> Result<Expr, PatternError> {
        let mut parts = vec![self.and_chain(depth)?];
        while self.eat("||") {
            parts.push(self.and_chain(depth)?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Expr::Or(parts) })
    }

    fn and_chain(&mut self, depth: usize) -> Result<Expr, PatternError> {
        let mut parts = vec![self.primary(depth)?];
        while self.eat("&&") {
            parts.push(self.primary(depth)?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Expr::And(parts) })
    }

    fn primary(&mut self, depth: usize) -> Result<Expr, PatternError> {
        self.skip_ws();
        if self.peek() == Some('(') {
            if depth >= MAX_DEPTH {
                return Err(self.error(format!("parentheses nested deeper than {MAX_DEPTH} levels")));
            }
            self.pos += 1;
            let inner = self.expr(depth + 1)?;
            self.expect(')')?;
            return Ok(inner);
        }
        self.comparison().map(Expr::Test)
    }

    fn comparison(&mut self) -> Result<Comparison, PatternError> {
        let selector = self.selector()?;
        self.skip_ws();
        let test = if self.eat_keyword("IS") {
            if self.eat_keyword("NULL") {
                Test::IsNull
            } else if self.eat_keyword("TRUE") {
                Test::IsTrue
            } else if self.eat_keyword("FALSE") {
                Test::IsFalse
            } else {
                return Err(self.error("expected NULL, TRUE or FALSE after IS"));
            }
        } else if self.eat_keyword("NOT") {
            if !self.eat_keyword("EXISTS") {
                return Err(self.error("expected EXISTS after NOT"));
            }
            Test::NotExists
        } else {
            let op = self.operator()?;
            let literal = self.literal()?;
            match (op, literal) {
                ("=", l) => Test::Equals(l),
                ("!=", l) => Test::NotEquals(l),
                (op, Literal::Number(n, _)) => Test::Numeric(
                    match op {
                        "<" => NumericOp::Less,
                        "<=" => NumericOp::LessOrEqual,
                        ">" => NumericOp::Greater,
                        _ => NumericOp::GreaterOrEqual,
                    },
                    n,
                ),
                (op, _) => return Err(self.error(format!("operator {op} needs a number"))),
            }
        };
        Ok(Comparison { selector, test })
    }

    fn eat_keyword(&mut self, word: &str) -> bool {
        self.skip_ws();
        let rest = self.rest();
        let matches = rest.len() >= word.len()
            && rest.is_char_boundary(word.len())
            && rest[..word.len()].eq_ignore_ascii_case(word)
            && !rest[word.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
        if matches {
            self.pos += word.len();
        }
        matches
    }

    fn operator(&mut self) -> Result<&'static str, PatternError> {
        self.skip_ws();
        for op in ["!=", "<=", ">=", "=", "<", ">"] {
            if self.rest().starts_with(op) {
                self.pos += op.len();
                return Ok(op);
            }
        }
        Err(self.error("expected a comparison (=, !=, <, <=, >, >=, IS NULL, NOT EXISTS)"))
    }

    fn selector(&mut self) -> Result<Selector, PatternError> {
        self.skip_ws();
        let start = self.pos;
        if self.peek() != Some('$') {
            return Err(self.error("expected a selector starting with '$'"));
        }
        let len =
            self.rest().find(|c: char| c.is_whitespace() || "=!<>()&|{}\"%".contains(c)).unwrap_or(self.rest().len());
        let text = &self.src[start..start + len];
        self.pos += len;
        let steps = parse_steps(text).map_err(|m| PatternError { offset: start, message: m })?;
        Ok(Selector { text: text.to_string(), steps })
    }

    fn literal(&mut self) -> Result<Literal, PatternError> {
        self.skip_ws();
        match self.peek() {
            Some('"') => {
                let (text, len) = quoted(self.rest()).ok_or_else(|| self.error("unterminated quoted string"))?;
                self.pos += len;
                Ok(Literal::Text(text))
            }
            Some('%') => {
                let body_len = self.rest()[1..].find('%').ok_or_else(|| self.error("unterminated %regex%"))?;
                let body = &self.rest()[1..1 + body_len];
                let regex = compile_regex(body).map_err(|m| self.error(m))?;
                self.pos += body_len + 2;
                Ok(Literal::Regex(regex))
            }
            _ => {
                let len = self
                    .rest()
                    .find(|c: char| c.is_whitespace() || "(){}&|\"".contains(c))
                    .unwrap_or(self.rest().len());
                if len == 0 {
                    return Err(self.error("expected a value"));
                }
                let raw = &self.rest()[..len];
                self.pos += len;
                Ok(match raw.parse::<f64>() {
                    Ok(n) if n.is_finite() && !raw.contains('*') => Literal::Number(n, raw.to_string()),
                    _ => Literal::Text(raw.to_string()),
                })
            }
        }
    }
}

/// `$.a.b[0].c` into its steps.
fn parse_steps(text: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let mut rest = text.strip_prefix('$').ok_or("a selector starts with '$'")?;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            if end == 0 {
                return Err(format!("empty field name in selector {text}"));
            }
            steps.push(Step::Key(after[..end].to_string()));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').ok_or_else(|| format!("unclosed '[' in selector {text}"))?;
            let index = &after[..end];
            steps.push(if index == "*" {
                Step::AnyIndex
            } else {
                Step::Index(index.parse().map_err(|_| format!("array index '{index}' in selector {text}"))?)
            });
            rest = &after[end + 1..];
        } else {
            return Err(format!("unexpected '{}' in selector {text}", rest.chars().next().unwrap_or(' ')));
        }
    }
    if steps.is_empty() {
        return Err("selector '$' names no field".into());
    }
    Ok(steps)
}

/// A `"..."` string at the start of `s` (backslash escapes the next character): its text and the
/// bytes it spans.
fn quoted(s: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => out.push(chars.next()?.1),
            c => out.push(c),
        }
    }
    None
}

fn parse_terms(text: &str) -> Result<Terms, PatternError> {
    let mut terms = Terms::default();
    let mut pos = 0;
    loop {
        let rest = &text[pos..];
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        if trimmed.is_empty() {
            break;
        }
        let (kind, body_start) = match trimmed.as_bytes()[0] {
            b'?' => (1, 1),
            b'-' => (2, 1),
            _ => (0, 0),
        };
        let body = &trimmed[body_start..];
        let (term, len) = if body.starts_with('"') {
            let (t, len) =
                quoted(body).ok_or(PatternError { offset: pos, message: "unterminated quoted term".into() })?;
            (TermMatch::Text(t), len)
        } else if let Some(after) = body.strip_prefix('%') {
            let end = after.find('%').ok_or(PatternError { offset: pos, message: "unterminated %regex%".into() })?;
            let regex = compile_regex(&after[..end]).map_err(|m| PatternError { offset: pos, message: m })?;
            (TermMatch::Regex(regex), end + 2)
        } else {
            let len = body.find(char::is_whitespace).unwrap_or(body.len());
            if len == 0 {
                return Err(PatternError { offset: pos, message: "empty term".into() });
            }
            (TermMatch::Text(body[..len].to_string()), len)
        };
        match kind {
            1 => terms.any.push(term),
            2 => terms.none.push(term),
            _ => terms.all.push(term),
        }
        pos += body_start + len;
    }
    Ok(terms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn matches(pattern: &str, event: &Value) -> bool {
        Pattern::parse(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}")).matches(event, &event.to_string())
    }

    fn console_login() -> Value {
        json!({"eventName": "ConsoleLogin", "eventSource": "signin.amazonaws.com",
               "userIdentity": {"type": "IAMUser"}, "additionalEventData": {"MFAUsed": "No"},
               "responseElements": {"ConsoleLogin": "Success"}, "count": 5, "flag": true, "gone": null,
               "resources": [{"ARN": "arn:a"}, {"ARN": "arn:b"}]})
    }

    #[test]
    fn json_terms_with_any_spacing_quoting_and_grouping() {
        let e = console_login();
        for p in [
            r#"{ $.eventName = "ConsoleLogin" }"#,
            r#"{$.eventName=ConsoleLogin}"#,
            r#"  {($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != "Yes")}  "#,
            r#"{ ($.additionalEventData.MFAUsed != "Yes") && ($.eventName = "ConsoleLogin") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#,
            r#"{ (($.eventName = "Nope") || ($.eventName = "Console*")) }"#,
            r#"{ $.eventName = "*Login" && $.eventSource = sign*.com }"#,
            r#"{ $.count > 4 && $.count <= 5 && $.count = 5 && $.count != 6 }"#,
            r#"{ $.flag IS TRUE && $.gone IS NULL && $.nothing NOT EXISTS }"#,
            r#"{ $.resources[1].ARN = "arn:b" && $.resources[*].ARN = "arn:a" }"#,
            r#"{ $.eventName = %Console(Login|Logout)% }"#,
            r#"{ $.eventName = "Nope" || $.eventName = "Also" || $.eventName = "ConsoleLogin" && $.eventSource = "signin.amazonaws.com" }"#,
            "ConsoleLogin",
            r#""ConsoleLogin" ?Nope ?signin -Denied"#,
            "",
        ] {
            assert!(matches(p, &e), "{p}");
        }
        for p in [
            r#"{ $.eventName = "consolelogin" }"#,
            r#"{ $.eventName = "Console" }"#,
            r#"{ $.additionalEventData.MFAUsed = "Yes" }"#,
            r#"{ $.missing != "x" }"#,
            r#"{ $.count > 5 }"#,
            r#"{ $.eventName = "Nope" || $.eventName = "ConsoleLogin" && $.eventSource = "other" }"#,
            r#"{ $.gone NOT EXISTS }"#,
            "ConsoleLogin -signin",
            "[a, b = ConsoleLogin]",
        ] {
            assert!(!matches(p, &e), "{p}");
        }
    }

    #[test]
    fn malformed_patterns_are_errors_with_a_position() {
        for (p, what) in [
            ("{ $.a = }", "expected a value"),
            ("{ $.a = \"x }", "unterminated quoted string"),
            ("{ $.a = x", "expected '}'"),
            ("{ ($.a = x }", "expected ')'"),
            ("{ a = x }", "selector starting with '$'"),
            ("{ $.a > abc }", "needs a number"),
            ("{ $.a IS MAYBE }", "expected NULL"),
            ("{ $.a = x } trailing", "unexpected text"),
            ("{ $.a = %(% }", "invalid regular expression"),
            ("{ $..a = x }", "empty field name"),
            ("{ $.a[x] = x }", "array index"),
        ] {
            let e = Pattern::parse(p).expect_err(p);
            assert!(e.message.contains(what), "{p}: {e}");
        }
    }

    #[test]
    fn hostile_patterns_are_refused_not_overflowed() {
        let deep = format!("{{ {}$.a = x{} }}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(Pattern::parse(&deep).unwrap_err().message.contains("exceeds"));
        let deep = format!("{{ {}$.a = x{} }}", "(".repeat(1000), ")".repeat(1000));
        assert!(Pattern::parse(&deep).unwrap_err().message.contains("nested deeper"));
        let ok = format!("{{ {}$.a = x{} }}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert!(Pattern::parse(&ok).is_ok());
        let long = format!("{{ $.a = \"{}\" }}", "*a".repeat(2000));
        assert!(!Pattern::parse(&long).unwrap().matches(&json!({"a": "b".repeat(5000)}), ""));
    }

    #[test]
    fn glob_segments_match_in_order() {
        assert!(glob_matches("*", ""));
        assert!(glob_matches("a*b*c", "aXbYc"));
        assert!(glob_matches("a*a", "aa"));
        assert!(!glob_matches("a*a", "a"));
        assert!(!glob_matches("a*b*c", "acb"));
        assert!(glob_matches("*UnauthorizedOperation", "Client.UnauthorizedOperation"));
        assert!(!glob_matches("UnauthorizedOperation", "Client.UnauthorizedOperation"));
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics(text in "\\PC{0,300}") {
            if let Ok(p) = Pattern::parse(&text) {
                let e = console_login();
                let _ = p.matches(&e, &e.to_string());
            }
        }

        #[test]
        fn parsing_pattern_like_text_never_panics(text in "[{}()$.a-c=!<>&| \"*%0-9\\[\\]]{0,200}") {
            if let Ok(p) = Pattern::parse(&text) {
                let e = console_login();
                let _ = p.matches(&e, &e.to_string());
            }
        }

        /// Spacing and the order of `&&` operands do not change what a pattern matches.
        #[test]
        fn spacing_and_operand_order_do_not_matter(
            names in proptest::collection::vec("[A-Z][a-z]{1,8}", 1..5),
            pad in "[ \t]{0,3}",
            target in 0usize..5,
        ) {
            let ors: Vec<String> = names.iter().map(|n| format!("({pad}$.eventName{pad}={pad}\"{n}\"{pad})")).collect();
            let forward = format!("{{ ($.eventSource = s3.amazonaws.com) && ({}) }}", ors.join(" || "));
            let mut reversed_ors = ors.clone();
            reversed_ors.reverse();
            let backward = format!("{{{pad}({}){pad}&&{pad}$.eventSource=\"s3.amazonaws.com\"}}", reversed_ors.join("||"));
            let name = names.get(target).cloned().unwrap_or_else(|| "Other".into());
            let event = json!({"eventName": name, "eventSource": "s3.amazonaws.com"});
            let text = event.to_string();
            let (f, b) = (Pattern::parse(&forward).unwrap(), Pattern::parse(&backward).unwrap());
            prop_assert_eq!(f.matches(&event, &text), target < names.len());
            prop_assert_eq!(b.matches(&event, &text), target < names.len());
        }
    }
}
