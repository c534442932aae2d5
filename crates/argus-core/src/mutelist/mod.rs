//! Mutelists in Prowler's YAML format: accepted risks that keep their status but stop counting.
//!
//! A muted finding keeps its PASS/FAIL/ERROR status and gets `muted = true`, as Prowler does; the
//! exit code and the diff ignore it. The file format and matching follow Prowler's documentation
//! ("Mutelisting") and its `prowler/lib/mutelist` implementation, so an existing Prowler file works:
//!
//! ```yaml
//! Mutelist:
//!   Accounts:
//!     "*":                          # an account id, or "*" for every account (exact match, not a regex)
//!       Checks:
//!         "s3_.*":                  # a check id, a regex searched in the check id, or "*"
//!           Regions: ["*"]          # required; regexes
//!           Resources: ["^public-"] # required; regexes
//!           Tags: ["env=dev|env=test", "team=web"]   # optional
//!           Exceptions:             # optional: these findings stay unmuted
//!             Accounts: ["^111111111111$"]
//!           Description: "free text, ignored"
//! ```
//!
//! Matching, as in Prowler:
//! - Every pattern is a regular expression *searched* anywhere in the text (Python's `re.search`), so
//!   `"logs"` matches `ci-logs-replica`; anchor with `^…$` for an exact match. A pattern starting with
//!   `*` has that `*` read as `.*`, which makes `"*"` match everything.
//! - A rule mutes a finding when its check pattern, a region pattern, a resource pattern and every tag
//!   pattern match (fields ANDed, entries of `Regions`/`Resources` ORed).
//! - `Tags` entries are ANDed: each is searched in the resource's tags written as `k1=v1 | k2=v2`;
//!   use regex alternation (`"env=dev|env=stg"`) for OR. No `Tags` (or an empty list) matches any tags.
//! - `Exceptions`: a finding is excepted when every exception field that is given (non-empty) matches
//!   it — the given fields are ANDed, entries within a field ORed (`Tags` entries ANDed as above).
//! - Rules are read in file order per account block (the block of the finding's account and the `"*"`
//!   block are both consulted). As in Prowler, when a rule whose check matches has an exception that
//!   applies, the remaining rules of that block are not consulted for this finding.
//! - Check names starting with `lambda` are read as `awslambda…`, Prowler's (and argus's) prefix.
//!
//! Where argus deliberately differs:
//! - Prowler matches `Resources` against the finding's resource id only; argus ids are sometimes the
//!   ARN and sometimes the name, so a resource pattern matches if it matches the id, the ARN or the
//!   name. Exceptions use the same rule.
//! - Prowler logs a malformed file and runs with no mutelist; argus refuses it with the line, the
//!   column and the path of the problem. Duplicate keys (which YAML silently collapses, dropping
//!   rules) and unknown keys (typos such as `Resource:`) are errors, and account ids or patterns
//!   that YAML reads as numbers must be quoted.
//! - Patterns use Rust's `regex` syntax: look-around and back-references are not supported and are
//!   reported as invalid.
//! - Limits, so that a hostile file cannot exhaust memory or time: the file may be 16 MiB, one
//!   pattern may compile to 1 MiB and all of them together to 256 MiB; past a limit the file is
//!   refused with the pattern that crossed it. Plain-text patterns (also `^name$`, `^prefix`,
//!   `suffix$`) are compared as text and cost nothing against the budget. 60,000 rules load in
//!   about 0.3 s (1.6 s when half of them are distinct regexes).

mod check_ids;
mod compile;
mod file;

#[cfg(test)]
mod tests;

use crate::engine::Finding;
use regex_automata::meta::Regex;
use std::fmt;
use std::io::Read;
use std::sync::Arc;

/// A parsed mutelist. Build it with [`Mutelist::from_yaml`].
#[derive(Debug, Clone, Default)]
pub struct Mutelist {
    blocks: Vec<AccountBlock>,
}

/// The rules under one key of `Accounts` (an account id or `*`).
#[derive(Debug, Clone)]
struct AccountBlock {
    account: String,
    rules: Vec<CheckRule>,
}

/// One entry of `Checks`.
#[derive(Debug, Clone)]
struct CheckRule {
    check: Pattern,
    regions: Vec<Pattern>,
    resources: Vec<Pattern>,
    /// Empty: any tags.
    tags: Vec<Pattern>,
    exceptions: Option<Exceptions>,
}

#[derive(Debug, Clone, Default)]
struct Exceptions {
    accounts: Vec<Pattern>,
    regions: Vec<Pattern>,
    resources: Vec<Pattern>,
    tags: Vec<Pattern>,
}

/// A pattern as written in the file and how it is matched.
#[derive(Debug, Clone)]
struct Pattern {
    source: String,
    matcher: Matcher,
}

#[derive(Debug, Clone)]
enum Matcher {
    /// A pattern without regex syntax but for `^` and `$` anchors (most check names, resource
    /// names and `^name$` patterns): compared as text, which needs no compiled automaton however
    /// many of them a file has.
    Text { text: String, at_start: bool, at_end: bool },
    /// Compiled once per distinct pattern and shared by every rule that writes it.
    Regex(Arc<Regex>),
}

impl Pattern {
    /// Searched anywhere in the text, as Python's `re.search` does.
    fn is_match(&self, haystack: &str) -> bool {
        match &self.matcher {
            Matcher::Text { text, at_start: false, at_end: false } => haystack.contains(text.as_str()),
            Matcher::Text { text, at_start: true, at_end: false } => haystack.starts_with(text.as_str()),
            Matcher::Text { text, at_start: false, at_end: true } => haystack.ends_with(text.as_str()),
            Matcher::Text { text, at_start: true, at_end: true } => haystack == text,
            Matcher::Regex(regex) => regex.is_match(haystack),
        }
    }
}

/// The largest mutelist argus reads: a file of 60,000 rules is about 4 MiB.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// Why a mutelist was refused: where (1-based line and column, and the path of the key) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MutelistError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Like `Mutelist.Accounts."*".Checks."s3_.*".Resources[2]`, when the problem is in a known place.
    pub path: Option<String>,
    pub message: String,
}

impl fmt::Display for MutelistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "line {line}, column {column}: ")?,
            (Some(line), None) => write!(f, "line {line}: ")?,
            _ => {}
        }
        if let Some(path) = &self.path {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for MutelistError {}

impl MutelistError {
    fn message(message: String) -> Self {
        MutelistError { line: None, column: None, path: None, message }
    }

    fn too_large() -> Self {
        MutelistError::message(format!(
            "the file is larger than the {} MiB a mutelist may be: use fewer or broader rules",
            MAX_FILE_BYTES >> 20
        ))
    }

    /// An error of the typed reading: invalid YAML, or a value (or key) of the wrong shape or
    /// content, then with the path of that value.
    fn from_deserialize(e: &serde_path_to_error::Error<serde_yaml_ng::Error>) -> Self {
        use serde_path_to_error::Segment;
        let inner = e.inner();
        let location = inner.location();
        let mut message = inner.to_string();
        // The parser writes the position we already report separately into its message.
        if let Some(l) = &location {
            message = message.replacen(&format!(" at line {} column {}", l.line(), l.column()), "", 1);
        }
        let segments: Vec<Segment> = e.path().iter().cloned().collect();
        // serde_yaml_ng starts the message of an error about a value with that value's path, written
        // its own way (for an error about a key: the path of its mapping); an error of the YAML itself
        // has none. A top-level value has an empty path: its errors are told by their text.
        let about_a_value = if segments.is_empty() {
            message.contains(file::DOCUMENT_EXPECTING) || message.starts_with("duplicate field")
        } else {
            let prefixes = [yaml_ng_path(&segments), yaml_ng_path(&segments[..segments.len() - 1])];
            match prefixes.iter().find_map(|p| message.strip_prefix(&format!("{p}: "))) {
                Some(rest) => {
                    message = rest.to_string();
                    true
                }
                None => false,
            }
        };
        if !about_a_value {
            message = format!("invalid YAML: {message}");
        }
        MutelistError {
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            path: (about_a_value && !segments.is_empty()).then(|| display_path(&segments)),
            message,
        }
    }
}

/// A path as serde_yaml_ng writes it at the start of its messages: `Mutelist.Accounts.*.Checks`.
fn yaml_ng_path(segments: &[serde_path_to_error::Segment]) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push('?');
            }
        }
    }
    out
}

/// A path for people, keys quoted where they are not plain words:
/// `Mutelist.Accounts."*".Checks."s3_.*".Resources[2]`.
fn display_path(segments: &[serde_path_to_error::Segment]) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in segments {
        let key = match segment {
            Segment::Seq { index } => {
                out.push_str(&format!("[{index}]"));
                continue;
            }
            Segment::Map { key } | Segment::Enum { variant: key } => key.as_str(),
            Segment::Unknown => "?",
        };
        if !out.is_empty() {
            out.push('.');
        }
        let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if plain || key == "?" {
            out.push_str(key);
        } else {
            out.push_str(&format!("{key:?}"));
        }
    }
    out
}

/// The parts of a finding a mutelist looks at, prepared once per finding.
#[derive(Clone)]
struct Subject<'a> {
    check: &'a str,
    account: &'a str,
    region: &'a str,
    /// The resource id, plus its ARN and name when they are known.
    resource: Vec<&'a str>,
    /// Tags as Prowler flattens them for matching: `k1=v1 | k2=v2`.
    tags: String,
}

impl<'a> Subject<'a> {
    fn of(f: &'a Finding) -> Self {
        let mut resource = vec![f.resource.id.as_str()];
        for extra in [&f.resource.arn, &f.resource.name] {
            if !extra.is_empty() && !resource.contains(&extra.as_str()) {
                resource.push(extra);
            }
        }
        let tags = f.resource.tags.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" | ");
        Subject { check: f.check_id(), account: f.account_id(), region: &f.resource.region, resource, tags }
    }
}

/// Any pattern found in the text (an empty list matches nothing).
fn any_match(patterns: &[Pattern], text: &str) -> bool {
    patterns.iter().any(|p| p.is_match(text))
}

/// Any pattern found in any of the resource's identifiers.
fn any_resource_match(patterns: &[Pattern], resource: &[&str]) -> bool {
    patterns.iter().any(|p| resource.iter().any(|r| p.is_match(r)))
}

/// Every pattern found in the tags text (an empty list matches nothing).
fn all_tags_match(patterns: &[Pattern], tags: &str) -> bool {
    !patterns.is_empty() && patterns.iter().all(|p| p.is_match(tags))
}

impl CheckRule {
    fn new(check: file::CheckName, rule: file::Rule) -> Self {
        CheckRule {
            check: check.0,
            regions: rule.regions.0,
            resources: rule.resources.0,
            tags: rule.tags.0,
            exceptions: rule.exceptions,
        }
    }

    fn applies_to_check(&self, check: &str) -> bool {
        self.check.source == "*" || self.check.source == check || self.check.is_match(check)
    }

    fn matches(&self, s: &Subject<'_>) -> bool {
        any_match(&self.regions, s.region)
            && any_resource_match(&self.resources, &s.resource)
            && (self.tags.is_empty() || all_tags_match(&self.tags, &s.tags))
    }

    fn is_excepted(&self, s: &Subject<'_>) -> bool {
        let Some(e) = &self.exceptions else { return false };
        let fields = [
            (e.accounts.is_empty(), any_match(&e.accounts, s.account)),
            (e.regions.is_empty(), any_match(&e.regions, s.region)),
            (e.resources.is_empty(), any_resource_match(&e.resources, &s.resource)),
            (e.tags.is_empty(), all_tags_match(&e.tags, &s.tags)),
        ];
        // At least one given field matched, and no given field failed to match.
        fields.iter().any(|(_, matched)| *matched) && fields.iter().all(|(empty, matched)| *empty || *matched)
    }
}

impl AccountBlock {
    fn applies_to_account(&self, account: &str) -> bool {
        self.account == "*" || self.account == account
    }

    fn mutes(&self, s: &Subject<'_>) -> bool {
        for rule in self.rules.iter().filter(|r| r.applies_to_check(s.check)) {
            if rule.is_excepted(s) {
                return false;
            }
            if rule.matches(s) {
                return true;
            }
        }
        false
    }
}

impl Mutelist {
    /// Parses a Prowler-format mutelist. Errors name the line, column and path of the problem.
    pub fn from_yaml(text: &str) -> Result<Mutelist, MutelistError> {
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(MutelistError::too_large());
        }
        if file::has_no_content(text) {
            return Err(MutelistError::message("the file is empty: expected a top-level `Mutelist:` key".into()));
        }
        let _scope = compile::CompileScope::enter(compile::TOTAL_COMPILED_LIMIT);
        let document: file::Document = serde_path_to_error::deserialize(serde_yaml_ng::Deserializer::from_str(text))
            .map_err(|e| MutelistError::from_deserialize(&e))?;
        let Some(section) = document.mutelist else {
            return Err(MutelistError::message(
                "missing the top-level `Mutelist:` key (argus reads Prowler's mutelist format)".into(),
            ));
        };
        let blocks = section
            .accounts
            .0
            .into_iter()
            .map(|(account, entry)| AccountBlock {
                account: account.0,
                rules: entry.checks.0.into_iter().map(|(check, rule)| CheckRule::new(check, rule)).collect(),
            })
            .collect();
        Ok(Mutelist { blocks })
    }

    /// Reads a mutelist file, refusing one larger than [`MAX_FILE_BYTES`] before reading it all.
    pub fn from_reader(reader: impl Read) -> Result<Mutelist, MutelistError> {
        let mut bytes = Vec::new();
        reader
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| MutelistError::message(format!("cannot read: {e}")))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(MutelistError::too_large());
        }
        let text = String::from_utf8(bytes).map_err(|e| MutelistError::message(format!("not UTF-8 text: {e}")))?;
        Mutelist::from_yaml(&text)
    }

    /// True when the file has no rule at all.
    pub fn is_empty(&self) -> bool {
        self.blocks.iter().all(|b| b.rules.is_empty())
    }

    /// Whether a rule mutes this finding (whatever its status).
    /// A finding answering Prowler ids under other names is muted part by part (see `check_ids`).
    pub fn is_muted(&self, finding: &Finding) -> bool {
        let subject = Subject::of(finding);
        if finding.source.prowler.is_empty() {
            self.mutes_subject(finding, &subject)
        } else {
            self.mutes_every_part(finding, &subject)
        }
    }

    /// Marks the findings the mutelist covers as muted; statuses are left unchanged and findings
    /// already muted stay muted.
    pub fn apply(&self, findings: &mut [Finding]) {
        for finding in findings.iter_mut() {
            if !finding.muted && self.is_muted(finding) {
                finding.muted = true;
            }
        }
    }
}

/// Fuzzing entry point: parses arbitrary bytes and, when they form a mutelist, matches a finding
/// against it. Must never panic.
pub fn parse_for_fuzz(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if let Ok(mutelist) = Mutelist::from_yaml(text) {
        let finding = Finding {
            source: std::sync::Arc::new(crate::engine::FindingSource {
                check_id: "s3_bucket_public_access".into(),
                severity: crate::engine::Severity::High,
                service: "s3".into(),
                account_id: "123456789012".into(),
                prowler: Default::default(),
            }),
            status: crate::engine::Status::Fail,
            resource: std::sync::Arc::new(crate::engine::Resource {
                id: "bucket".into(),
                arn: "arn:aws:s3:::bucket".into(),
                name: "bucket".into(),
                region: "us-east-1".into(),
                tags: [("env".to_string(), "dev".to_string())].into_iter().collect(),
            }),
            message: Default::default(),
            muted: false,
            paths: None,
        };
        let _ = mutelist.is_muted(&finding);
    }
}
