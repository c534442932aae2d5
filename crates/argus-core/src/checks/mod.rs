//! The checks catalogue: one module per service family, one file per check.
//!
//! Adding a check = a metadata file `checks/<service>/<id>.toml`, a file `src/checks/<family>/<id>.rs`
//! holding `pub const CHECK` and its fixture tests, and one line in the family's `CHECKS` list.

use crate::engine::Check;

pub mod awslambda;
pub mod cloudtrail;
pub mod ec2;
pub mod iam;
pub mod kms;
pub mod rds;
pub mod s3;
pub mod secretsmanager;

#[cfg(test)]
mod emptied_fields;

/// Check ids whose findings are produced outside the engine, with metadata like any check so that
/// reports can describe them: `organization_account_assume_role` is reported by `argus scan
/// --organization` for an account it could not enter (there is no snapshot to evaluate).
pub const REPORTED_OUTSIDE_THE_ENGINE: &[&str] = &["organization_account_assume_role"];

/// Every implemented check.
pub fn all() -> Vec<Check> {
    [
        iam::CHECKS,
        s3::CHECKS,
        ec2::CHECKS,
        rds::CHECKS,
        awslambda::CHECKS,
        secretsmanager::CHECKS,
        kms::CHECKS,
        cloudtrail::CHECKS,
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::metadata;
    use std::collections::BTreeSet;

    #[test]
    fn metadata_files_all_parse() {
        let errors: Vec<String> =
            metadata::load_errors().iter().map(|e| format!("{}: {}", e.file, e.message)).collect();
        assert!(errors.is_empty(), "malformed check metadata:\n{}", errors.join("\n"));
    }

    #[test]
    fn every_check_has_metadata_and_every_metadata_has_a_check() {
        let implemented: BTreeSet<&str> =
            all().iter().map(|c| c.id).chain(REPORTED_OUTSIDE_THE_ENGINE.iter().copied()).collect();
        let described: BTreeSet<&str> = metadata::all().iter().map(|m| m.id.as_str()).collect();
        let missing_meta: Vec<_> = implemented.difference(&described).collect();
        let missing_impl: Vec<_> = described.difference(&implemented).collect();
        assert!(missing_meta.is_empty(), "checks without metadata: {missing_meta:?}");
        assert!(missing_impl.is_empty(), "metadata without implementation: {missing_impl:?}");
    }

    #[test]
    fn ids_are_unique() {
        let mut seen = BTreeSet::new();
        for c in all() {
            assert!(seen.insert(c.id), "check {} registered twice", c.id);
        }
        let mut seen = BTreeSet::new();
        for m in metadata::all() {
            assert!(seen.insert(m.id.as_str()), "metadata for {} defined twice", m.id);
        }
    }

    #[test]
    fn no_metadata_field_is_empty() {
        for m in metadata::all() {
            assert!(m.empty_fields().is_empty(), "{}: empty {:?}", m.id, m.empty_fields());
        }
    }
}
