//! Compiles a mutelist's patterns within a memory budget, while the file is being read.

use super::{Matcher, Pattern};
use regex_automata::meta::{self, Regex};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

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
    fn new(budget: usize) -> Self {
        Compiler { compiled: HashMap::new(), used: 0, budget }
    }

    /// Compiles one pattern the way Prowler reads it: a leading `*` becomes `.*` (so `"*"` means
    /// "anything"), and the rest is a regular expression searched anywhere in the text (not anchored).
    fn compile(&mut self, source: &str) -> Result<Pattern, String> {
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

thread_local! {
    /// The compiler of the mutelist being read on this thread. Patterns are compiled as serde reads
    /// them, so that an error raised there carries the pattern's line and column; a derived
    /// `Deserialize` has no way to pass state down to the fields, hence a scope per read.
    static READING: RefCell<Option<Compiler>> = const { RefCell::new(None) };
}

/// While alive, patterns deserialized on this thread are compiled against one shared budget.
pub(super) struct CompileScope(());

impl CompileScope {
    pub(super) fn enter(budget: usize) -> CompileScope {
        READING.with(|r| *r.borrow_mut() = Some(Compiler::new(budget)));
        CompileScope(())
    }
}

impl Drop for CompileScope {
    fn drop(&mut self) {
        READING.with(|r| r.borrow_mut().take());
    }
}

/// Compiles a pattern with the compiler of the current [`CompileScope`].
pub(super) fn compile(source: &str) -> Result<Pattern, String> {
    READING.with(|r| match r.borrow_mut().as_mut() {
        Some(compiler) => compiler.compile(source),
        None => Err("a mutelist pattern is compiled only while a mutelist is read".to_string()),
    })
}
