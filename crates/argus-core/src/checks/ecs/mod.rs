//! ECS checks (per region): the latest active revision of each task definition family, each cluster's
//! settings and each service's placement and networking.

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{ContainerDefinition, EcsCluster, EcsService, Fetched, TaskDefinition};
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_ecs.rs"));

/// A task definition revision as a finding's resource (id = its ARN, name = its family: the
/// revision judged is the family's latest, named in every message).
fn task_definition_resource(ctx: &CheckContext<'_>, region: &str, td: &TaskDefinition) -> Arc<Resource> {
    Arc::new(Resource::identified_by_arn(&td.arn, &td.family, ctx.region_name(region), &Default::default()))
}

/// Calls `judge` for the latest revision of every family of every region where ECS was collected; a
/// failed listing gets one ERROR for the region, a family whose revision could not be read one ERROR.
pub(crate) fn each_task_definition(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&TaskDefinition, Arc<Resource>, &mut Findings),
) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(ecs) = &data.ecs else {
            continue;
        };
        match &ecs.task_definition_families {
            Fetched::Ok(families) => {
                for family in families {
                    match &family.latest {
                        Fetched::Ok(td) => judge(td, task_definition_resource(ctx, region, td), out),
                        Fetched::Err(e) => {
                            let r = Resource::identified_by_arn(
                                &family.arn,
                                &family.family,
                                ctx.region_name(region),
                                &Default::default(),
                            );
                            out.error(r, e);
                        }
                    }
                }
            }
            Fetched::Err(e) => out.error(ctx.region_resource(region), e),
        }
    }
}

/// `Task definition web:3`: how messages name a revision.
pub(crate) fn label(td: &TaskDefinition) -> String {
    format!("Task definition {}:{}", td.family, td.revision)
}

/// The names of the containers for which `offends` holds.
pub(crate) fn offending(td: &TaskDefinition, offends: impl Fn(&ContainerDefinition) -> bool) -> Vec<&str> {
    td.containers.iter().filter(|c| offends(c)).map(|c| c.name.as_str()).collect()
}

/// A cluster as a finding's resource (id = its ARN).
fn cluster_resource(ctx: &CheckContext<'_>, region: &str, cluster: &EcsCluster) -> Arc<Resource> {
    Arc::new(Resource::identified_by_arn(&cluster.arn, &cluster.name, ctx.region_name(region), &Default::default()))
}

/// Calls `judge` for every cluster of every region where ECS was collected; a failed listing is one
/// ERROR for the region.
pub(crate) fn each_cluster(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&EcsCluster, Arc<Resource>, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.ecs.as_ref().map(|e| &e.clusters),
        |region, _, cluster, out| judge(cluster, cluster_resource(ctx, region, cluster), out),
    );
}

/// Calls `judge(service, resource, out)` for every described service of every cluster. A failed cluster
/// listing is one ERROR for the region, a cluster whose services could not be listed one ERROR for the
/// cluster, a service that could not be described one ERROR for the service.
pub(crate) fn each_service(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    mut judge: impl FnMut(&EcsService, Arc<Resource>, &mut Findings),
) {
    ctx.each_listed(
        out,
        |d| d.ecs.as_ref().map(|e| &e.clusters),
        |region, _, cluster, out| match &cluster.services {
            Fetched::Ok(services) => {
                for entry in services {
                    let r = Arc::new(Resource::identified_by_arn(
                        &entry.arn,
                        &entry.name,
                        ctx.region_name(region),
                        &Default::default(),
                    ));
                    match &entry.service {
                        Fetched::Ok(service) => judge(service, r, out),
                        Fetched::Err(e) => out.error(r, e),
                    }
                }
            }
            Fetched::Err(e) => out.error(cluster_resource(ctx, region, cluster), e),
        },
    );
}
