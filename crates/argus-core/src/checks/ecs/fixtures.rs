//! Fixture builders for the ECS check tests.

use crate::snapshot::*;
use crate::testing::*;

/// A container with the safe settings: not privileged, a non-root user, a read-only root file
/// system, logging, no environment.
pub fn container(name: &str) -> ContainerDefinition {
    ContainerDefinition {
        name: name.into(),
        privileged: Some(false),
        user: Some("1000".into()),
        readonly_root_filesystem: Some(true),
        environment: vec![],
        log_driver: Some("awslogs".into()),
    }
}

pub fn task_definition(family: &str, containers: Vec<ContainerDefinition>) -> TaskDefinition {
    TaskDefinition {
        arn: format!("arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/{family}:3"),
        family: family.into(),
        revision: 3,
        network_mode: Some("awsvpc".into()),
        pid_mode: None,
        containers,
    }
}

pub fn families(s: &mut Snapshot) -> &mut Vec<TaskDefinitionFamily> {
    list(&mut region_mut(s, REGION).ecs.as_mut().expect("fixture has ECS").task_definition_families)
}

pub fn add(s: &mut Snapshot, td: TaskDefinition) {
    let arn = format!("arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/{}", td.family);
    families(s).push(TaskDefinitionFamily { arn, family: td.family.clone(), latest: Fetched::Ok(td) });
}

/// A family whose revision could not be read, and (with `listing`) a region whose listing failed.
pub fn fail_reads(s: &mut Snapshot, listing: bool) {
    if listing {
        region_mut(s, REGION).ecs.as_mut().expect("fixture has ECS").task_definition_families =
            Fetched::Err(denied("ecs", "ListTaskDefinitionFamilies"));
    } else {
        families(s).push(TaskDefinitionFamily {
            arn: format!("arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/denied"),
            family: "denied".into(),
            latest: Fetched::Err(denied("ecs", "DescribeTaskDefinition")),
        });
    }
}

/// The ERROR cases every ECS check shares: a family it could not read, then a failed listing.
pub fn assert_errors(check: crate::engine::Check) {
    use crate::engine::Status;
    let mut s = snapshot();
    fail_reads(&mut s, false);
    let f = run_check(check, &s);
    assert_eq!((f.len(), f[0].status, f[0].resource.name.as_str()), (1, Status::Error, "denied"));
    fail_reads(&mut s, true);
    assert_eq!(statuses(&run_check(check, &s)), vec![(REGION.to_string(), Status::Error)]);
}

/// A cluster with Container Insights `enabled` and no services.
pub fn cluster(name: &str) -> EcsCluster {
    EcsCluster {
        arn: format!("arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/{name}"),
        name: name.into(),
        container_insights: Fetched::Ok(Some("enabled".into())),
        services: Fetched::Ok(vec![]),
    }
}

/// A Fargate service on `LATEST` that assigns no public IP.
pub fn fargate_service() -> EcsService {
    EcsService {
        launch_type: Some("FARGATE".into()),
        capacity_providers: vec![],
        platform_version: Some("LATEST".into()),
        platform_family: Some("LINUX".into()),
        assign_public_ip: Some("DISABLED".into()),
    }
}

pub fn clusters(s: &mut Snapshot) -> &mut Vec<EcsCluster> {
    list(&mut region_mut(s, REGION).ecs.as_mut().expect("fixture has ECS").clusters)
}

/// Adds `services` (by name) to a new cluster `cluster`.
pub fn add_services(s: &mut Snapshot, cluster_name: &str, services: Vec<(&str, EcsService)>) {
    let mut c = cluster(cluster_name);
    c.services = Fetched::Ok(
        services
            .into_iter()
            .map(|(name, service)| EcsServiceEntry {
                arn: format!("arn:aws:ecs:{REGION}:{ACCOUNT}:service/{cluster_name}/{name}"),
                name: name.into(),
                service: Fetched::Ok(service),
            })
            .collect(),
    );
    clusters(s).push(c);
}

/// The ERROR cases of the service checks: a service that could not be described, a cluster whose
/// services could not be listed, then a failed cluster listing.
pub fn assert_service_errors(check: crate::engine::Check) {
    use crate::engine::Status;
    let mut s = snapshot();
    add_services(&mut s, "prod", vec![]);
    clusters(&mut s)[0].services = Fetched::Ok(vec![EcsServiceEntry {
        arn: format!("arn:aws:ecs:{REGION}:{ACCOUNT}:service/prod/hidden"),
        name: "hidden".into(),
        service: Fetched::Err(denied("ecs", "DescribeServices")),
    }]);
    let f = run_check(check, &s);
    assert_eq!((f.len(), f[0].status, f[0].resource.name.as_str()), (1, Status::Error, "hidden"));
    assert!(f[0].message.contains("DescribeServices"), "{}", f[0].message);
    clusters(&mut s)[0].services = Fetched::Err(denied("ecs", "ListServices"));
    let f = run_check(check, &s);
    assert_eq!((f.len(), f[0].status, f[0].resource.name.as_str()), (1, Status::Error, "prod"));
    assert!(f[0].message.contains("ListServices"), "{}", f[0].message);
    region_mut(&mut s, REGION).ecs.as_mut().expect("fixture has ECS").clusters =
        Fetched::Err(denied("ecs", "ListClusters"));
    assert_eq!(statuses(&run_check(check, &s)), vec![(REGION.to_string(), Status::Error)]);
}
