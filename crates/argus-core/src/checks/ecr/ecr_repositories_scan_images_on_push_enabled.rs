//! Repositories scan images on push (FSBP ECR.1). Metadata:
//! `checks/ecr/ecr_repositories_scan_images_on_push_enabled.toml`.

use super::each_repository;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ecr_repositories_scan_images_on_push_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_repository(ctx, out, |repo, r, out| {
        if repo.scan_on_push {
            out.pass(r, format_args!("Repository {} scans images on push.", repo.name));
        } else {
            out.fail(r, format_args!("Repository {} does not scan images on push.", repo.name));
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
    fn scanning_passes_and_no_scanning_fails() {
        let mut s = snapshot();
        repositories(&mut s)
            .extend([repository("scanned"), Repository { scan_on_push: false, ..repository("unscanned") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &repository_arn("scanned")), Status::Pass);
        assert_eq!(status_of(&f, &repository_arn("unscanned")), Status::Fail);
    }

    #[test]
    fn a_failed_listing_is_one_region_error() {
        let mut s = snapshot();
        region_mut(&mut s, REGION).ecr.as_mut().unwrap().repositories =
            Fetched::Err(denied("ecr", "DescribeRepositories"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
