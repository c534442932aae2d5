//! `docs/prowler-parity.md`: argus's answer to every Prowler check of the services it audits, written
//! from the catalogue, the check metadata and `data/prowler-not-implemented.tsv`. A test holds the
//! committed file to what this module writes.

use super::{alias, catalogue, not_implemented_reason, Named, AUDITED_SERVICES};
use crate::engine::metadata;
use std::fmt::Write;

/// The command that rewrites the document (printed when it is stale).
pub const REGENERATE: &str = "UPDATE_PARITY_DOC=1 cargo test -p argus-core prowler::parity_doc";

/// How argus answers one Prowler id.
enum Answer {
    Implemented,
    Alias { check: &'static str, tcp_ports: &'static [u16] },
    NotImplemented(&'static str),
}

fn answer(id: &str) -> Answer {
    if metadata::find(id).is_some() {
        return Answer::Implemented;
    }
    match alias(id) {
        Some(Named::Alias { check, alias }) => Answer::Alias { check: &check.id, tcp_ports: &alias.tcp_ports },
        _ => Answer::NotImplemented(not_implemented_reason(id).unwrap_or("no reason recorded")),
    }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    total: usize,
    implemented: usize,
    aliased: usize,
}

impl Counts {
    fn add(&mut self, a: &Answer) {
        self.total += 1;
        match a {
            Answer::Implemented => self.implemented += 1,
            Answer::Alias { .. } => self.aliased += 1,
            Answer::NotImplemented(_) => {}
        }
    }

    fn answered(&self) -> usize {
        self.implemented + self.aliased
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "—".to_string();
    }
    format!("{:.1} %", part as f64 * 100.0 / whole as f64)
}

/// The document's text.
pub fn render() -> String {
    let checks: Vec<_> = catalogue().iter().filter(|c| AUDITED_SERVICES.contains(&c.service)).collect();
    let mut all = Counts::default();
    let mut per_service: Vec<(&str, Counts)> = AUDITED_SERVICES.iter().map(|s| (*s, Counts::default())).collect();
    for c in &checks {
        let a = answer(c.id);
        all.add(&a);
        if let Some((_, counts)) = per_service.iter_mut().find(|(s, _)| *s == c.service) {
            counts.add(&a);
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "# Prowler parity\n");
    let _ = writeln!(
        out,
        "<!-- Generated from the check metadata (`checks/`), Prowler's catalogue \
         (`crates/argus-core/data/prowler-checks-aws.tsv`) and the reasons in \
         `crates/argus-core/data/prowler-not-implemented.tsv`. Do not edit; regenerate with\n     {REGENERATE} -->\n"
    );
    let _ = writeln!(
        out,
        "argus's answer to each of Prowler's {} AWS checks in the services argus audits ({}). A Prowler id \
         argus implements or aliases is accepted in `--checks`, `--exclude-checks` and mutelists; an alias's \
         findings carry it in `prowler_check_ids` (JSON) and `unmapped.prowler_check_ids` (OCSF). Any other \
         id is refused by `--checks` and `--exclude-checks` (exit 1) with the reason below, and a mutelist \
         entry naming one is reported with a warning. An opt-in check (slow or costly by nature) runs, and \
         its data is collected, only when named in `--checks` or with `--include-opt-in`.\n",
        all.total,
        AUDITED_SERVICES.join(", ")
    );
    let _ = writeln!(out, "| answer | Prowler checks | share |\n|---|---:|---:|");
    let _ = writeln!(
        out,
        "| implemented under the same id | {} | {} |",
        all.implemented,
        percent(all.implemented, all.total)
    );
    let _ = writeln!(
        out,
        "| answered by an argus check of another id (alias) | {} | {} |",
        all.aliased,
        percent(all.aliased, all.total)
    );
    let not = all.total - all.answered();
    let _ = writeln!(out, "| not implemented | {not} | {} |", percent(not, all.total));
    let _ = writeln!(
        out,
        "| **answered (implemented or aliased)** | **{}** | **{}** |\n",
        all.answered(),
        percent(all.answered(), all.total)
    );
    let _ = writeln!(out, "| service | Prowler checks | implemented | aliased | not implemented | answered |");
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|");
    for (service, c) in &per_service {
        let _ = writeln!(
            out,
            "| {service} | {} | {} | {} | {} | {} |",
            c.total,
            c.implemented,
            c.aliased,
            c.total - c.answered(),
            percent(c.answered(), c.total)
        );
    }
    for service in AUDITED_SERVICES {
        let _ = writeln!(out, "\n## {service}\n\n| Prowler check | severity | argus |\n|---|---|---|");
        for c in checks.iter().filter(|c| c.service == *service) {
            let text = match answer(c.id) {
                Answer::Implemented => match metadata::find(c.id).and_then(|m| m.opt_in.as_ref()) {
                    Some(o) => format!("implemented, opt-in: {}", o.reason),
                    None => "implemented".to_string(),
                },
                Answer::Alias { check, tcp_ports: [] } => format!("alias of `{check}`"),
                Answer::Alias { check, tcp_ports } => {
                    let ports: Vec<String> = tcp_ports.iter().map(u16::to_string).collect();
                    format!("alias of `{check}` (its findings about TCP {})", ports.join(", "))
                }
                Answer::NotImplemented(reason) => format!("not implemented: {reason}"),
            };
            let _ = writeln!(out, "| `{}` | {} | {text} |", c.id, c.severity);
        }
    }
    let own: Vec<&str> = metadata::all()
        .iter()
        .filter(|m| super::find(&m.id).is_none() && AUDITED_SERVICES.contains(&m.service.as_str()))
        .map(|m| m.id.as_str())
        .collect();
    let _ = writeln!(out, "\n## argus checks Prowler does not have\n");
    for id in own {
        let _ = writeln!(out, "- `{id}`");
    }
    out
}

/// The parity percentage: answered Prowler checks of the audited services, over all of them.
pub fn answered_share() -> (usize, usize) {
    let mut all = Counts::default();
    for c in catalogue().iter().filter(|c| AUDITED_SERVICES.contains(&c.service)) {
        all.add(&answer(c.id));
    }
    (all.answered(), all.total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn committed_path() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/prowler-parity.md")
    }

    #[test]
    fn the_committed_document_matches_the_catalogue() {
        let fresh = render();
        let path = committed_path();
        if std::env::var_os("UPDATE_PARITY_DOC").is_some() {
            std::fs::write(&path, &fresh).expect("write docs/prowler-parity.md");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == fresh, "docs/prowler-parity.md is stale: regenerate it with\n    {REGENERATE}");
    }

    #[test]
    fn the_summary_counts_add_up() {
        let (answered, total) = answered_share();
        assert_eq!(total, 332);
        let doc = render();
        assert!(doc.contains(&format!("| **answered (implemented or aliased)** | **{answered}** |")), "{doc}");
        let rows = doc.lines().filter(|l| l.starts_with("| `")).count();
        assert_eq!(rows, total, "one row per Prowler check");
    }
}
