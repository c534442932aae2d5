//! Repositories have a lifecycle policy that expires old images (FSBP ECR.3). Metadata:
//! `checks/ecr/ecr_repositories_lifecycle_policy_enabled.toml`.

use super::each_repository;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ecr_repositories_lifecycle_policy_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_repository(ctx, out, |repo, r, out| match &repo.has_lifecycle_policy {
        Fetched::Ok(true) => out.pass(r, format_args!("Repository {} has a lifecycle policy.", repo.name)),
        Fetched::Ok(false) => out.fail(r, format_args!("Repository {} has no lifecycle policy.", repo.name)),
        Fetched::Err(e) => out.error(r, e),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ecr::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Repository;
    use crate::testing::*;

    #[test]
    fn a_policy_passes_none_fails_and_an_unreadable_one_is_an_error() {
        let mut s = snapshot();
        repositories(&mut s).extend([
            repository("kept-tidy"),
            Repository { has_lifecycle_policy: Fetched::Ok(false), ..repository("growing") },
            Repository {
                has_lifecycle_policy: Fetched::Err(denied("ecr", "GetLifecyclePolicy")),
                ..repository("unreadable")
            },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &repository_arn("kept-tidy")), Status::Pass);
        assert_eq!(status_of(&f, &repository_arn("growing")), Status::Fail);
        assert_eq!(status_of(&f, &repository_arn("unreadable")), Status::Error);
    }
}
