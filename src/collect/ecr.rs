//! ECR, per region: private repositories with their scan-on-push and tag-mutability settings (from
//! the listing), repository policies and whether a lifecycle policy exists.

use super::{Collector, Service};
use crate::snapshot::{CollectionError, EcrRegion, PolicyDocument, Repository};

pub(super) async fn collect(c: &Collector, region: &str) -> EcrRegion {
    let client = c.ctx.ecr(region);
    let api = c.api("ECR", Service::Ecr, Some(region));
    let listed: Result<Vec<_>, CollectionError> = api
        .call("DescribeRepositories", None, || {
            client.describe_repositories().max_results(1000).into_paginator().send().try_collect()
        })
        .await
        .map(|pages| pages.iter().flat_map(|p| p.repositories().iter().cloned()).collect());
    let repositories = match listed {
        Ok(list) => Ok(c
            .fan_out(list, |r| {
                let (api, client) = (&api, &client);
                async move {
                    let name = r.repository_name().unwrap_or_default().to_string();
                    let (policy, lifecycle) = futures::join!(
                        api.call_or_absent(
                            "GetRepositoryPolicy",
                            Some(&name),
                            &["RepositoryPolicyNotFoundException"],
                            || { client.get_repository_policy().repository_name(&name).send() }
                        ),
                        api.call_or_absent(
                            "GetLifecyclePolicy",
                            Some(&name),
                            &["LifecyclePolicyNotFoundException"],
                            || { client.get_lifecycle_policy().repository_name(&name).send() }
                        ),
                    );
                    Repository {
                        arn: r.repository_arn().unwrap_or_default().to_string(),
                        scan_on_push: r.image_scanning_configuration().is_some_and(|s| s.scan_on_push()),
                        tag_mutability: r.image_tag_mutability().map(|m| m.as_str().to_string()).unwrap_or_default(),
                        policy: policy
                            .map(|o| o.and_then(|o| o.policy_text().map(PolicyDocument::from_json_text)))
                            .into(),
                        has_lifecycle_policy: lifecycle.map(|o| o.is_some()).into(),
                        name,
                    }
                }
            })
            .await),
        Err(e) => Err(e),
    };
    EcrRegion { repositories: repositories.into() }
}
