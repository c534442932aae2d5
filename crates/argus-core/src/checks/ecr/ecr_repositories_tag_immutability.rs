//! Repositories make image tags immutable (FSBP ECR.2). Metadata:
//! `checks/ecr/ecr_repositories_tag_immutability.toml`.

use super::each_repository;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ecr_repositories_tag_immutability", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_repository(ctx, out, |repo, r, out| match repo.tag_mutability.as_str() {
        "IMMUTABLE" => out.pass(r, format_args!("Repository {} has immutable tags.", repo.name)),
        "IMMUTABLE_WITH_EXCLUSION" => out.pass(
            r,
            format_args!("Repository {} has immutable tags, except those matching its exclusion filters.", repo.name),
        ),
        "" => out.error_message(
            r,
            format_args!(
                "could not be evaluated: DescribeRepositories returned no imageTagMutability for {}",
                repo.name
            ),
        ),
        other => {
            out.fail(r, format_args!("Repository {} lets tags be overwritten (imageTagMutability {other}).", repo.name))
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ecr::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, Repository};
    use crate::testing::*;

    #[test]
    fn immutable_passes_mutable_fails_and_a_missing_setting_is_an_error() {
        let mut s = snapshot();
        repositories(&mut s).extend([
            repository("immutable"),
            Repository { tag_mutability: "MUTABLE".into(), ..repository("mutable") },
            Repository { tag_mutability: "MUTABLE_WITH_EXCLUSION".into(), ..repository("mostly-mutable") },
            Repository { tag_mutability: String::new(), ..repository("unknown") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &repository_arn("immutable")), Status::Pass);
        assert_eq!(status_of(&f, &repository_arn("mutable")), Status::Fail);
        assert_eq!(status_of(&f, &repository_arn("mostly-mutable")), Status::Fail);
        assert_eq!(status_of(&f, &repository_arn("unknown")), Status::Error);
    }

    #[test]
    fn a_failed_listing_is_one_region_error() {
        let mut s = snapshot();
        region_mut(&mut s, REGION).ecr.as_mut().unwrap().repositories =
            Fetched::Err(denied("ecr", "DescribeRepositories"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
