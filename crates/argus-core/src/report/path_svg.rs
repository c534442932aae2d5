//! An attack path drawn as an inline SVG for the HTML report: one box per hop, left to right, and an
//! arrow between each two labelled with what makes the hop. Computed here, with no script, no font
//! and no reference to anything outside the element (no `url(…)`, no `<use href>`), so the report's
//! Content-Security-Policy stays `default-src 'none'`.
//!
//! Every string comes from the account (or from a findings file) and is written through [`text`],
//! which escapes markup in text nodes and attribute values alike and replaces control and
//! bidirectional-override characters. Labels longer than a box are cut; the full text is the
//! element's `<title>` (the browser's tooltip). The CSS classes are fixed words chosen here, never
//! account data.

use crate::engine::{AttackPath, PathEdge, PathHop};
use std::fmt::Write;

/// Geometry in SVG user units (CSS pixels at 100 %).
const BOX_WIDTH: usize = 168;
const BOX_HEIGHT: usize = 46;
const GAP: usize = 150;
const MARGIN: usize = 4;
const HEIGHT: usize = BOX_HEIGHT + 2 * MARGIN;
/// Characters of a hop's name and of an edge's labels that fit their space at the report's font
/// sizes (12 px bold, 11 px).
const NAME_CHARS: usize = 21;
const EDGE_CHARS: usize = 23;

/// The SVG of one path. A path whose edges and hops do not line up (a hand-edited findings file)
/// draws the hops its edges connect.
pub fn render(path: &AttackPath) -> String {
    let hops: &[PathHop] = &path.hops[..path.hops.len().min(path.edges.len() + 1)];
    let n = hops.len();
    let width = 2 * MARGIN + n * BOX_WIDTH + n.saturating_sub(1) * GAP;
    let mut out = String::with_capacity(600 + n * 700);
    let _ = write!(
        out,
        r#"<svg class="attack-path" data-testid="attack-path" role="img" viewBox="0 0 {width} {HEIGHT}" width="{width}" height="{HEIGHT}">"#
    );
    out.push_str("<title>");
    for (i, hop) in hops.iter().enumerate() {
        if i > 0 {
            out.push_str(" → ");
        }
        text(&mut out, &hop_words(hop), usize::MAX);
    }
    out.push_str("</title>");
    for (i, hop) in hops.iter().enumerate() {
        draw_hop(&mut out, hop, MARGIN + i * (BOX_WIDTH + GAP));
    }
    for (i, edge) in path.edges.iter().take(n.saturating_sub(1)).enumerate() {
        draw_edge(&mut out, edge, MARGIN + i * (BOX_WIDTH + GAP) + BOX_WIDTH);
    }
    out.push_str("</svg>");
    out
}

/// A fixed CSS class for a hop's kind; any other kind (say from a newer argus) is plain `node`.
fn hop_class(kind: &str) -> &'static str {
    match kind {
        "internet" | "any_account" | "account" => "outside",
        "user" | "role" => "principal",
        "instance" | "function" => "workload",
        "database" | "bucket" | "secret" | "kms_key" => "data",
        "admin" => "admin",
        "action" => "action",
        _ => "node",
    }
}

/// The kind as words (`kms key`), shown above the name unless it says the same (`internet`).
fn kind_words(kind: &str) -> String {
    kind.replace('_', " ")
}

/// `role web-app (arn:aws:iam::…)`, for titles.
fn hop_words(hop: &PathHop) -> String {
    let kind = kind_words(&hop.kind);
    let mut words =
        if kind.eq_ignore_ascii_case(&hop.name) { hop.name.clone() } else { format!("{kind} {}", hop.name) };
    if !hop.arn.is_empty() && hop.arn != hop.name {
        let _ = write!(words, " ({})", hop.arn);
    }
    words
}

fn draw_hop(out: &mut String, hop: &PathHop, x: usize) {
    let kind = kind_words(&hop.kind);
    let centre = x + BOX_WIDTH / 2;
    let _ = write!(out, r#"<g class="hop {}" data-testid="path-hop"><title>"#, hop_class(&hop.kind));
    text(out, &hop_words(hop), usize::MAX);
    let _ =
        write!(out, r#"</title><rect x="{x}" y="{MARGIN}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="6"></rect>"#);
    if kind.eq_ignore_ascii_case(&hop.name) {
        let _ = write!(out, r#"<text class="name" x="{centre}" y="{}" text-anchor="middle">"#, MARGIN + 28);
    } else {
        let _ = write!(out, r#"<text class="kind" x="{centre}" y="{}" text-anchor="middle">"#, MARGIN + 17);
        text(out, &kind, NAME_CHARS);
        let _ = write!(out, r#"</text><text class="name" x="{centre}" y="{}" text-anchor="middle">"#, MARGIN + 35);
    }
    text(out, &hop.name, NAME_CHARS);
    out.push_str("</text></g>");
}

/// The arrow from the box ending at `x` to the next, with the action above it and the method (or
/// the first granting statement) below.
fn draw_edge(out: &mut String, edge: &PathEdge, x: usize) {
    let y = MARGIN + BOX_HEIGHT / 2;
    let (start, end) = (x + 4, x + GAP - 4);
    let centre = x + GAP / 2;
    let class = match (edge.missing.is_some(), edge.conditional) {
        (true, _) => "edge unknown",
        (false, true) => "edge conditional",
        (false, false) => "edge",
    };
    let _ = write!(out, r#"<g class="{class}" data-testid="path-edge"><title>"#);
    text(out, &edge_words(edge), usize::MAX);
    let _ = write!(
        out,
        r#"</title><line x1="{start}" y1="{y}" x2="{}" y2="{y}"></line><polygon points="{end},{y} {},{} {},{}"></polygon>"#,
        end - 8,
        end - 9,
        y - 5,
        end - 9,
        y + 5
    );
    let _ = write!(out, r#"<text class="via" x="{centre}" y="{}" text-anchor="middle">"#, y - 7);
    text(out, &edge.via, EDGE_CHARS);
    out.push_str("</text>");
    let below = match (&edge.missing, &edge.method, edge.grants.as_slice()) {
        (Some(_), _, _) => Some("not read: see title".to_string()),
        (None, Some(method), _) => Some(method.clone()),
        (None, None, [first]) => Some(first.clone()),
        (None, None, [first, rest @ ..]) => Some(format!("{first} +{}", rest.len())),
        (None, None, []) => None,
    };
    if let Some(below) = below {
        let _ = write!(out, r#"<text class="grant" x="{centre}" y="{}" text-anchor="middle">"#, y + 15);
        text(out, &below, EDGE_CHARS);
        out.push_str("</text>");
    }
    out.push_str("</g>");
}

/// Everything about an edge, for its title.
fn edge_words(edge: &PathEdge) -> String {
    let mut words = edge.via.clone();
    if let Some(method) = &edge.method {
        let _ = write!(words, " ({method})");
    }
    if !edge.grants.is_empty() {
        let _ = write!(words, "; granted by {}", edge.grants.join(", "));
    }
    if edge.conditional {
        words.push_str("; conditional: verify the Condition, resource or Deny");
    }
    if let Some(missing) = &edge.missing {
        let _ = write!(words, "; could not be decided: {missing}");
    }
    words
}

/// Appends `s`, cut to `max` characters (the last one `…`), escaped for a text node or a quoted
/// attribute value; control and bidirectional-formatting characters become U+FFFD.
fn text(out: &mut String, s: &str, max: usize) {
    let cut = s.chars().nth(max).is_some();
    let keep = if cut { max.saturating_sub(1) } else { usize::MAX };
    for c in s.chars().take(keep) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c if c.is_control() || is_bidi_format(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    if cut {
        out.push('…');
    }
}

/// Characters that reorder the text around them (a name could make the label read backwards).
fn is_bidi_format(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "</svg><script>alert(1)</script><img src=x onerror=alert(2)>\"'&";

    fn hop(kind: &str, name: &str) -> PathHop {
        PathHop { kind: kind.into(), name: name.into(), arn: String::new() }
    }

    fn edge(via: &str) -> PathEdge {
        PathEdge { via: via.into(), method: None, grants: vec![], conditional: false, missing: None }
    }

    /// A path of `n` hops: internet, then users `u1`…
    fn path(n: usize) -> AttackPath {
        let mut hops = vec![hop("internet", "internet")];
        hops.extend((1..n).map(|i| hop("user", &format!("u{i}"))));
        AttackPath { hops, edges: (1..n).map(|i| edge(&format!("step {i}"))).collect() }
    }

    fn count(svg: &str, needle: &str) -> usize {
        svg.matches(needle).count()
    }

    #[test]
    fn lays_out_one_box_per_hop_left_to_right() {
        let rect = regex::Regex::new(r#"<rect x="(\d+)""#).unwrap();
        let line = regex::Regex::new(r#"<line x1="(\d+)" y1="\d+" x2="(\d+)""#).unwrap();
        for n in 1..=7 {
            let svg = render(&path(n));
            assert_eq!(count(&svg, r#"data-testid="path-hop""#), n, "{svg}");
            assert_eq!(count(&svg, r#"data-testid="path-edge""#), n - 1, "{svg}");
            let width = 2 * MARGIN + n * BOX_WIDTH + (n - 1) * GAP;
            assert!(svg.starts_with(&format!(
                r#"<svg class="attack-path" data-testid="attack-path" role="img" viewBox="0 0 {width} {HEIGHT}" width="{width}""#
            )));
            let xs: Vec<usize> = rect.captures_iter(&svg).map(|c| c[1].parse().unwrap()).collect();
            assert_eq!(xs, (0..n).map(|i| MARGIN + i * (BOX_WIDTH + GAP)).collect::<Vec<_>>());
            assert!(xs.last().unwrap() + BOX_WIDTH + MARGIN == width, "the last box ends at the margin");
            // Each arrow spans the gap after its box.
            let lines: Vec<(usize, usize)> =
                line.captures_iter(&svg).map(|c| (c[1].parse().unwrap(), c[2].parse().unwrap())).collect();
            for (i, (x1, x2)) in lines.iter().enumerate() {
                assert!(xs[i] + BOX_WIDTH < *x1 && x2 < &xs[i + 1], "arrow {i} between boxes {i} and {}", i + 1);
            }
            assert!(svg.ends_with("</svg>"));
        }
    }

    #[test]
    fn hostile_names_stay_text_in_labels_and_titles() {
        let mut p = path(3);
        p.hops[1].name = HOSTILE.into();
        p.hops[1].arn = format!("arn:{HOSTILE}");
        p.hops[2].kind = HOSTILE.into();
        p.edges[0] = PathEdge {
            via: HOSTILE.into(),
            method: Some(HOSTILE.into()),
            grants: vec![HOSTILE.into()],
            conditional: true,
            missing: Some(HOSTILE.into()),
        };
        p.edges[1].grants = vec![HOSTILE.into(), "b".into()];
        let svg = render(&p);
        for raw in ["</svg><", "<script", "<img", "onerror=alert(2)>", "\"'&"] {
            assert!(!svg.contains(raw), "{raw} unescaped in {svg}");
        }
        assert_eq!(count(&svg, "</svg>"), 1);
        assert_eq!(count(&svg, "<svg"), 1);
        // Every tag is one of the renderer's own, every attribute value a fixed word or a number.
        let tags = regex::Regex::new(r"<(/?)([a-z]+)([^>]*)>").unwrap();
        let attrs = regex::Regex::new(r#"^( [a-zA-Z0-9-]+="[a-z0-9 ,.-]*")*$"#).unwrap();
        for t in tags.captures_iter(&svg) {
            assert!(["svg", "title", "g", "rect", "text", "line", "polygon"].contains(&&t[2]), "{}", &t[0]);
            assert!(attrs.is_match(&t[3]), "attributes of {}", &t[0]);
        }
        // The full hostile text is in the titles, escaped.
        let escaped =
            "&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#x27;&amp;";
        assert!(svg.contains(&format!("<title>user {escaped} (arn:{escaped})</title>")), "{svg}");
        assert!(svg.contains(r#"<g class="hop node""#), "an unknown kind gets the plain class");
        assert!(svg.contains(r#"<g class="edge unknown""#) && svg.contains(r#"<g class="edge""#));
    }

    #[test]
    fn control_and_bidi_characters_are_replaced() {
        let mut p = path(2);
        p.hops[1].name = "a\u{1b}[31mb\u{7}\u{9b}c\u{202E}d\ne".into();
        let svg = render(&p);
        assert!(svg.contains("a\u{FFFD}[31mb\u{FFFD}\u{FFFD}c\u{FFFD}d\u{FFFD}e"), "{svg}");
        assert!(!svg.chars().any(|c| c.is_control() || is_bidi_format(c)));
    }

    #[test]
    fn long_labels_are_cut_with_the_full_text_in_the_title() {
        let long = "arn:aws:iam::123456789012:role/a-very-long-role-name-indeed";
        let mut p = path(2);
        p.hops[1].name = long.into();
        p.edges[0].via = format!("iam:PassRole + lambda:CreateFunction on {long}");
        let svg = render(&p);
        let labels: Vec<String> = regex::Regex::new(r#"<text class="(?:name|via)"[^>]*>([^<]*)</text>"#)
            .unwrap()
            .captures_iter(&svg)
            .map(|c| c[1].to_string())
            .collect();
        assert_eq!(labels, ["internet", "arn:aws:iam::1234567…", "iam:PassRole + lambda:…"]);
        assert!(labels.iter().all(|l| l.chars().count() <= EDGE_CHARS));
        assert!(svg.contains(&format!("<title>user {long}</title>")));
        assert!(svg.contains(&format!("<title>iam:PassRole + lambda:CreateFunction on {long}</title>")));
        // A label of exactly the limit is kept whole.
        let mut exact = path(2);
        exact.hops[1].name = "x".repeat(NAME_CHARS);
        assert!(render(&exact).contains(&format!(">{}</text>", "x".repeat(NAME_CHARS))));
    }

    #[test]
    fn edge_labels_say_the_method_or_the_grant() {
        let mut p = path(4);
        p.edges[0].method = Some("iam-002".into());
        p.edges[0].grants = vec!["keys (inline) Keys".into()];
        p.edges[1].grants = vec!["AdministratorAccess All".into()];
        p.edges[2].grants = vec!["a #0".into(), "b #1".into(), "c #2".into()];
        let svg = render(&p);
        let below: Vec<String> = regex::Regex::new(r#"<text class="grant"[^>]*>([^<]*)</text>"#)
            .unwrap()
            .captures_iter(&svg)
            .map(|c| c[1].to_string())
            .collect();
        assert_eq!(below, ["iam-002", "AdministratorAccess All", "a #0 +2"]);
        assert!(svg.contains("<title>step 1 (iam-002); granted by keys (inline) Keys</title>"));
    }

    #[test]
    fn mismatched_hops_and_edges_draw_what_connects() {
        let mut p = path(3);
        p.edges.pop();
        let svg = render(&p);
        assert_eq!((count(&svg, r#"data-testid="path-hop""#), count(&svg, r#"data-testid="path-edge""#)), (2, 1));
        let empty = AttackPath { hops: vec![], edges: vec![edge("x")] };
        assert_eq!(count(&render(&empty), "<g"), 0);
    }

    #[test]
    fn a_drawn_path_matches_its_snapshot() {
        let svg = render(&AttackPath {
            hops: vec![
                PathHop { kind: "user".into(), name: "dev".into(), arn: "arn:aws:iam::123456789012:user/dev".into() },
                PathHop {
                    kind: "user".into(),
                    name: format!("boss{HOSTILE}"),
                    arn: "arn:aws:iam::123456789012:user/boss".into(),
                },
                hop("admin", "admin"),
            ],
            edges: vec![
                PathEdge {
                    via: "iam:CreateAccessKey on user boss".into(),
                    method: Some("iam-002".into()),
                    grants: vec!["keys (inline) Keys".into()],
                    conditional: true,
                    missing: None,
                },
                PathEdge {
                    via: "holds administrator access".into(),
                    method: None,
                    grants: vec!["AdministratorAccess All".into()],
                    conditional: false,
                    missing: None,
                },
            ],
        });
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../../snapshots/reports");
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!("attack_path_svg", svg.replace("><", ">\n<")));
    }
}
