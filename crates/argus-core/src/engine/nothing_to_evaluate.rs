//! Checks that ran and found nothing to judge.
//!
//! A check emits one finding per resource it judges, so with no buckets (no keys, no trails…) it
//! emits none, and a report could not tell "nothing to check" from "not run". The engine knows which
//! checks ran ([`super::selected_checks`]); this records, once per account and region, each one that
//! judged nothing there. Compliance views show these as informational results, neither PASS nor FAIL.

use super::{metadata, Check, Finding, GLOBAL_REGION};
use crate::service::Service;
use crate::snapshot::{RegionSnapshot, Snapshot};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A check that ran over an account and region and found nothing there to judge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NothingToEvaluate {
    pub check_id: String,
    pub account_id: String,
    /// A region, or `global` for a check of an account-wide service (IAM, the S3 bucket listing).
    pub region: String,
}

/// For each check of `ran` (the checks the engine ran on `snapshot`), the scopes where it produced no
/// finding: `global` for a check of IAM or S3 that produced none at all; otherwise each region where
/// its service was collected and it produced none. A check with a finding about the account itself
/// (region `global`) judged the whole account, and has no empty region.
pub fn nothing_to_evaluate(snapshot: &Snapshot, ran: &[&Check], findings: &[Finding]) -> Vec<NothingToEvaluate> {
    let mut judged: HashMap<&str, HashSet<&str>> = HashMap::new();
    for f in findings {
        judged.entry(f.check_id().as_str()).or_default().insert(f.resource.region.as_str());
    }
    let account = &snapshot.identity.account_id;
    let entry = |check: &str, region: &str| NothingToEvaluate {
        check_id: check.to_string(),
        account_id: account.clone(),
        region: region.to_string(),
    };
    let mut out = Vec::new();
    for check in ran {
        let Some(meta) = metadata::find(check.id) else { continue };
        let Some(service) = Service::of_check_family(&meta.service) else { continue };
        let regions = judged.get(check.id);
        let judged_in = |region: &str| regions.is_some_and(|r| r.contains(region));
        if service.is_global() {
            if regions.is_none() {
                out.push(entry(check.id, GLOBAL_REGION.as_str()));
            }
            continue;
        }
        if judged_in(GLOBAL_REGION.as_str()) {
            continue;
        }
        for (region, data) in &snapshot.regions {
            if collected(data, service) && !judged_in(region) {
                out.push(entry(check.id, region));
            }
        }
    }
    out.sort();
    out
}

fn collected(region: &RegionSnapshot, service: Service) -> bool {
    match service {
        Service::Ec2 => region.ec2.is_some(),
        Service::Rds => region.rds.is_some(),
        Service::Lambda => region.lambda.is_some(),
        Service::SecretsManager => region.secretsmanager.is_some(),
        Service::Kms => region.kms.is_some(),
        Service::CloudTrail => region.cloudtrail.is_some(),
        Service::Efs => region.efs.is_some(),
        Service::CloudWatch => region.cloudwatch.is_some(),
        Service::Sns => region.sns.is_some(),
        Service::Ssm => region.ssm.is_some(),
        Service::Ecs => region.ecs.is_some(),
        Service::GuardDuty => region.guardduty.is_some(),
        Service::SecurityHub => region.securityhub.is_some(),
        Service::Config => region.config.is_some(),
        Service::AccessAnalyzer => region.accessanalyzer.is_some(),
        Service::Macie => region.macie.is_some(),
        Service::Inspector2 => region.inspector2.is_some(),
        Service::Elb => region.elb.is_some(),
        Service::Backup => region.backup.is_some(),
        Service::Sqs => region.sqs.is_some(),
        Service::Ecr => region.ecr.is_some(),
        Service::Iam | Service::S3 | Service::Organizations | Service::Account => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{evaluate, selected_checks, Config, Filter};
    use super::*;
    use crate::testing::*;

    fn empty_scopes(s: &Snapshot, filter: &Filter) -> Vec<(String, String)> {
        let all = crate::checks::all();
        let ran = selected_checks(s, &all, filter);
        let findings = evaluate(s, &all, filter, &Config::default(), now());
        nothing_to_evaluate(s, &ran, &findings).into_iter().map(|n| (n.check_id, n.region)).collect()
    }

    #[test]
    fn an_empty_account_reports_each_check_that_had_nothing_once_per_scope() {
        let mut s = snapshot();
        let second = s.regions[REGION].clone();
        s.regions.insert("eu-west-1".into(), second);
        s.collection.regions.push("eu-west-1".into());
        let empty = empty_scopes(&s, &Filter::default());
        let has = |check: &str, region: &str| empty.iter().any(|(c, r)| c == check && r == region);
        assert!(has("s3_bucket_object_versioning", "global"), "no buckets: {empty:?}");
        assert!(has("kms_cmk_rotation_enabled", REGION) && has("kms_cmk_rotation_enabled", "eu-west-1"));
        assert!(has("awslambda_function_no_secrets_in_variables", "eu-west-1"));
        assert_eq!(empty.iter().filter(|(c, _)| c == "kms_cmk_rotation_enabled").count(), 2, "once per region");
        // Checks that judged the account or each region (password policy, trails per region) are not empty.
        assert!(!empty.iter().any(|(c, _)| c == "iam_password_policy_minimum_length_14"));
        assert!(!empty.iter().any(|(c, _)| c == "cloudtrail_multi_region_enabled"));
    }

    #[test]
    fn a_region_with_resources_is_not_empty_and_filtered_checks_are_not_listed() {
        let mut s = snapshot();
        buckets(&mut s).push(bucket("b"));
        let only_kms = Filter { checks: vec!["kms_cmk_rotation_enabled".into()], ..Default::default() };
        assert_eq!(empty_scopes(&s, &only_kms), vec![("kms_cmk_rotation_enabled".to_string(), REGION.to_string())]);
        let empty = empty_scopes(&s, &Filter::default());
        assert!(!empty.iter().any(|(c, _)| c == "s3_bucket_object_versioning"), "a bucket was judged");
        // A service that was not collected: its checks did not run, so they are not "empty".
        s.collection.services.retain(|svc| svc != "kms");
        assert!(!empty_scopes(&s, &Filter::default()).iter().any(|(c, _)| c.starts_with("kms_")));
    }

    #[test]
    fn a_failed_listing_is_an_error_not_an_empty_scope() {
        let mut s = snapshot();
        s.regions.get_mut(REGION).unwrap().kms.as_mut().unwrap().keys =
            crate::snapshot::Fetched::Err(denied("kms", "ListKeys"));
        let empty = empty_scopes(&s, &Filter::default());
        assert!(!empty.iter().any(|(c, _)| c.starts_with("kms_")), "{empty:?}");
    }
}
