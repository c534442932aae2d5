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
