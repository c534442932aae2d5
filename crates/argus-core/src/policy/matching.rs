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

use std::sync::LazyLock;

use super::document::{ActionSpec, Pattern, ResourceSpec, Statement};

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
    toks: Box<[Tok]>,
}

impl Glob {
    /// An action pattern or action name (case-insensitive, no variables).
    pub(super) fn action(pattern: &str) -> Glob {
        Glob { toks: tokenize(pattern, true, false).into_boxed_slice() }
    }

    /// A resource pattern; `variables` when the policy is Version 2012-10-17.
    pub(super) fn resource(pattern: &str, variables: bool) -> Glob {
        Glob { toks: tokenize(pattern, false, variables).into_boxed_slice() }
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

/// Work one comparison of two patterns may spend searching for segments before it gives the cautious
/// answer (see [`glob_match`]). Real patterns never come near it: their segments are short and found
/// at once; only a hostile document (thousands of `a` then a `b`, against thousands of `a`) does.
const SEARCH_BUDGET: usize = 1 << 24;

/// Whether `pattern` matches all of `text`, both token lists: `is_star(t)` says which pattern tokens
/// match any run of text tokens, and `fits(p, t)` whether pattern token `p` (not a star) matches text
/// token `t`. `None` when the answer would cost more than [`SEARCH_BUDGET`].
///
/// The pattern is cut at its stars into segments: the first must match the start of the text, the last
/// its end, and each one between them is matched where it first fits after the one before (placing a
/// segment as early as possible never loses a match that a later place would allow). Each step moves
/// forward in the text: linear in the two lengths except when a segment search keeps failing late,
/// which the budget bounds.
fn glob_match(pattern: &[Tok], text: &[Tok], is_star: fn(&Tok) -> bool, fits: fn(&Tok, &Tok) -> bool) -> Option<bool> {
    let all_fit = |segment: &[Tok], at: &[Tok]| segment.iter().zip(at).all(|(p, t)| fits(p, t));
    let mut segments = pattern.split(is_star);
    let first = segments.next().unwrap_or_default();
    let Some(last) = segments.next_back() else {
        // No star: the pattern matches the text token for token.
        return Some(first.len() == text.len() && all_fit(first, text));
    };
    if first.len() + last.len() > text.len()
        || !all_fit(first, text)
        || !all_fit(last, &text[text.len() - last.len()..])
    {
        return Some(false);
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    let mut budget = SEARCH_BUDGET;
    for segment in segments.filter(|s| !s.is_empty()) {
        let mut at = 0;
        loop {
            if at + segment.len() > rest.len() {
                return Some(false);
            }
            budget = budget.checked_sub(segment.len())?;
            if all_fit(segment, &rest[at..]) {
                break;
            }
            at += 1;
        }
        rest = &rest[at + segment.len()..];
    }
    Some(true)
}

fn star_like(t: &Tok) -> bool {
    matches!(t, Tok::Star | Tok::Var)
}

/// Some character matches both tokens (neither a star).
fn compatible(a: &Tok, b: &Tok) -> bool {
    match (a, b) {
        (Tok::Lit(c), Tok::Lit(d)) => c == d,
        _ => true,
    }
}

/// Is there a string matched by both `a` and `b`? A variable may stand for anything, like a star.
/// When both have a star, a string can start with the longer of their heads (before the first star),
/// hold every middle segment of both, and end with the longer of their tails: they overlap exactly when
/// their heads agree where both have a character, and their tails likewise. When only one has a star,
/// it must match some string of the other's shape. Too costly to decide: yes (may grant).
fn overlap(a: &[Tok], b: &[Tok]) -> bool {
    let agree = |x: &[Tok], y: &[Tok]| x.iter().zip(y).all(|(p, q)| compatible(p, q));
    let agree_at_end = |x: &[Tok], y: &[Tok]| x.iter().rev().zip(y.iter().rev()).all(|(p, q)| compatible(p, q));
    match (a.iter().position(star_like), b.iter().position(star_like)) {
        (Some(a_star), Some(b_star)) => {
            let a_tail = &a[a.iter().rposition(star_like).map_or(0, |i| i + 1)..];
            let b_tail = &b[b.iter().rposition(star_like).map_or(0, |i| i + 1)..];
            agree(&a[..a_star], &b[..b_star]) && agree_at_end(a_tail, b_tail)
        }
        (Some(_), None) => glob_match(a, b, star_like, compatible).unwrap_or(true),
        (None, Some(_)) => glob_match(b, a, star_like, compatible).unwrap_or(true),
        (None, None) => a.len() == b.len() && agree(a, b),
    }
}

/// Does pattern `p` match every string matched by `q`? `q`'s tokens are read as text: a star of `p`
/// absorbs any run of them, `?` any one character (not a star or variable of `q`, which may stand for
/// several), a literal only itself, and a variable of `p` nothing it can be relied on to match. Sound,
/// not complete (`a?*` covers `a*?`, which this answers no): when it says yes it is right. Too costly
/// to decide: no (a Deny then counts for less, never hiding an Allow).
fn cover(p: &[Tok], q: &[Tok]) -> bool {
    let fits = |pt: &Tok, qt: &Tok| match (pt, qt) {
        (Tok::One, Tok::Lit(_) | Tok::One) => true,
        (Tok::Lit(c), Tok::Lit(d)) => c == d,
        _ => false,
    };
    glob_match(p, q, |t| *t == Tok::Star, fits).unwrap_or(false)
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

/// Can some resource match both patterns? Case-sensitive; `${...}` is literal text. E.g. whether a
/// Resource pattern can name something under a prefix: `resource_patterns_overlap(p, "runtime/*")`.
pub fn resource_patterns_overlap(a: &str, b: &str) -> bool {
    Glob::resource(a, false).overlaps(&Glob::resource(b, false))
}

impl Statement {
    /// Whether the statement's Action/NotAction can apply to `action`
    /// (a name, or a pattern meaning "some action matching it"). Effect-agnostic.
    pub fn matches_action(&self, action: &str) -> bool {
        self.may_match_action(&Glob::action(action))
    }

    /// Whether the statement's Resource/NotResource can apply to `resource`.
    /// An absent Resource element matches everything.
    pub fn matches_resource(&self, resource: &str) -> bool {
        self.may_match_resource(&Glob::resource(resource, false))
    }

    /// Some action matching `query` may be selected by this statement.
    pub(super) fn may_match_action(&self, query: &Glob) -> bool {
        match &self.actions {
            ActionSpec::Action(list) => list.iter().any(|p| p.glob().overlaps(query)),
            ActionSpec::NotAction(list) => !list.iter().any(|p| p.glob().covers(query)),
        }
    }

    /// Every action matching `query` is selected by this statement.
    pub(super) fn must_match_action(&self, query: &Glob) -> bool {
        match &self.actions {
            ActionSpec::Action(list) => list.iter().any(|p| p.glob().covers(query)),
            ActionSpec::NotAction(list) => !list.iter().any(|p| p.glob().overlaps(query)),
        }
    }

    /// Some string matches both; every pattern overlaps "any resource" (`*`).
    fn resource_overlaps(&self, pattern: &Pattern, query: &Glob) -> bool {
        query.is_match_all() || pattern.glob().overlaps(query)
    }

    /// Only an all-star pattern covers "any resource" (`*`).
    fn resource_covers(&self, pattern: &Pattern, query: &Glob) -> bool {
        if query.is_match_all() {
            return pattern.glob().is_match_all();
        }
        pattern.glob().covers(query)
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
            if list.iter().any(|p| p.glob().is_match_all()))
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
    fn resource_patterns_overlap_when_one_string_matches_both() {
        assert!(resource_patterns_overlap("*prod-*", "runtime/*"));
        assert!(resource_patterns_overlap("runtime/a?c", "runtime/*"));
        assert!(!resource_patterns_overlap("?orkload-identity-directory/*", "runtime*"));
        assert!(!resource_patterns_overlap("Runtime/*", "runtime*"));
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
        assert!(st.matches_action("ec2:RunInstances"));
        assert!(st.matches_action("s3:GetObject"));
        assert!(!st.matches_action("iam:PassRole"));
        assert!(!st.matches_action("S3:DeleteBucket"));
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

    /// Whether some string matches both, by searching the product of the two patterns' positions:
    /// slow, plainly right.
    fn reference_overlap(a: &[Tok], b: &[Tok]) -> bool {
        let star = |t: Option<&Tok>| matches!(t, Some(Tok::Star | Tok::Var));
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![(0, 0)];
        while let Some((i, j)) = stack.pop() {
            if !seen.insert((i, j)) {
                continue;
            }
            if i == a.len() && j == b.len() {
                return true;
            }
            let (ta, tb) = (a.get(i), b.get(j));
            if star(ta) {
                stack.push((i + 1, j));
                if tb.is_some() {
                    stack.push((i, j + 1));
                }
            }
            if star(tb) {
                stack.push((i, j + 1));
                if ta.is_some() {
                    stack.push((i + 1, j));
                }
            }
            if let (Some(x), Some(y)) = (ta, tb) {
                if !star(ta) && !star(tb) && compatible(x, y) {
                    stack.push((i + 1, j + 1));
                }
            }
        }
        false
    }

    /// The alignment `cover` decides, by the same product search.
    fn reference_cover(p: &[Tok], q: &[Tok]) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![(0, 0)];
        while let Some((i, j)) = stack.pop() {
            if !seen.insert((i, j)) {
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
                _ => {}
            }
        }
        false
    }

    /// A pattern as a regular expression: `*` any run, `?` one character, the rest literal.
    fn glob_regex(pattern: &str, case_insensitive: bool) -> regex::Regex {
        let body: String = pattern
            .chars()
            .map(|c| match c {
                '*' => ".*".to_string(),
                '?' => ".".to_string(),
                c => regex::escape(&c.to_string()),
            })
            .collect();
        let flags = if case_insensitive { "(?si)" } else { "(?s)" };
        regex::Regex::new(&format!("{flags}^{body}$")).expect("a valid expression")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]

        /// Against plain text, matching agrees with the pattern's regular expression.
        #[test]
        fn matching_agrees_with_a_regular_expression(pattern in "[abAB:*?é]{0,12}", text in "[abAB:é]{0,12}") {
            let ascii_lower = |s: &str| s.chars().map(|c| c.to_ascii_lowercase()).collect::<String>();
            proptest::prop_assert_eq!(
                resource_matches(&pattern, &text),
                glob_regex(&pattern, false).is_match(&text),
                "resource {} / {}", pattern, text
            );
            // Actions compare ASCII case-insensitively.
            proptest::prop_assert_eq!(
                action_matches(&pattern, &text),
                glob_regex(&ascii_lower(&pattern), false).is_match(&ascii_lower(&text)),
                "action {} / {}", pattern, text
            );
        }

        /// Between patterns (with policy variables), overlapping and covering agree with the product search.
        #[test]
        fn pattern_relations_agree_with_the_product_search(
            a in "([ab*?]|\\$\\{x\\}|\\$\\{\\*\\}){0,10}",
            b in "([ab*?]|\\$\\{x\\}){0,10}",
        ) {
            let (ga, gb) = (Glob::resource(&a, true), Glob::resource(&b, true));
            proptest::prop_assert_eq!(ga.overlaps(&gb), reference_overlap(&ga.toks, &gb.toks), "{} overlaps {}", a, b);
            proptest::prop_assert_eq!(gb.overlaps(&ga), reference_overlap(&gb.toks, &ga.toks), "{} overlaps {}", b, a);
            proptest::prop_assert_eq!(ga.covers(&gb), reference_cover(&ga.toks, &gb.toks), "{} covers {}", a, b);
            proptest::prop_assert_eq!(gb.covers(&ga), reference_cover(&gb.toks, &ga.toks), "{} covers {}", b, a);
        }
    }

    #[test]
    fn long_patterns_against_long_patterns_take_linear_time() {
        let n = 200_000;
        let (stars, stars_then_b) =
            (Glob::resource(&"a*".repeat(n), false), Glob::resource(&format!("{}b", "a*".repeat(n)), false));
        assert!(!stars_then_b.covers(&stars));
        assert!(stars.covers(&stars_then_b));
        assert!(stars.overlaps(&stars_then_b));
        let marks = Glob::resource(&format!("{}c", "?a*".repeat(n)), false);
        assert!(!marks.overlaps(&Glob::resource(&format!("{}b", "a".repeat(3 * n)), false)));
    }

    #[test]
    fn a_search_past_the_budget_gives_the_cautious_answer() {
        // Each of the text's positions fails only at the segment's last character.
        let segment = format!("{}b", "a".repeat(10_000));
        let pattern = Glob::resource(&format!("*{segment}*"), false);
        let text = Glob::resource(&"a".repeat(20_000), false);
        assert!(!pattern.covers(&text), "not certain: no");
        assert!(pattern.overlaps(&text), "may match: yes");
        // Short of the budget the answers are exact.
        let text = Glob::resource(&format!("{segment}{}", "a".repeat(10_000)), false);
        assert!(pattern.covers(&text) && pattern.overlaps(&text));
    }

    #[test]
    fn long_inputs_terminate() {
        let long = "a*".repeat(500);
        assert!(Glob::action(&long).overlaps(&Glob::action(&"a".repeat(800))));
        assert!(!Glob::action(&long).covers(&Glob::action("b")));
    }
}
