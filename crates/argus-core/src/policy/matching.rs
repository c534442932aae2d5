//! Wildcard matching of actions and resources.
//!
//! Patterns use `*` (any run of characters) and `?` (one character) anywhere.
//! Actions compare case-insensitively, resources (ARNs) case-sensitively.
//!
//! Queries may themselves be patterns (`"*"` = "some resource"), so besides
//! plain matching we need two relations between patterns:
//! - `overlaps`: some string matches both (used for Allow: "may grant").
//! - `covers`: every string matching the query matches the pattern (used for
//!   Deny: "certainly blocks"). This is a sound under-approximation: when it
//!   says yes it is right; rare complicated cases answer no, which only makes a
//!   Deny count for less, never hides an Allow.

use arcstr::Substr;
use std::sync::LazyLock;

use super::document::{ActionSpec, Effect, ResourceSpec, Statement};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Star,
    One,
    Lit(char),
    /// A `${...}` policy variable: unknown at analysis time, so it may be
    /// anything (like `*`) but can never be relied upon to match.
    Var,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Glob {
    toks: Vec<Tok>,
    /// For an action query: the text, when every token is a literal (`iam:passrole`, lowercase).
    literal: Option<String>,
    /// For an action query: the literal service prefix (`iam` in `iam:Pass*`, lowercase), when
    /// everything before the first `:` is literal. A query is compared with every statement's
    /// patterns: working these out once per query, not per comparison, keeps the fast paths fast.
    /// Both `None` for resource globs and one-off action patterns.
    service: Option<String>,
}

impl Glob {
    /// An action pattern or action name (case-insensitive, no variables).
    pub(super) fn action(pattern: &str) -> Glob {
        Glob::with_literal_parts(tokenize(pattern, true, false))
    }

    /// An action pattern compared once (the fast paths' text is not worked out).
    fn action_pattern(pattern: &str) -> Glob {
        Glob { toks: tokenize(pattern, true, false), literal: None, service: None }
    }

    /// A resource pattern; `variables` when the policy is Version 2012-10-17.
    pub(super) fn resource(pattern: &str, variables: bool) -> Glob {
        Glob { toks: tokenize(pattern, false, variables), literal: None, service: None }
    }

    fn with_literal_parts(toks: Vec<Tok>) -> Glob {
        let literal_text = |toks: &[Tok]| -> Option<String> {
            toks.iter()
                .map(|t| match t {
                    Tok::Lit(c) => Some(*c),
                    _ => None,
                })
                .collect()
        };
        let literal = literal_text(&toks);
        let service = toks.iter().position(|t| *t == Tok::Lit(':')).and_then(|colon| literal_text(&toks[..colon]));
        Glob { toks, literal, service }
    }

    /// Matches every string (a non-empty run of `*`).
    pub(super) fn is_match_all(&self) -> bool {
        !self.toks.is_empty() && self.toks.iter().all(|t| *t == Tok::Star)
    }

    pub(super) fn overlaps(&self, other: &Glob) -> bool {
        overlap(&self.toks, &other.toks)
    }

    pub(super) fn covers(&self, query: &Glob) -> bool {
        cover(&self.toks, &query.toks)
    }
}

/// Queries that policy analysis asks of many statements, tokenised once per process.
pub(super) static IAM_ACTIONS: LazyLock<Glob> = LazyLock::new(|| Glob::action("iam:*"));
pub(super) static S3_ACTIONS: LazyLock<Glob> = LazyLock::new(|| Glob::action("s3:*"));
pub(super) static ANY_RESOURCE: LazyLock<Glob> = LazyLock::new(|| Glob::resource("*", false));

/// Cheap pre-checks that answer `overlaps` / `covers` for an action pattern without tokenising it.
///
/// When both the pattern and the query name a literal service before their first `:` and the two
/// differ (`s3:Get*` vs `iam:PassRole`), no action matches both: the pattern neither overlaps nor
/// covers the query. This is the answer for almost every (statement, query) pair when a policy is
/// checked against a list of actions, so it saves the tokenising and the automaton search.
fn action_services_differ(pattern: &str, query: &Glob) -> bool {
    let Some(query_service) = query.service.as_deref() else {
        return false;
    };
    // A byte loop, not `split_once(':')`: patterns are short, and this runs for every pattern of
    // every statement a policy question reaches (`:`, `*` and `?` are ASCII, so a byte is a char).
    for (i, b) in pattern.bytes().enumerate() {
        match b {
            // The query's service is lowercased ASCII-wise, like the pattern's here.
            b':' => return !pattern.as_bytes()[..i].eq_ignore_ascii_case(query_service.as_bytes()),
            b'*' | b'?' => return false,
            _ => {}
        }
    }
    false
}

/// The services a policy's Allow statements can grant actions of, worked out once per policy so that
/// a batch of questions (thirty escalation methods, six exfiltration actions) skips, without reading
/// a statement, every action of a service the policy never names. Conservative: a statement with
/// `NotAction`, or a pattern whose service part has a wildcard or no `:`, may grant any service.
pub(super) struct AllowedServices<'p> {
    /// Service prefixes as written, each once ignoring ASCII case (a policy names a handful).
    services: Vec<&'p str>,
    any: bool,
}

impl<'p> AllowedServices<'p> {
    pub(super) fn of(statements: &'p [Statement]) -> Self {
        let mut allowed = AllowedServices { services: Vec::new(), any: false };
        for st in statements.iter().filter(|st| st.effect == Effect::Allow) {
            let ActionSpec::Action(patterns) = &st.actions else {
                allowed.any = true;
                return allowed;
            };
            for pattern in patterns.iter() {
                // Bytes, not char searchers: `:`, `*` and `?` are ASCII, and this runs for every
                // pattern of every policy the IAM checks question.
                let service = pattern.as_bytes().iter().position(|&b| b == b':').map(|colon| &pattern[..colon]);
                match service {
                    Some(service) if !service.bytes().any(|b| b == b'*' || b == b'?') => {
                        // Most policies name one service in several patterns in a row: the last one first.
                        if !allowed.services.iter().rev().any(|s| s.eq_ignore_ascii_case(service)) {
                            allowed.services.push(service);
                        }
                    }
                    _ => {
                        allowed.any = true;
                        return allowed;
                    }
                }
            }
        }
        allowed
    }

    /// False only when no Allow statement can match `query`: its service is literal and named by none
    /// (the test `action_services_differ` makes for each pattern, made once per policy).
    pub(super) fn may_allow(&self, query: &Glob) -> bool {
        match query.service.as_deref() {
            Some(service) if !self.any => self.services.iter().any(|s| s.eq_ignore_ascii_case(service)),
            _ => true,
        }
    }
}

/// For a literal action query (`iam:PassRole`) and a pattern that is literal or ends in its only `*`
/// (`iam:PassRole`, `iam:Pass*`, `iam:*`): whether the pattern matches it, without tokenising. For a
/// literal query, overlapping and covering are both "matches". `None`: use the automata.
fn simple_action_match(pattern: &str, query: &Glob) -> Option<bool> {
    let literal = query.literal.as_deref()?;
    if pattern.contains('?') {
        return None;
    }
    // ASCII case folding byte by byte is the tokeniser's `to_ascii_lowercase` per character: other
    // characters compare exactly, and equal byte prefixes are equal character prefixes in UTF-8.
    match pattern.find('*') {
        None => Some(pattern.eq_ignore_ascii_case(literal)),
        Some(star) if star + 1 == pattern.len() => {
            let prefix = &pattern.as_bytes()[..star];
            Some(literal.as_bytes().get(..star).is_some_and(|head| head.eq_ignore_ascii_case(prefix)))
        }
        Some(_) => None,
    }
}

/// Whether a pattern string is all stars (matches every action or resource), as `Glob::is_match_all`.
pub(super) fn pattern_is_match_all(pattern: &str) -> bool {
    !pattern.is_empty() && pattern.bytes().all(|b| b == b'*')
}

fn tokenize(pattern: &str, lowercase: bool, variables: bool) -> Vec<Tok> {
    let mut out = Vec::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if variables && rest.starts_with("${") {
            if let Some(len) = rest[2..].find('}') {
                // ${*}, ${?} and ${$} are AWS's escapes for the literal characters.
                out.push(match &rest[2..2 + len] {
                    "*" => Tok::Lit('*'),
                    "?" => Tok::Lit('?'),
                    "$" => Tok::Lit('$'),
                    _ => Tok::Var,
                });
                rest = &rest[2 + len + 1..];
                continue;
            }
        }
        let tok = match c {
            '*' => Tok::Star,
            '?' => Tok::One,
            _ if lowercase => Tok::Lit(c.to_ascii_lowercase()),
            _ => Tok::Lit(c),
        };
        // Consecutive stars are equivalent to one and only slow the search.
        if !(tok == Tok::Star && out.last() == Some(&Tok::Star)) {
            out.push(tok);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn star_like(t: Option<&Tok>) -> bool {
    matches!(t, Some(Tok::Star | Tok::Var))
}

/// The states a product search has visited: one bit each, on the stack up to 64 × 64 states (two ARNs
/// of about 60 characters). A `Vec<bool>` of two ARNs' product is a few kilobytes, and glibc merges its
/// free lists on every allocation that size: a statement-by-statement comparison paid that each time.
#[allow(clippy::large_enum_variant)] // a local of one search, never moved: the point is to stay off the heap
enum Visited {
    Inline([u64; 64]),
    Heap(Vec<u64>),
}

impl Visited {
    fn new(states: usize) -> Visited {
        let words = states.div_ceil(64);
        if words <= 64 {
            Visited::Inline([0; 64])
        } else {
            Visited::Heap(vec![0; words])
        }
    }

    /// Marks `state`; false when it was already marked (or is out of range).
    fn insert(&mut self, state: usize) -> bool {
        let words = match self {
            Visited::Inline(w) => &mut w[..],
            Visited::Heap(w) => &mut w[..],
        };
        let Some(word) = words.get_mut(state / 64) else {
            return false;
        };
        let bit = 1u64 << (state % 64);
        let fresh = *word & bit == 0;
        *word |= bit;
        fresh
    }
}

/// Is there a string matched by both `a` and `b`? Search over the product of
/// the two pattern automata; `seen` bounds the work to |a|·|b| states.
fn overlap(a: &[Tok], b: &[Tok]) -> bool {
    let width = b.len() + 1;
    let mut seen = Visited::new((a.len() + 1) * width);
    let mut stack = vec![(0usize, 0usize)];
    while let Some((i, j)) = stack.pop() {
        if !seen.insert(i * width + j) {
            continue;
        }
        if i == a.len() && j == b.len() {
            return true;
        }
        let (ta, tb) = (a.get(i), b.get(j));
        // A star may match the empty string.
        if star_like(ta) {
            stack.push((i + 1, j));
        }
        if star_like(tb) {
            stack.push((i, j + 1));
        }
        // Both consume one common character; a star keeps its place.
        if let (Some(x), Some(y)) = (ta, tb) {
            match (star_like(ta), star_like(tb)) {
                (true, true) => {}
                (true, false) => stack.push((i, j + 1)),
                (false, true) => stack.push((i + 1, j)),
                (false, false) => {
                    let clash = matches!((x, y), (Tok::Lit(c), Tok::Lit(d)) if c != d);
                    if !clash {
                        stack.push((i + 1, j + 1));
                    }
                }
            }
        }
    }
    false
}

/// Does pattern `p` match every string matched by `q`? Aligns `q`'s tokens
/// with `p`'s: a query star can only be absorbed by a pattern star.
fn cover(p: &[Tok], q: &[Tok]) -> bool {
    let width = q.len() + 1;
    let mut seen = Visited::new((p.len() + 1) * width);
    let mut stack = vec![(0usize, 0usize)];
    while let Some((i, j)) = stack.pop() {
        if !seen.insert(i * width + j) {
            continue;
        }
        if i == p.len() && j == q.len() {
            return true;
        }
        match (p.get(i), q.get(j)) {
            (Some(Tok::Star), next) => {
                stack.push((i + 1, j));
                if next.is_some() {
                    stack.push((i, j + 1));
                }
            }
            (Some(Tok::One), Some(Tok::Lit(_) | Tok::One)) => stack.push((i + 1, j + 1)),
            (Some(Tok::Lit(c)), Some(Tok::Lit(d))) if c == d => stack.push((i + 1, j + 1)),
            // A variable in the pattern cannot be relied on to match anything.
            _ => {}
        }
    }
    false
}

/// Does an action pattern (e.g. `iam:Create*`, `s3:Get?bject`, `*`) match
/// `action`? Case-insensitive. If `action` itself contains wildcards, the
/// answer is whether the pattern matches every action it could name.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    Glob::action(pattern).covers(&Glob::action(action))
}

/// Does a resource pattern match `resource`? Case-sensitive (ARNs are);
/// `${...}` is treated as literal text here. Use `Statement::matches_resource`
/// to honour the policy's Version.
pub fn resource_matches(pattern: &str, resource: &str) -> bool {
    Glob::resource(pattern, false).covers(&Glob::resource(resource, false))
}

/// Whether an action pattern matches every action (`Glob::action(pattern).covers("*:*")`), answered
/// without tokenising for the usual `service:...` pattern: only a pattern starting with `*` or `?` can.
/// One starting with a literal character misses `":"` or `"a:a"` (whichever starts differently), and
/// both match `*:*`.
pub(super) fn action_pattern_matches_every_action(pattern: &str) -> bool {
    static EVERY_ACTION: LazyLock<Glob> = LazyLock::new(|| Glob::action("*:*"));
    pattern.starts_with(['*', '?']) && Glob::action_pattern(pattern).covers(&EVERY_ACTION)
}

/// `Glob::resource(pattern, vars).covers(&Glob::resource(query, vars))`, answered without tokenising
/// when the two are the same text without policy variables (a pattern covers itself; a variable
/// never counts as certainly matching, so texts with `${` take the automaton), or when the query is
/// plain text and the pattern's only wildcard is `*` (the usual Deny on `bucket/*` against an Allow
/// naming objects): a pattern covers one string exactly when it matches it; or when the pattern is
/// plain text (the Deny's bucket ARN against an Allow on `bucket/*`).
pub(super) fn resource_covers(pattern: &str, pattern_vars: bool, query: &str, query_vars: bool) -> bool {
    if pattern == query && !pattern.contains("${") {
        return true;
    }
    let has = |text: &str, special: &[u8]| text.bytes().any(|b| special.contains(&b));
    // `$` (a variable, or an escape such as `${*}`) takes the automaton whatever the version, except
    // that plain text, matching only itself, covers only itself.
    if !has(pattern, b"*?$") {
        return false;
    }
    if !has(query, b"*?$") && !has(pattern, b"?$") {
        return star_match(pattern.as_bytes(), query.as_bytes());
    }
    Glob::resource(pattern, pattern_vars).covers(&Glob::resource(query, query_vars))
}

/// Whether `pattern`, whose only wildcard is `*` (any run of characters), matches `text` exactly.
/// Greedy, retrying from the last `*` on a mismatch: linear in practice, |pattern|·|text| at worst.
/// Bytes compare like characters: a literal run after `*` starts at a character boundary, and UTF-8
/// never has a first byte equal to a continuation byte.
fn star_match(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    // The last `*` seen, and where in `text` its match currently ends.
    let mut retry: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                retry = Some((p, t));
                p += 1;
            }
            Some(&c) if c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match retry {
                // The star takes one more character and the rest is matched again after it.
                Some((star, end)) => {
                    retry = Some((star, end + 1));
                    p = star + 1;
                    t = end + 1;
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

/// `Glob::action(pattern).overlaps(query)`, answered without tokenising when it can be.
pub(super) fn action_overlaps(pattern: &str, query: &Glob) -> bool {
    if action_services_differ(pattern, query) {
        return false;
    }
    simple_action_match(pattern, query).unwrap_or_else(|| Glob::action_pattern(pattern).overlaps(query))
}

/// `Glob::action(pattern).covers(query)`, answered without tokenising when it can be.
pub(super) fn action_covers(pattern: &str, query: &Glob) -> bool {
    if action_services_differ(pattern, query) {
        return false;
    }
    simple_action_match(pattern, query).unwrap_or_else(|| Glob::action_pattern(pattern).covers(query))
}

/// `action_covers(pattern, &Glob::action(query))` for a query that is itself a pattern, when it can be
/// answered from the text alone: `pattern` is all stars, or literal text and one final `*` (`s3:*`,
/// `s3:Get*`) that `query` starts with as literal text, so every action `query` matches starts with it.
/// `None`: the automata must decide.
pub(super) fn action_covers_text(pattern: &str, query: &str) -> Option<bool> {
    if pattern_is_match_all(pattern) {
        return Some(true);
    }
    let prefix = pattern.strip_suffix('*').filter(|p| !p.contains(['*', '?']))?;
    // Equal to the wildcard-free prefix, the query's head is literal text too.
    query.get(..prefix.len())?.eq_ignore_ascii_case(prefix).then_some(true)
}

impl Statement {
    /// Whether the statement's Action/NotAction can apply to `action`
    /// (a name, or a pattern meaning "some action matching it"). Effect-agnostic.
    pub fn matches_action(&self, action: &str) -> bool {
        self.may_match_action(&Glob::action(action))
    }

    /// Allow statement whose Action (or NotAction complement) includes `action`.
    pub fn allows_action(&self, action: &str) -> bool {
        self.effect == Effect::Allow && self.matches_action(action)
    }

    /// Whether the statement's Resource/NotResource can apply to `resource`.
    /// An absent Resource element matches everything.
    pub fn matches_resource(&self, resource: &str) -> bool {
        self.may_match_resource(&Glob::resource(resource, false))
    }

    fn resource_glob(&self, pattern: &str) -> Glob {
        Glob::resource(pattern, self.policy_variables)
    }

    /// Some action matching `query` may be selected by this statement.
    pub(super) fn may_match_action(&self, query: &Glob) -> bool {
        let overlaps = |p: &Substr| action_overlaps(p, query);
        let covers = |p: &Substr| action_covers(p, query);
        match &self.actions {
            ActionSpec::Action(list) => list.iter().any(overlaps),
            ActionSpec::NotAction(list) => !list.iter().any(covers),
        }
    }

    /// Every action matching `query` is selected by this statement.
    pub(super) fn must_match_action(&self, query: &Glob) -> bool {
        let overlaps = |p: &Substr| action_overlaps(p, query);
        let covers = |p: &Substr| action_covers(p, query);
        match &self.actions {
            ActionSpec::Action(list) => list.iter().any(covers),
            ActionSpec::NotAction(list) => !list.iter().any(overlaps),
        }
    }

    /// Some string matches both; every pattern overlaps "any resource" (`*`).
    fn resource_overlaps(&self, pattern: &str, query: &Glob) -> bool {
        query.is_match_all() || self.resource_glob(pattern).overlaps(query)
    }

    /// Only an all-star pattern covers "any resource" (`*`).
    fn resource_covers(&self, pattern: &str, query: &Glob) -> bool {
        if query.is_match_all() {
            return pattern_is_match_all(pattern);
        }
        self.resource_glob(pattern).covers(query)
    }

    pub(super) fn may_match_resource(&self, query: &Glob) -> bool {
        match &self.resources {
            ResourceSpec::Resource(list) => list.iter().any(|p| self.resource_overlaps(p, query)),
            ResourceSpec::NotResource(list) => !list.iter().any(|p| self.resource_covers(p, query)),
            ResourceSpec::Unspecified => true,
        }
    }

    pub(super) fn must_match_resource(&self, query: &Glob) -> bool {
        match &self.resources {
            ResourceSpec::Resource(list) => list.iter().any(|p| self.resource_covers(p, query)),
            ResourceSpec::NotResource(list) => !list.iter().any(|p| self.resource_overlaps(p, query)),
            ResourceSpec::Unspecified => true,
        }
    }

    /// The Resource element literally grants `*` (not NotResource, not absent).
    pub(super) fn resource_is_star(&self) -> bool {
        matches!(&self.resources, ResourceSpec::Resource(list)
            if list.iter().any(|p| pattern_is_match_all(p)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::document::Policy;
    use super::*;

    #[test]
    fn action_wildcards_anywhere_case_insensitive() {
        assert!(action_matches("iam:Create*", "iam:CreatePolicyVersion"));
        assert!(action_matches("IAM:create*", "iam:CreatePolicyVersion"));
        assert!(action_matches("s3:Get?bject", "s3:GetObject"));
        assert!(action_matches("*", "s3:GetObject"));
        assert!(action_matches("*:*", "s3:GetObject"));
        assert!(action_matches("s3:*Object", "S3:PUTOBJECT"));
        assert!(action_matches("iam:*Policy*", "iam:AttachUserPolicy"));
        assert!(!action_matches("s3:Get?bject", "s3:GetObjectAcl"));
        assert!(!action_matches("iam:Create*", "iam:AttachUserPolicy"));
        assert!(!action_matches("s3:GetObject", "s3:*"));
        assert!(action_matches("s3:*", "s3:Get*"));
    }

    #[test]
    fn resources_case_sensitive() {
        assert!(resource_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key"));
        assert!(!resource_matches("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/key"));
        assert!(resource_matches("*", "arn:aws:s3:::bucket"));
        assert!(!resource_matches("arn:aws:iam::?????????????:role/*", "arn:aws:iam::123456789012:role/x"));
        assert!(resource_matches("arn:aws:iam::????????????:role/*", "arn:aws:iam::123456789012:role/x"));
    }

    #[test]
    fn overlap_and_cover() {
        let g = Glob::action;
        assert!(g("s3:Get*").overlaps(&g("*Object")));
        assert!(!g("s3:Get*").overlaps(&g("iam:*")));
        assert!(g("s3:*").covers(&g("s3:Get*")));
        assert!(!g("s3:Get*").covers(&g("s3:*")));
        assert!(g("*").covers(&g("*")));
        assert!(!g("?").covers(&g("*")));
        assert!(g("a*b*c").overlaps(&g("*b*")));
    }

    #[test]
    fn policy_variables_only_in_2012() {
        let doc = |version: &str| {
            Policy::parse_str(&format!(
                r#"{{"Version":"{version}","Statement":{{"Effect":"Allow","Action":"s3:*",
                "Resource":"arn:aws:s3:::home/${{aws:username}}/*"}}}}"#
            ))
            .expect("valid")
        };
        let modern = doc("2012-10-17");
        let legacy = doc("2008-10-17");
        let st_modern = &modern.statements[0];
        let st_legacy = &legacy.statements[0];
        assert!(st_modern.matches_resource("arn:aws:s3:::home/alice/file"));
        assert!(!st_legacy.matches_resource("arn:aws:s3:::home/alice/file"));
        assert!(st_legacy.matches_resource("arn:aws:s3:::home/${aws:username}/file"));
        // A variable never makes a Deny certain.
        assert!(!st_modern.must_match_resource(&Glob::resource("arn:aws:s3:::home/alice/file", false)));
    }

    #[test]
    fn literal_escapes_in_variables() {
        assert_eq!(
            tokenize("${*}${?}${$}${aws:username}", false, true),
            vec![Tok::Lit('*'), Tok::Lit('?'), Tok::Lit('$'), Tok::Var]
        );
        // Without variables the text is literal and `*` is still a wildcard.
        assert_eq!(tokenize("${*}", false, false), vec![Tok::Lit('$'), Tok::Lit('{'), Tok::Star, Tok::Lit('}')]);
        // An unterminated `${` is literal text.
        assert_eq!(tokenize("${a", false, true), vec![Tok::Lit('$'), Tok::Lit('{'), Tok::Lit('a')]);
        assert!(!Glob::resource("arn:x:${*}", true).overlaps(&Glob::resource("arn:x:y", false)));
    }

    #[test]
    fn not_action_is_honoured() {
        let p =
            Policy::parse_str(r#"{"Statement":{"Effect":"Allow","NotAction":["iam:*","s3:Delete*"],"Resource":"*"}}"#)
                .expect("valid");
        let st = &p.statements[0];
        assert!(st.allows_action("ec2:RunInstances"));
        assert!(st.allows_action("s3:GetObject"));
        assert!(!st.allows_action("iam:PassRole"));
        assert!(!st.allows_action("S3:DeleteBucket"));
    }

    #[test]
    fn not_resource_is_honoured() {
        let p = Policy::parse_str(
            r#"{"Statement":{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}}"#,
        )
        .expect("valid");
        let st = &p.statements[0];
        assert!(st.matches_resource("arn:aws:s3:::public/x"));
        assert!(!st.matches_resource("arn:aws:s3:::secret/x"));
        assert!(st.matches_resource("*"), "some resource is still granted");
    }

    #[test]
    fn fast_paths_agree_with_the_automata() {
        let patterns = ["s3:Get*", "iam:PassRole", "IAM:Pass*", "*", "s?:*", "*:PassRole", "ec2", "", "iam:", ":x"];
        let queries = ["iam:PassRole", "s3:GetObject", "iam:*", "*", "s3:*", "Iam:passrole", "sts:AssumeRole"];
        for p in patterns {
            for q in queries {
                let qg = Glob::action(q);
                if action_services_differ(p, &qg) {
                    assert!(!Glob::action(p).overlaps(&qg), "{p} vs {q}");
                    assert!(!Glob::action(p).covers(&qg), "{p} vs {q}");
                }
            }
        }
        let more = [
            "iam:PassRole",
            "IAM:pass*",
            "iam:Pass",
            "iam:*Role",
            "s3:Get*Object",
            "iam:PassRole*",
            "*",
            "ÉC2:*",
            "éc2:Ré*",
        ];
        for p in patterns.iter().chain(&more) {
            for q in queries.iter().chain(&["iam:passrolex", "iam:pass", "i", "éc2:Réboot", "ÉC2:x", "ec2:Reboot"]) {
                let (pg, qg) = (Glob::action(p), Glob::action(q));
                assert_eq!(action_overlaps(p, &qg), pg.overlaps(&qg), "{p} overlaps {q}");
                assert_eq!(action_covers(p, &qg), pg.covers(&qg), "{p} covers {q}");
            }
        }
        for p in patterns.iter().chain(&more).chain(&["s3*", "S3:GET*", "**"]) {
            for q in queries.iter().chain(&more).chain(&["s3:Get*", "s3:G?t*", "s*", "s3", "s3:GetObject*"]) {
                if let Some(covers) = action_covers_text(p, q) {
                    assert_eq!(covers, Glob::action(p).covers(&Glob::action(q)), "{p} covers {q}");
                }
            }
        }
        let every = Glob::action("*:*");
        for p in patterns.iter().chain(&more).chain(&["?*", "?", "**", "*:*", "?:*", "*:?*", ":*", "a*"]) {
            assert_eq!(action_pattern_matches_every_action(p), Glob::action(p).covers(&every), "{p} covers *:*");
            assert_eq!(pattern_is_match_all(p), Glob::action(p).is_match_all(), "{p} is all stars");
        }
        let resources = [
            "arn:aws:s3:::b/*",
            "arn:aws:s3:::b",
            "*",
            "a?c",
            "",
            "arn:aws:s3:::${aws:username}/*",
            "arn:*:s3:::b*",
            "arn:aws:s3:::b/x/y",
            "arn:aws:s3:::b/*/y",
            "*b*b*",
            "arn:aws:s3:::bb",
            "arn:aws:s3:::b${*}",
            "arn:aws:s3:::b*",
            "ärn:*:ß/*é",
            "ärn:x:ß/yé",
            "ärn:x:ß/é",
            "a**c",
            "abbc",
        ];
        for p in resources {
            for q in resources {
                for (pv, qv) in [(false, false), (true, true), (true, false), (false, true)] {
                    let automaton = Glob::resource(p, pv).covers(&Glob::resource(q, qv));
                    assert_eq!(resource_covers(p, pv, q, qv), automaton, "{p} covers {q} ({pv}, {qv})");
                }
            }
        }
        let any = Glob::resource("*", false);
        for p in ["*", "**", "arn:aws:s3:::b/*", "", "${aws:username}", "${*}", "?"] {
            for vars in [false, true] {
                let g = Glob::resource(p, vars);
                assert!(g.overlaps(&any), "{p}");
                assert_eq!(g.covers(&any), pattern_is_match_all(p), "{p} vars={vars}");
                assert_eq!(g.is_match_all(), pattern_is_match_all(p), "{p} vars={vars}");
            }
        }
    }

    #[test]
    fn long_inputs_terminate() {
        let long = "a*".repeat(500);
        assert!(Glob::action(&long).overlaps(&Glob::action(&"a".repeat(800))));
        assert!(!Glob::action(&long).covers(&Glob::action("b")));
    }
}
