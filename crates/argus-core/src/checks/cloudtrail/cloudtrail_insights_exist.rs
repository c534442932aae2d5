//! Every logging trail has CloudTrail Insights selectors. Metadata:
//! `checks/cloudtrail/cloudtrail_insights_exist.toml`.

use super::each_trail;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "cloudtrail_insights_exist", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_trail(ctx, out, |t, r, out| {
        match &t.is_logging {
            Fetched::Err(e) => return out.error(r, e),
            Fetched::Ok(false) => {
                return out.fail(r, format_args!("Trail {} is not logging, so it records no Insights events.", t.name))
            }
            Fetched::Ok(true) => {}
        }
        match &t.insight_selectors {
            Fetched::Err(e) => out.error(r, e),
            Fetched::Ok(types) if types.is_empty() => {
                out.fail(r, format_args!("Trail {} is logging but has no Insights selectors.", t.name))
            }
            Fetched::Ok(types) => out.pass(
                r,
                format_args!("Trail {} is logging and records Insights events: {}.", t.name, types.join(", ")),
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::*;
    use crate::testing::*;

    #[test]
    fn insights_pass_none_or_not_logging_fail_unreadable_errors() {
        let mut s = snapshot();
        trails(&mut s, REGION).extend([
            Trail { insight_selectors: Fetched::Ok(vec!["ApiCallRateInsight".into()]), ..trail(REGION, "insightful") },
            trail(REGION, "plain"),
            Trail {
                is_logging: Fetched::Ok(false),
                insight_selectors: Fetched::Ok(vec!["ApiCallRateInsight".into()]),
                ..trail(REGION, "stopped")
            },
            Trail {
                insight_selectors: Fetched::Err(denied("cloudtrail", "GetInsightSelectors")),
                ..trail(REGION, "denied")
            },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &trail_arn(REGION, "insightful")), Status::Pass);
        assert!(finding_message(&f, &trail_arn(REGION, "insightful")).contains("ApiCallRateInsight"));
        assert_eq!(status_of(&f, &trail_arn(REGION, "plain")), Status::Fail);
        assert_eq!(status_of(&f, &trail_arn(REGION, "stopped")), Status::Fail);
        assert_eq!(status_of(&f, &trail_arn(REGION, "denied")), Status::Error);
        assert!(finding_message(&f, &trail_arn(REGION, "denied")).contains("GetInsightSelectors"));
    }
}
