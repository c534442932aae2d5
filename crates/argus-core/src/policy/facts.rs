//! Facts derived from a parsed policy, worked out once however many checks ask.
//!
//! Several checks ask the same question of one document: three S3 checks ask which statements of a
//! bucket policy are public, a role's trust policy is classified by three IAM checks. The engine
//! parses each document once and shares it (see `engine::Index`); the answers live next to it, in
//! the policy itself, so that sharing the policy shares them. Clones of a policy share its facts.

use std::sync::{Arc, Mutex, OnceLock};

use super::exposure::ExposureReport;

#[derive(Default)]
pub(crate) struct Facts {
    /// `s3_public_actions`.
    pub(crate) s3_public_actions: OnceLock<Vec<&'static str>>,
    /// `analyse_resource_policy` per owner account: the audited account, and "" for the
    /// owner-independent questions such as `public_statement_indices`.
    exposure: Mutex<Vec<(String, Arc<ExposureReport>)>>,
}

impl Facts {
    /// The exposure report for `owner`, computed by `analyse` the first time it is asked for.
    pub(crate) fn exposure(&self, owner: &str, analyse: impl FnOnce() -> ExposureReport) -> Arc<ExposureReport> {
        let lock = || self.exposure.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, report)) = lock().iter().find(|(o, _)| o == owner) {
            return report.clone();
        }
        // Computed outside the lock: two threads may both compute it; the answers are equal.
        let report = Arc::new(analyse());
        let mut cached = lock();
        match cached.iter().find(|(o, _)| o == owner) {
            Some((_, first)) => first.clone(),
            None => {
                cached.push((owner.to_string(), report.clone()));
                report
            }
        }
    }

    /// An exposure report for any owner, for the questions whose answer is the same for every owner
    /// (which statements are public): the first report worked out, else `analyse`'s (cached as the
    /// owner-independent one, ""). A bucket policy is then analysed once, not once for the audited
    /// account and once more for its public statements.
    pub(crate) fn any_exposure(&self, analyse: impl FnOnce() -> ExposureReport) -> Arc<ExposureReport> {
        let first =
            self.exposure.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).first().map(|(_, r)| r.clone());
        first.unwrap_or_else(|| self.exposure("", analyse))
    }
}

impl std::fmt::Debug for Facts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Facts")
    }
}

#[cfg(test)]
mod tests {
    use super::super::{analyse_resource_policy, public_statement_indices, s3_public_actions, Exposure, Policy};
    use std::sync::Arc;

    const CROSS_ACCOUNT_AND_PUBLIC: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"*"},
        {"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*"}]}"#;

    #[test]
    fn answers_are_worked_out_once_per_owner_and_shared_by_clones() {
        let policy = Policy::parse_str(CROSS_ACCOUNT_AND_PUBLIC).expect("valid");
        let clone = policy.clone();
        let first = analyse_resource_policy(&policy, "222222222222");
        assert!(Arc::ptr_eq(&first, &analyse_resource_policy(&clone, "222222222222")));
        // Another owner is another question: account 111111111111 is then not "another account".
        let owner = analyse_resource_policy(&policy, "111111111111");
        assert!(!Arc::ptr_eq(&first, &owner));
        assert!(
            matches!(&first.statements[0].exposure, Exposure::CrossAccount { accounts } if accounts == &["111111111111"])
        );
        assert_eq!(owner.statements[0].exposure, Exposure::Private);
        // Cached answers equal a fresh analysis of a fresh parse.
        let fresh = Policy::parse_str(CROSS_ACCOUNT_AND_PUBLIC).expect("valid");
        assert_eq!(*analyse_resource_policy(&fresh, "111111111111"), *owner);
        assert_eq!(public_statement_indices(&policy), vec![1]);
        assert_eq!(public_statement_indices(&clone), public_statement_indices(&fresh));
        assert_eq!(s3_public_actions(&clone), s3_public_actions(&fresh));
    }

    #[test]
    fn public_statements_are_read_from_the_report_already_worked_out() {
        let reports = |p: &Policy| p.facts.exposure.lock().map(|r| r.len()).unwrap_or_default();
        let owner_first = Policy::parse_str(CROSS_ACCOUNT_AND_PUBLIC).expect("valid");
        let _ = analyse_resource_policy(&owner_first, "222222222222");
        assert_eq!(public_statement_indices(&owner_first), vec![1]);
        assert_eq!(reports(&owner_first), 1, "no second analysis for the public statements");
        let public_first = Policy::parse_str(CROSS_ACCOUNT_AND_PUBLIC).expect("valid");
        assert_eq!(public_statement_indices(&public_first), vec![1]);
        let _ = analyse_resource_policy(&public_first, "222222222222");
        assert_eq!(reports(&public_first), 2, "the owner's report is its own question");
        assert_eq!(
            *analyse_resource_policy(&public_first, "222222222222"),
            *analyse_resource_policy(&owner_first, "222222222222")
        );
    }

    #[test]
    fn what_has_been_worked_out_does_not_change_equality() {
        let analysed = Policy::parse_str(CROSS_ACCOUNT_AND_PUBLIC).expect("valid");
        let _ = analyse_resource_policy(&analysed, "222222222222");
        let _ = s3_public_actions(&analysed);
        assert_eq!(analysed, Policy::parse_str(CROSS_ACCOUNT_AND_PUBLIC).expect("valid"));
        assert_eq!(
            format!("{analysed:?}"),
            format!("{:?}", Policy::parse_str(CROSS_ACCOUNT_AND_PUBLIC).expect("valid"))
        );
    }
}
