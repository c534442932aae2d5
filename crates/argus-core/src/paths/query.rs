//! The answers of `argus who-can` and `argus reach`: one row per path, as a terminal table (every
//! account string escaped) or as JSON.

use super::{Edge, Grant, Graph, Node, Path};
use crate::report::terminal_safe;
use serde::Serialize;

/// One path as JSON: where it starts, every hop with the node it reaches, and its state.
#[derive(Serialize)]
struct PathView<'a> {
    from: &'a Node,
    to: &'a Node,
    /// Every hop's data was collected.
    known: bool,
    conditional: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missing: Vec<&'a str>,
    methods: Vec<&'static str>,
    hops: Vec<HopView<'a>>,
    path: String,
}

#[derive(Serialize)]
struct HopView<'a> {
    /// `None` for the final action of a `who-can` answer on a resource the graph does not hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<&'a Node>,
    via: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'static str>,
    grants: &'a [Grant],
    conditional: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    missing: Option<&'a str>,
}

fn hop<'a>(g: &'a Graph, e: &'a Edge) -> HopView<'a> {
    HopView {
        to: (e.to != e.from).then(|| g.node(e.to)),
        via: &e.via,
        method: e.method,
        grants: &e.grants,
        conditional: e.conditional,
        missing: e.missing.as_deref(),
    }
}

fn view<'a>(g: &'a Graph, p: &'a Path) -> PathView<'a> {
    PathView {
        from: g.node(p.start),
        to: g.node(p.end()),
        known: p.is_known(),
        conditional: p.is_conditional(),
        missing: p.missing(),
        methods: p.methods(),
        hops: p.edges.iter().map(|e| hop(g, e)).collect(),
        path: p.render(g),
    }
}

/// The paths as a JSON document: `{"question": ..., "paths": [...], "blind_spots": [...]}`.
pub fn to_json(g: &Graph, question: &str, paths: &[Path]) -> String {
    let doc = serde_json::json!({
        "account": g.account(),
        "question": question,
        "paths": paths.iter().map(|p| view(g, p)).collect::<Vec<_>>(),
        "blind_spots": g.blind_spots(),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// The paths as a table for the terminal: from, hops, state, path. Account strings are escaped.
pub fn to_table(g: &Graph, question: &str, paths: &[Path], width: u16) -> String {
    let mut out = format!("{}\n", terminal_safe(question));
    if paths.is_empty() {
        out.push_str("no path\n");
    } else {
        let mut table = comfy_table::Table::new();
        table
            .load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
            .set_width(width)
            .set_header(["from", "hops", "state", "path"]);
        for p in paths {
            let state = if !p.is_known() {
                format!("UNKNOWN: {}", p.missing().join("; "))
            } else if p.is_conditional() {
                "conditional".to_string()
            } else {
                "open".to_string()
            };
            table.add_row([
                terminal_safe(&g.node(p.start).to_string()),
                p.edges.len().to_string(),
                terminal_safe(&state),
                terminal_safe(&p.render(g)),
            ]);
        }
        out.push_str(&table.to_string());
        out.push('\n');
    }
    for b in g.blind_spots() {
        out.push_str(&terminal_safe(&format!("not seen ({}): {}: {}\n", b.region, b.what, b.cause)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::exposed_instance;
    use super::*;
    use crate::testing::*;

    #[test]
    fn account_strings_are_escaped_in_the_table_and_json_stays_valid() {
        let mut s = snapshot();
        exposed_instance(&mut s);
        let role = auth(&mut s).roles.iter_mut().find(|r| r.name == "web-app").expect("role");
        role.name = "web\u{1b}[31mapp".into();
        let g = Graph::build(&s);
        let paths = g.who_can("s3:GetObject", "arn:aws:s3:::customer-data/*");
        let table = to_table(&g, "who can s3:GetObject on arn:aws:s3:::customer-data/*", &paths, 200);
        assert!(!table.contains('\u{1b}'), "{table}");
        assert!(table.contains("web\\u{1b}[31mapp"), "{table}");
        let json: serde_json::Value = serde_json::from_str(&to_json(&g, "q", &paths)).expect("valid JSON");
        assert_eq!(json["paths"][0]["from"]["name"], "web\u{1b}[31mapp");
        assert_eq!(json["paths"][2]["from"]["kind"], "internet");
        assert_eq!(json["paths"][2]["hops"][0]["to"]["name"], "i-0abc");
    }
}
