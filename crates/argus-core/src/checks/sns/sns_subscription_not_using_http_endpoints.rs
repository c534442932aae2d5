//! Subscriptions deliver over HTTPS, not plain HTTP. Metadata:
//! `checks/sns/sns_subscription_not_using_http_endpoints.toml`.
//!
//! Every subscription of the region's ListSubscriptions is judged, pending ones included (a pending
//! HTTP subscription delivers in clear text once confirmed).

use super::each_region;
use crate::engine::{Check, CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, Subscription, Tags};
use std::sync::Arc;

pub const CHECK: Check = Check { id: "sns_subscription_not_using_http_endpoints", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, sns, out| {
        let subs = match &sns.subscriptions {
            Fetched::Ok(s) => s,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for (i, s) in subs.iter().enumerate() {
            let r = subscription_resource(ctx, s, i, region);
            let topic = s.topic_arn.rsplit(':').next().unwrap_or_default();
            if s.protocol.eq_ignore_ascii_case("http") {
                out.fail(r, format_args!("A subscription of topic {topic} delivers over plain HTTP."));
            } else {
                out.pass(r, format_args!("A subscription of topic {topic} uses protocol {}.", s.protocol));
            }
        }
    });
}

/// A subscription identified by its ARN (a pending one, which has none yet, by its topic and
/// position) and named by its topic.
fn subscription_resource(ctx: &CheckContext<'_>, s: &Subscription, index: usize, region: &str) -> Arc<Resource> {
    let arn = if s.is_confirmed() { s.arn.clone() } else { format!("{}:PendingConfirmation:{index}", s.topic_arn) };
    let name = s.topic_arn.rsplit(':').next().unwrap_or_default();
    Arc::new(Resource::identified_by_arn(&arn, name, ctx.region_name(region), &Tags::new()))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn pass_fail_and_error() {
        let mut s = snapshot();
        let mut pending = subscription("alerts", "x", "http");
        pending.arn = "PendingConfirmation".into();
        subscriptions(&mut s).extend([
            subscription("alerts", "secure", "https"),
            subscription("alerts", "clear", "http"),
            pending,
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &format!("{}:secure", topic_arn("alerts"))), Status::Pass);
        assert_eq!(status_of(&f, &format!("{}:clear", topic_arn("alerts"))), Status::Fail);
        assert_eq!(status_of(&f, &format!("{}:PendingConfirmation:2", topic_arn("alerts"))), Status::Fail);

        let mut s = snapshot();
        region_mut(&mut s, REGION).sns.as_mut().unwrap().subscriptions =
            Fetched::Err(denied("sns", "ListSubscriptions"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
