//! Turns the YAML tree of a Prowler-format mutelist into rules, checking its shape as Prowler's schema
//! does (required `Regions` and `Resources`, no unknown keys) and compiling every pattern.

use super::yaml_tree::{Node, Target, YamlPath};
use super::{AccountBlock, CheckRule, Exceptions, Matcher, Pattern};
use regex_automata::meta::{self, Regex};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A problem found while validating: where it is, what is wrong.
#[derive(Debug)]
pub(super) struct Invalid {
    pub(super) path: YamlPath,
    pub(super) target: Target,
    pub(super) message: String,
}

fn invalid(path: &YamlPath, message: impl Into<String>) -> Invalid {
    Invalid { path: path.clone(), target: Target::Value, message: message.into() }
}

fn invalid_key(path: &YamlPath, message: impl Into<String>) -> Invalid {
    Invalid { path: path.clone(), target: Target::Key, message: message.into() }
}

/// Compiles the file's patterns within a memory budget. Each distinct pattern is compiled once and
/// shared by every rule that writes it (a large mutelist repeats `"*"` thousands of times), and the
/// compiled sizes of all of them together are capped, so a hostile file cannot make argus allocate
/// without bound: a cap per pattern alone lets a few thousand large patterns take gigabytes.
pub(super) struct Compiler {
    compiled: HashMap<String, Arc<Regex>>,
    /// Heap bytes of every compiled pattern so far.
    used: usize,
    budget: usize,
}

/// The NFA of one pattern (regex's `size_limit`).
const PATTERN_SIZE_LIMIT: usize = 1 << 20;
/// The lazy DFA's cache of one pattern, filled while matching (regex's `dfa_size_limit`).
const PATTERN_CACHE_CAPACITY: usize = 512 << 10;
/// All compiled patterns together. A pattern such as `^bucket-1(-.*)?$` compiles to 3 to 5 KiB, so
/// this holds more than 50,000 distinct ones (plain names and `^name$` need no compiling at all),
/// while `[a-z]{1,8000}` takes 0.75 MiB and is refused after some 340 of them.
pub(super) const TOTAL_COMPILED_LIMIT: usize = 256 << 20;

impl Compiler {
    pub(super) fn new(budget: usize) -> Self {
        Compiler { compiled: HashMap::new(), used: 0, budget }
    }

    /// Compiles one pattern the way Prowler reads it: a leading `*` becomes `.*` (so `"*"` means
    /// "anything"), and the rest is a regular expression searched anywhere in the text (not anchored).
    pub(super) fn compile(&mut self, source: &str) -> Result<Pattern, String> {
        if let Some(matcher) = plain_text(source) {
            return Ok(Pattern { source: source.to_string(), matcher });
        }
        if let Some(regex) = self.compiled.get(source) {
            return Ok(Pattern { source: source.to_string(), matcher: Matcher::Regex(Arc::clone(regex)) });
        }
        let effective = match source.strip_prefix('*') {
            Some(rest) => format!(".*{rest}"),
            None => source.to_string(),
        };
        // The one-pass DFA only speeds up capture groups, which matching never asks for; without it
        // an anchored pattern takes less than half the memory.
        let config = meta::Config::new()
            .nfa_size_limit(Some(PATTERN_SIZE_LIMIT))
            .onepass(false)
            .dfa_size_limit(Some(PATTERN_SIZE_LIMIT))
            .hybrid_cache_capacity(PATTERN_CACHE_CAPACITY);
        let regex = Regex::builder().configure(config).build(&effective).map_err(|e| {
            let why = match (e.size_limit(), e.syntax_error()) {
                (Some(limit), _) => format!("it compiles to more than the {} KiB allowed for one pattern", limit >> 10),
                (None, Some(syntax)) => one_line(&syntax.to_string()),
                (None, None) => one_line(&e.to_string()),
            };
            format!("invalid regular expression {source:?}: {why}")
        })?;
        self.used += regex.memory_usage();
        if self.used > self.budget {
            return Err(format!(
                "the patterns compile to more than the {} MiB allowed for a whole mutelist (at {source:?}): \
                 use fewer or simpler patterns",
                self.budget >> 20
            ));
        }
        let regex = Arc::new(regex);
        self.compiled.insert(source.to_string(), Arc::clone(&regex));
        Ok(Pattern { source: source.to_string(), matcher: Matcher::Regex(regex) })
    }
}

/// A pattern that is plain text, optionally anchored with `^` and `$`: no other character with a
/// meaning in a regex (`#`, `&`, `-` and `~` only act inside a class or with the `x` flag, both of
/// which need one of the characters excluded here).
fn plain_text(source: &str) -> Option<Matcher> {
    let (at_start, rest) = match source.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, source),
    };
    let (at_end, text) = match rest.strip_suffix('$') {
        Some(text) => (true, text),
        None => (false, rest),
    };
    let plain = !text.contains(|c: char| r"\.+*?()|[]{}^$".contains(c));
    plain.then(|| Matcher::Text { text: text.to_string(), at_start, at_end })
}

/// regex errors draw the pattern and a caret over several lines; keep only the explanation.
fn one_line(s: &str) -> String {
    match s.lines().find_map(|l| l.trim().strip_prefix("error: ")) {
        Some(explanation) => explanation.to_string(),
        None => s.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

pub(super) fn document(root: &Node, compiler: &mut Compiler) -> Result<Vec<AccountBlock>, Invalid> {
    let path = YamlPath::default();
    let entries = match root {
        Node::Map(entries) => entries,
        Node::Null => return Err(invalid(&path, "the file is empty: expected a top-level `Mutelist:` key")),
        other => {
            return Err(invalid(
                &path,
                format!("expected a mapping with a top-level `Mutelist:` key, found {}", other.kind()),
            ))
        }
    };
    // Prowler reads only the `Mutelist` key and ignores anything else at the top level.
    let mut found = None;
    for (key, value) in entries {
        if key.repr() == "Mutelist" {
            if found.is_some() {
                return Err(invalid_key(&path.nth_key("Mutelist", 1), "duplicate key `Mutelist`"));
            }
            found = Some(value);
        }
    }
    let Some(mutelist) = found else {
        return Err(invalid(&path, "missing the top-level `Mutelist:` key (argus reads Prowler's mutelist format)"));
    };
    let path = path.key("Mutelist");
    let fields = fields(mutelist, &path, &["Accounts"], "the mutelist")?;
    let accounts = fields.required("Accounts")?;
    account_blocks(accounts, &path.key("Accounts"), compiler)
}

fn account_blocks(node: &Node, path: &YamlPath, compiler: &mut Compiler) -> Result<Vec<AccountBlock>, Invalid> {
    let mut blocks = Vec::new();
    for (account, value, entry_path) in string_keyed(node, path, "`Accounts`", "an account id or \"*\"")? {
        let fields = fields(value, &entry_path, &["Checks"], "an account entry")?;
        let checks_path = entry_path.key("Checks");
        let checks = fields.required("Checks")?;
        let mut rules = Vec::new();
        for (check, rule, rule_path) in string_keyed(checks, &checks_path, "`Checks`", "a check name or pattern")? {
            rules.push(check_rule(&check, rule, &rule_path, compiler)?);
        }
        blocks.push(AccountBlock { account, rules });
    }
    Ok(blocks)
}

fn check_rule(check: &str, node: &Node, path: &YamlPath, compiler: &mut Compiler) -> Result<CheckRule, Invalid> {
    // Prowler renames checks starting with `lambda` to its `awslambda` service prefix; argus uses the same ids.
    let check_source = match check.strip_prefix("lambda") {
        Some(rest) => format!("awslambda{rest}"),
        None => check.to_string(),
    };
    let check_pattern = compiler.compile(&check_source).map_err(|m| invalid_key(path, m))?;
    let fields = fields(node, path, &["Regions", "Resources", "Tags", "Exceptions", "Description"], "a check rule")?;
    let regions = patterns(fields.required("Regions")?, &path.key("Regions"), compiler)?;
    let resources = patterns(fields.required("Resources")?, &path.key("Resources"), compiler)?;
    let tags = match fields.optional("Tags") {
        Some(node) => patterns(node, &path.key("Tags"), compiler)?,
        None => Vec::new(),
    };
    if let Some(description) = fields.optional("Description") {
        // Free text for humans; Prowler ignores it and so do we, but it must be text.
        if !matches!(description, Node::Str(_)) {
            return Err(invalid(
                &path.key("Description"),
                format!("`Description` must be text, found {}", description.kind()),
            ));
        }
    }
    let exceptions = match fields.optional("Exceptions") {
        Some(node) => Some(exceptions(node, &path.key("Exceptions"), compiler)?),
        None => None,
    };
    Ok(CheckRule { check: check_pattern, regions, resources, tags, exceptions })
}

fn exceptions(node: &Node, path: &YamlPath, compiler: &mut Compiler) -> Result<Exceptions, Invalid> {
    let fields = fields(node, path, &["Accounts", "Regions", "Resources", "Tags"], "`Exceptions`")?;
    let mut list = |name: &str| -> Result<Vec<Pattern>, Invalid> {
        match fields.optional(name) {
            Some(node) => patterns(node, &path.key(name), compiler),
            None => Ok(Vec::new()),
        }
    };
    Ok(Exceptions {
        accounts: list("Accounts")?,
        regions: list("Regions")?,
        resources: list("Resources")?,
        tags: list("Tags")?,
    })
}

fn patterns(node: &Node, path: &YamlPath, compiler: &mut Compiler) -> Result<Vec<Pattern>, Invalid> {
    let Node::Seq(items) = node else {
        return Err(invalid(path, format!("expected a list of patterns (e.g. [\"*\"]), found {}", node.kind())));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let item_path = path.index(i);
            match item {
                Node::Str(s) => compiler.compile(s).map_err(|m| invalid(&item_path, m)),
                Node::Number(n) => Err(invalid(
                    &item_path,
                    format!("YAML read {n} as a number; quote it so it is matched as text: \"{n}\""),
                )),
                other => Err(invalid(&item_path, format!("expected a quoted pattern, found {}", other.kind()))),
            }
        })
        .collect()
}

/// The entries of a mapping whose keys must be text (account ids, check names), in file order.
fn string_keyed<'a>(
    node: &'a Node,
    path: &YamlPath,
    what: &str,
    key_meaning: &str,
) -> Result<Vec<(String, &'a Node, YamlPath)>, Invalid> {
    let Node::Map(entries) = node else {
        return Err(invalid(path, format!("{what} must be a mapping, found {}", node.kind())));
    };
    let mut out: Vec<(String, &Node, YamlPath)> = Vec::with_capacity(entries.len());
    // Keys seen so far: a set keeps duplicate detection linear in a mutelist of thousands of rules.
    let mut seen: HashSet<String> = HashSet::with_capacity(entries.len());
    for (key, value) in entries {
        let repr = key.repr();
        let nth = usize::from(seen.contains(&repr));
        let entry_path = path.nth_key(&repr, nth);
        match key {
            Node::Str(_) => {}
            Node::Number(n) => {
                return Err(invalid_key(
                    &entry_path,
                    format!("YAML read the key {n} as a number; quote it (\"{n}\") so it is {key_meaning}"),
                ))
            }
            other => return Err(invalid_key(&entry_path, format!("expected {key_meaning}, found {}", other.kind()))),
        }
        if nth > 0 {
            // PyYAML silently keeps the last duplicate, which drops rules without a word; refuse instead.
            return Err(invalid_key(
                &entry_path,
                format!("duplicate key {repr:?} in {what}: merge the two entries (YAML keeps only one of them)"),
            ));
        }
        seen.insert(repr.clone());
        out.push((repr, value, entry_path));
    }
    Ok(out)
}

/// The fields of a fixed-shape mapping, with unknown and duplicate keys rejected.
struct Fields<'a> {
    path: YamlPath,
    what: &'static str,
    entries: Vec<(&'a str, &'a Node)>,
}

fn fields<'a>(
    node: &'a Node,
    path: &YamlPath,
    allowed: &[&'static str],
    what: &'static str,
) -> Result<Fields<'a>, Invalid> {
    let Node::Map(map) = node else {
        let expected = allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        return Err(invalid(path, format!("{what} must be a mapping with {expected}, found {}", node.kind())));
    };
    let mut entries: Vec<(&str, &Node)> = Vec::new();
    for (index, (key, value)) in map.iter().enumerate() {
        let repr = key.repr();
        let Some(name) = allowed.iter().find(|a| **a == repr) else {
            let expected = allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            let nth = map[..index].iter().filter(|(k, _)| k.repr() == repr).count();
            return Err(invalid_key(
                &path.nth_key(&repr, nth),
                format!("unknown key {repr:?} in {what} (expected {expected})"),
            ));
        };
        if entries.iter().any(|(n, _)| n == name) {
            return Err(invalid_key(&path.nth_key(name, 1), format!("duplicate key `{name}` in {what}")));
        }
        entries.push((name, value));
    }
    Ok(Fields { path: path.clone(), what, entries })
}

impl<'a> Fields<'a> {
    fn optional(&self, name: &str) -> Option<&'a Node> {
        self.entries.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    fn required(&self, name: &str) -> Result<&'a Node, Invalid> {
        self.optional(name)
            .ok_or_else(|| invalid(&self.path, format!("{} is missing the required key `{name}`", self.what)))
    }
}
