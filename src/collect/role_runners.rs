//! Resources that run as a role, per region, for the attack paths (collected only when a selected
//! check reads the graph): Glue dev endpoints (GetDevEndpoints, which names each endpoint's role),
//! SageMaker notebook instances (ListNotebookInstances, then one DescribeNotebookInstance each: the
//! listing names no role; Prowler describes each notebook too) and CloudFormation stacks
//! (DescribeStacks, which names each stack's service role).

use super::{Api, Collector, Service};
use crate::snapshot::{CollectionError, Fetched, RoleRunner, RoleRunnersRegion};

pub(super) async fn collect(c: &Collector, region: &str) -> RoleRunnersRegion {
    let (glue_dev_endpoints, sagemaker_notebooks, cloudformation_stacks) =
        futures::join!(dev_endpoints(c, region), notebooks(c, region), stacks(c, region));
    RoleRunnersRegion {
        glue_dev_endpoints: glue_dev_endpoints.into(),
        sagemaker_notebooks: sagemaker_notebooks.into(),
        cloudformation_stacks: cloudformation_stacks.into(),
    }
}

async fn dev_endpoints(c: &Collector, region: &str) -> Result<Vec<RoleRunner>, CollectionError> {
    let client = c.ctx.glue(region);
    let api = c.api("Glue", Service::Iam, Some(region));
    let pages: Vec<_> =
        api.call("GetDevEndpoints", None, || client.get_dev_endpoints().into_paginator().send().try_collect()).await?;
    Ok(pages
        .iter()
        .flat_map(|p| p.dev_endpoints())
        .map(|e| {
            let name = e.endpoint_name().unwrap_or_default().to_string();
            RoleRunner {
                arn: format!("arn:{}:glue:{region}:{}:devEndpoint/{name}", c.partition, c.account_id),
                role_arn: Fetched::Ok(e.role_arn().map(str::to_string)),
                name,
            }
        })
        .collect())
}

async fn notebooks(c: &Collector, region: &str) -> Result<Vec<RoleRunner>, CollectionError> {
    let client = c.ctx.sagemaker(region);
    let api = c.api("SageMaker", Service::Iam, Some(region));
    let listed: Vec<_> = api
        .call("ListNotebookInstances", None, || {
            client.list_notebook_instances().into_paginator().items().send().try_collect()
        })
        .await?;
    let (api, client): (&Api<'_>, _) = (&api, &client);
    Ok(c.fan_out(listed, |n| async move {
        let name = n.notebook_instance_name().unwrap_or_default().to_string();
        let role_arn = api
            .call("DescribeNotebookInstance", Some(&name), || {
                client.describe_notebook_instance().notebook_instance_name(&name).send()
            })
            .await
            .map(|d| d.role_arn().map(str::to_string));
        RoleRunner { arn: n.notebook_instance_arn().unwrap_or_default().to_string(), role_arn: role_arn.into(), name }
    })
    .await)
}

async fn stacks(c: &Collector, region: &str) -> Result<Vec<RoleRunner>, CollectionError> {
    let client = c.ctx.cloudformation(region);
    let api = c.api("CloudFormation", Service::Iam, Some(region));
    let stacks: Vec<_> = api
        .call("DescribeStacks", None, || client.describe_stacks().into_paginator().items().send().try_collect())
        .await?;
    Ok(stacks
        .iter()
        .map(|s| RoleRunner {
            name: s.stack_name().unwrap_or_default().to_string(),
            arn: s.stack_id().unwrap_or_default().to_string(),
            role_arn: Fetched::Ok(s.role_arn().map(str::to_string)),
        })
        .collect())
}
