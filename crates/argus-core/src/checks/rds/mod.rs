//! RDS checks (per region).

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{CollectionError, DbCluster, DbInstance, DbSnapshot, Fetched, RdsRegion, Tags};
use std::sync::Arc;

pub(crate) mod default_admin;
pub(crate) mod event_subscriptions;
#[cfg(test)]
pub(crate) mod fixtures;
pub(crate) mod log_exports;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_rds.rs"));

/// A DB instance as a finding's resource.
pub(crate) fn instance_resource<'a>(ctx: &CheckContext<'a>, i: &'a DbInstance, region: &str) -> Arc<Resource> {
    Arc::new(Resource::identified_by_name(&i.id, &i.arn, ctx.region_name(region), &i.tags))
}

/// A DB cluster as a finding's resource.
pub(crate) fn cluster_resource<'a>(ctx: &CheckContext<'a>, c: &'a DbCluster, region: &str) -> Arc<Resource> {
    Arc::new(Resource::identified_by_name(&c.id, &c.arn, ctx.region_name(region), &c.tags))
}

/// A DB instance or cluster snapshot as a finding's resource.
pub(crate) fn snapshot_resource<'a>(ctx: &CheckContext<'a>, s: &'a DbSnapshot, region: &str) -> Arc<Resource> {
    Arc::new(Resource::identified_by_name(&s.id, &s.arn, ctx.region_name(region), &Tags::new()))
}

/// Calls `judge` for every DB instance of every region where RDS was collected. A region whose
/// instance listing failed gets one ERROR for the region instead.
pub(crate) fn each_instance<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    mut judge: impl FnMut(&'a str, &'a RdsRegion, &'a DbInstance, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.rds.as_ref().map(|r| &r.instances),
        |region, d, instance, out| {
            if let Some(rds) = &d.rds {
                judge(region, rds, instance, out);
            }
        },
    );
}

/// Calls `judge` for every DB cluster of every region where RDS was collected, with its resource. A
/// region whose cluster listing failed gets one ERROR for the region instead.
pub(crate) fn each_cluster<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    mut judge: impl FnMut(&'a DbCluster, Arc<Resource>, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.rds.as_ref().map(|r| &r.clusters),
        |region, _, c, out| judge(c, cluster_resource(ctx, c, region), out),
    );
}

/// The cluster an instance belongs to, for settings that Aurora (and other cluster engines) keep at
/// the cluster level: deletion protection, Multi-AZ, IAM authentication, backup retention.
pub(crate) enum ClusterOf<'a> {
    /// Not a cluster member: the instance's own settings apply.
    Standalone,
    Member(&'a DbCluster),
    /// A member, but the cluster listing failed.
    Unreadable(&'a CollectionError),
    /// A member of a cluster that is not in the listing (e.g. deleted meanwhile).
    NotListed(&'a str),
}

/// The ERROR message for a member whose cluster is missing from the listing.
pub(crate) fn not_listed(cluster_id: &str) -> String {
    format!("could not be evaluated: its cluster {cluster_id} is not in the DescribeDBClusters listing")
}

pub(crate) fn cluster_of<'a>(rds: &'a RdsRegion, instance: &'a DbInstance) -> ClusterOf<'a> {
    let Some(cluster_id) = instance.cluster_id.as_deref().filter(|c| !c.is_empty()) else {
        return ClusterOf::Standalone;
    };
    match &rds.clusters {
        Fetched::Err(e) => ClusterOf::Unreadable(e),
        Fetched::Ok(clusters) => clusters
            .iter()
            .find(|c| c.id == cluster_id || c.arn == cluster_id)
            .map_or(ClusterOf::NotListed(cluster_id), ClusterOf::Member),
    }
}

/// A setting that cluster members take from their cluster (Multi-AZ, deletion protection, IAM
/// authentication, log exports, ...): its value for `i` (`of_instance` or `of_cluster`), and the
/// subject a message names it by, `DB instance db1` or `DB instance db1's cluster c1`. `None` once
/// the ERROR for `r` is reported (the cluster listing failed, or the cluster is not in it).
pub(crate) fn cluster_level_setting<'a, T>(
    rds: &'a RdsRegion,
    i: &'a DbInstance,
    r: &Arc<Resource>,
    out: &mut Findings,
    of_instance: impl Fn(&'a DbInstance) -> T,
    of_cluster: impl Fn(&'a DbCluster) -> T,
) -> Option<(T, String)> {
    match cluster_of(rds, i) {
        ClusterOf::Standalone => Some((of_instance(i), format!("DB instance {}", i.id))),
        ClusterOf::Member(c) => Some((of_cluster(c), format!("DB instance {}'s cluster {}", i.id, c.id))),
        ClusterOf::Unreadable(e) => {
            out.error(r.clone(), e);
            None
        }
        ClusterOf::NotListed(id) => {
            out.error_message(r.clone(), not_listed(id));
            None
        }
    }
}

/// The engine of an instance: its own, or its cluster's when the instance's reply left it out.
/// Empty when neither names one.
pub(crate) fn instance_engine<'a>(rds: &'a RdsRegion, i: &'a DbInstance) -> &'a str {
    match (i.engine.trim(), cluster_of(rds, i)) {
        ("", ClusterOf::Member(c)) => c.engine.trim(),
        (engine, _) => engine,
    }
}

/// The ERROR message for a resource whose engine the RDS reply does not name, when what is judged
/// depends on the engine.
pub(crate) fn no_engine(kind: &str, id: &str, what: &str) -> String {
    format!("could not be evaluated: RDS returned no Engine for {kind} {id}, so {what} is unknown")
}

/// The ERROR for an instance whose engine is unknown ([`instance_engine`] is empty): the failed
/// cluster listing when that is why, else the missing Engine.
pub(crate) fn unknown_engine(rds: &RdsRegion, i: &DbInstance, r: Arc<Resource>, out: &mut Findings, what: &str) {
    match cluster_of(rds, i) {
        ClusterOf::Unreadable(e) => out.error(r, e),
        ClusterOf::NotListed(id) => out.error_message(r, not_listed(id)),
        ClusterOf::Standalone | ClusterOf::Member(_) => out.error_message(r, no_engine("DB instance", &i.id, what)),
    }
}

/// Calls `judge` for every snapshot (instance and cluster snapshots) of every region where RDS was
/// collected; a failed snapshot listing gets one ERROR for the region.
pub(crate) fn each_snapshot<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    mut judge: impl FnMut(&'a str, &'a DbSnapshot, &str, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.rds.as_ref().map(|r| &r.snapshots),
        |region, _, s, out| judge(region, s, "DB snapshot", out),
    );
    ctx.each_listed(
        out,
        |d| d.rds.as_ref().map(|r| &r.cluster_snapshots),
        |region, _, s, out| judge(region, s, "DB cluster snapshot", out),
    );
}
