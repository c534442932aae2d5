//! SQS checks (per region): each queue's access policy and encryption at rest.

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{Fetched, Queue, QueueAttributes};
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_sqs.rs"));

/// A queue as a finding's resource: its ARN when GetQueueAttributes answered, else its URL.
pub(crate) fn queue_resource(ctx: &CheckContext<'_>, q: &Queue, region: &str) -> Arc<Resource> {
    let arn = q.attributes.ok().map(|a| a.arn.as_str()).filter(|a| !a.is_empty());
    Arc::new(Resource {
        id: arn.unwrap_or(&q.url).into(),
        arn: arn.unwrap_or_default().into(),
        name: q.name.as_str().into(),
        region: ctx.region_name(region),
        tags: Default::default(),
    })
}

/// Calls `judge` for every queue of every region where SQS was collected, with its attributes; a
/// failed listing is one ERROR for the region, a queue whose attributes could not be read an ERROR.
pub(crate) fn each_queue(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&Queue, &QueueAttributes, Arc<Resource>, &mut Findings),
) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(sqs) = &data.sqs else { continue };
        let queues = match &sqs.queues {
            Fetched::Ok(queues) => queues,
            Fetched::Err(e) => {
                out.error(ctx.region_resource(region), e);
                continue;
            }
        };
        for q in queues {
            let r = queue_resource(ctx, q, region);
            match &q.attributes {
                Fetched::Ok(attributes) => judge(q, attributes, r, out),
                Fetched::Err(e) => out.error(r, e),
            }
        }
    }
}
