//! Trails have log file integrity validation enabled. Metadata:
//! `checks/cloudtrail/cloudtrail_log_file_validation_enabled.toml`.

use super::each_trail;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "cloudtrail_log_file_validation_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_trail(ctx, out, |t, r, out| {
        if t.log_file_validation_enabled {
            out.pass(r, format_args!("Trail {} has log file validation enabled.", t.name));
        } else {
            out.fail(r, format_args!("Trail {} does not have log file validation enabled.", t.name));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, Trail};
    use crate::testing::*;

    #[test]
    fn validation_flag_decides_and_listing_failure_errors() {
        let mut s = snapshot();
        trails(&mut s, REGION).extend([
            trail(REGION, "validated"),
            Trail { log_file_validation_enabled: false, ..trail(REGION, "plain") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &trail_arn(REGION, "validated")), Status::Pass);
        assert_eq!(status_of(&f, &trail_arn(REGION, "plain")), Status::Fail);

        region_mut(&mut s, "eu-west-1").cloudtrail.as_mut().unwrap().trails =
            Fetched::Err(denied("cloudtrail", "DescribeTrails"));
        assert_eq!(status_of(&run_check(CHECK, &s), "eu-west-1"), Status::Error);
    }
}
