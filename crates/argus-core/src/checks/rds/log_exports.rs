//! The log types a DB instance or cluster must publish to CloudWatch Logs, per engine, and the
//! verdict both CloudWatch Logs checks share.

use crate::engine::{Findings, Resource};
use std::sync::Arc;

/// What an engine must publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Required {
    /// Each of these log types (names as EnabledCloudwatchLogsExports spells them).
    Each(&'static [&'static str]),
    /// At least one log type: no FSBP control names the types for this engine, so Prowler's rule
    /// applies.
    Any,
}

const MYSQL: &[&str] = &["audit", "error", "general", "slowquery"];
const POSTGRESQL: &[&str] = &["postgresql"];

/// For a DB instance: FSBP RDS.9's list per engine (PostgreSQL's includes the `postgresql` log that
/// RDS.36 asks for). `None`: not judged; RDS Custom instances cannot export logs to CloudWatch Logs.
pub(crate) fn for_instance(engine: &str) -> Option<Required> {
    let engine = engine.to_ascii_lowercase();
    Some(match engine.as_str() {
        e if e.starts_with("custom-") => return None,
        e if e.starts_with("oracle") => Required::Each(&["alert", "audit", "trace", "listener"]),
        e if e.starts_with("sqlserver") => Required::Each(&["error", "agent"]),
        "postgres" => Required::Each(&["postgresql", "upgrade"]),
        "mysql" | "mariadb" | "aurora" | "aurora-mysql" => Required::Each(MYSQL),
        "aurora-postgresql" => Required::Each(POSTGRESQL),
        _ => Required::Any,
    })
}

/// For a DB cluster: the audit log of Aurora MySQL (FSBP RDS.34), the PostgreSQL log of Aurora
/// PostgreSQL (RDS.37) and of PostgreSQL Multi-AZ DB clusters, any log of MySQL Multi-AZ DB clusters.
/// `None`: an engine Prowler's check does not judge (DocumentDB, Neptune).
pub(crate) fn for_cluster(engine: &str) -> Option<Required> {
    match engine.to_ascii_lowercase().as_str() {
        "aurora" | "aurora-mysql" => Some(Required::Each(&["audit"])),
        "aurora-postgresql" | "postgres" => Some(Required::Each(POSTGRESQL)),
        "mysql" => Some(Required::Any),
        _ => None,
    }
}

/// PASS or FAIL for `subject`, which publishes `exported`; ERROR when the snapshot holds no export list.
pub(crate) fn judge(
    out: &mut Findings,
    r: Arc<Resource>,
    subject: &str,
    engine: &str,
    required: Required,
    exported: Option<&[String]>,
) {
    let Some(exported) = exported else {
        return out.error_message(r, not_collected(subject));
    };
    let published = if exported.is_empty() { "none".to_string() } else { exported.join(", ") };
    match required {
        Required::Each(types) => {
            let missing: Vec<&str> =
                types.iter().copied().filter(|t| !exported.iter().any(|e| e.trim().eq_ignore_ascii_case(t))).collect();
            if missing.is_empty() {
                out.pass(
                    r,
                    format_args!("{subject} ({engine}) publishes its {} logs to CloudWatch Logs.", types.join(", ")),
                );
            } else {
                out.fail(
                    r,
                    format_args!(
                        "{subject} ({engine}) does not publish its {} logs to CloudWatch Logs (published: {published}).",
                        missing.join(", ")
                    ),
                );
            }
        }
        Required::Any if exported.is_empty() => {
            out.fail(r, format_args!("{subject} ({engine}) publishes no logs to CloudWatch Logs."));
        }
        Required::Any => {
            out.pass(r, format_args!("{subject} ({engine}) publishes its {published} logs to CloudWatch Logs."));
        }
    }
}

/// The ERROR message for a snapshot without the export list (taken before argus collected it).
fn not_collected(subject: &str) -> String {
    format!(
        "could not be evaluated: the snapshot holds no CloudWatch Logs export list for {subject} (collected before argus read EnabledCloudwatchLogsExports)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_map_to_fsbp_lists() {
        assert_eq!(for_instance("oracle-se2-cdb"), Some(Required::Each(&["alert", "audit", "trace", "listener"])));
        assert_eq!(for_instance("sqlserver-ex"), Some(Required::Each(&["error", "agent"])));
        assert_eq!(for_instance("MariaDB"), Some(Required::Each(MYSQL)));
        assert_eq!(for_instance("db2-se"), Some(Required::Any));
        assert_eq!(for_instance("custom-oracle-ee"), None);
        assert_eq!(for_cluster("aurora-mysql"), Some(Required::Each(&["audit"])));
        assert_eq!(for_cluster("postgres"), Some(Required::Each(POSTGRESQL)));
        assert_eq!(for_cluster("neptune"), None);
    }
}
