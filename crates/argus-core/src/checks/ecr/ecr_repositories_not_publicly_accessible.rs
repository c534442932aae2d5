//! Repository policies do not let anyone pull, push or manage images. Metadata:
//! `checks/ecr/ecr_repositories_not_publicly_accessible.toml`.

use super::each_repository;
use crate::checks::kms::{judge_resource_policy, PolicyVerdict};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ecr_repositories_not_publicly_accessible", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_repository(ctx, out, |repo, r, out| {
        let doc = match &repo.policy {
            Fetched::Ok(Some(doc)) => doc,
            Fetched::Ok(None) => {
                return out.pass(r, format_args!("Repository {} has no repository policy.", repo.name))
            }
            Fetched::Err(e) => return out.error(r, e),
        };
        match judge_resource_policy(doc, "the repository policy", ctx.account_id()) {
            PolicyVerdict::Malformed(m) => out.error_message(r, m),
            PolicyVerdict::Public(m) => out.fail(r, format_args!("Repository {}: {m}.", repo.name)),
            PolicyVerdict::NotPublic(m) => out.pass(r, format_args!("Repository {}: {m}.", repo.name)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ecr::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Repository;
    use crate::testing::*;

    fn with_policy(name: &str, json: &str) -> Repository {
        Repository { policy: Fetched::Ok(Some(doc(json))), ..repository(name) }
    }

    #[test]
    fn public_policy_fails_org_pinned_and_cross_account_ones_pass_and_unreadable_ones_are_errors() {
        let mut s = snapshot();
        let public = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}"#;
        let org = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}"#;
        let cross = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"ecr:BatchGetImage"}]}"#;
        repositories(&mut s).extend([
            repository("none"),
            with_policy("public", public),
            with_policy("org", org),
            with_policy("cross", cross),
            with_policy("broken", "not json"),
            Repository { policy: Fetched::Err(denied("ecr", "GetRepositoryPolicy")), ..repository("unreadable") },
        ]);
        let f = run_check(CHECK, &s);
        let msg = |n: &str| f.iter().find(|x| x.resource.id == repository_arn(n)).unwrap().message.clone();
        assert_eq!(status_of(&f, &repository_arn("none")), Status::Pass);
        assert_eq!(status_of(&f, &repository_arn("public")), Status::Fail);
        assert!(msg("public").contains("allows anyone ecr:BatchGetImage"), "{}", msg("public"));
        assert_eq!(status_of(&f, &repository_arn("org")), Status::Pass, "{}", msg("org"));
        assert_eq!(status_of(&f, &repository_arn("cross")), Status::Pass);
        assert_eq!(status_of(&f, &repository_arn("broken")), Status::Error);
        assert_eq!(status_of(&f, &repository_arn("unreadable")), Status::Error);
        assert!(msg("unreadable").contains("GetRepositoryPolicy"), "{}", msg("unreadable"));
    }

    #[test]
    fn a_failed_listing_is_one_region_error() {
        let mut s = snapshot();
        region_mut(&mut s, REGION).ecr.as_mut().unwrap().repositories =
            Fetched::Err(denied("ecr", "DescribeRepositories"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
