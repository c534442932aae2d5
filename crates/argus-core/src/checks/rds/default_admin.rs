//! The master user names RDS proposes by default, and the verdict both default-admin checks share.

use crate::engine::{Findings, Resource};
use std::sync::Arc;

/// `admin` (MySQL, MariaDB, Oracle, SQL Server, Db2, Aurora MySQL) and `postgres` (PostgreSQL,
/// Aurora PostgreSQL): the names FSBP RDS.24 / RDS.25 and Prowler treat as defaults. Compared
/// without case: Oracle and SQL Server logins ignore it, and `Admin` is no less guessable.
const DEFAULT_NAMES: &[&str] = &["admin", "postgres"];

/// Whether the engine's master user is judged: not DocumentDB or Neptune (FSBP leaves them out).
pub(crate) fn judged_engine(engine: &str) -> bool {
    !["docdb", "neptune"].iter().any(|e| e.eq_ignore_ascii_case(engine))
}

/// PASS, FAIL, or ERROR when the reply named no master user. A custom name is not repeated in the
/// finding: it is half of the database's credentials.
pub(crate) fn judge(out: &mut Findings, r: Arc<Resource>, subject: &str, user: Option<&str>) {
    match user.map(str::trim) {
        Some(name) if DEFAULT_NAMES.iter().any(|d| d.eq_ignore_ascii_case(name)) => {
            out.fail(r, format_args!("{subject} uses the default master user name {}.", name.to_ascii_lowercase()))
        }
        Some(name) if !name.is_empty() => out.pass(r, format_args!("{subject} uses a custom master user name.")),
        _ => out.error_message(r, format_args!("could not be evaluated: RDS returned no MasterUsername for {subject}")),
    }
}
