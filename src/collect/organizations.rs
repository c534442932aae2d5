//! AWS Organizations, account-wide: the organization the audited account belongs to, the policy
//! types enabled on its root, its SCPs and RCPs, its delegated administrators, and IAM's
//! centralized root access features. Only reads; an account outside any organization is recorded
//! as such (data), a denied read as an error.

use super::{Collector, Service};
use crate::snapshot::CollectionError;
use crate::snapshot::{
    DelegatedAdministrator, Fetched, Organization, OrganizationPolicy, OrganizationRoot, OrganizationsSnapshot,
    PolicyTarget, RootPolicyType,
};
use aws_sdk_organizations::types::PolicyType;

/// The error DescribeOrganization answers in an account that belongs to no organization.
const NOT_IN_AN_ORGANIZATION: &str = "AWSOrganizationsNotInUseException";

/// The error DescribeResourcePolicy answers for an organization without a delegation policy.
const NO_DELEGATION_POLICY: &str = "ResourcePolicyNotFoundException";

pub(super) async fn collect(c: &Collector) -> OrganizationsSnapshot {
    let client = c.ctx.organizations();
    let api = c.api("Organizations", Service::Organizations, None);
    let organization = match api
        .call_or_absent("DescribeOrganization", None, &[NOT_IN_AN_ORGANIZATION], || {
            client.describe_organization().send()
        })
        .await
    {
        Ok(Some(out)) => match out.organization() {
            Some(o) => organization(o),
            None => return OrganizationsSnapshot::standalone(),
        },
        Ok(None) => return OrganizationsSnapshot::standalone(),
        Err(e) => {
            // Without knowing whether there is an organization, nothing else can be read as data.
            return OrganizationsSnapshot {
                organization: Fetched::Err(e.clone()),
                roots: Fetched::Err(e.clone()),
                service_control_policies: Fetched::Err(e.clone()),
                resource_control_policies: Fetched::Err(e.clone()),
                delegated_administrators: Fetched::Err(e.clone()),
                root_access_features: Fetched::Err(e.clone()),
                resource_policy: Fetched::Err(e),
            };
        }
    };
    let iam = c.ctx.iam();
    let iam_api = c.api("IAM", Service::Organizations, None);
    let policies = |kind: PolicyType| {
        let (api, client) = (&api, &client);
        async move {
            let list = api
                .call("ListPolicies", Some(kind.as_str()), || {
                    client.list_policies().filter(kind.clone()).into_paginator().send().try_collect()
                })
                .await?;
            let list: Vec<OrganizationPolicy> = list.iter().flat_map(|page| page.policies()).map(policy).collect();
            // Where each custom policy applies; AWS managed ones (FullAWSAccess) guard nothing.
            Ok::<_, CollectionError>(
                c.fan_out(list, |mut summary| async move {
                    if !summary.aws_managed {
                        let id = summary.id.clone();
                        let targets = api
                            .call("ListTargetsForPolicy", Some(&id), || {
                                client.list_targets_for_policy().policy_id(&id).into_paginator().send().try_collect()
                            })
                            .await
                            .map(|pages| pages.iter().flat_map(|page| page.targets()).map(target).collect());
                        summary.targets = Some(targets.into());
                    }
                    summary
                })
                .await,
            )
        }
    };
    let (roots, scps, rcps, delegated, features, delegation) = futures::join!(
        api.call("ListRoots", None, || client.list_roots().into_paginator().send().try_collect()),
        policies(PolicyType::ServiceControlPolicy),
        policies(PolicyType::ResourceControlPolicy),
        api.call("ListDelegatedAdministrators", None, || client
            .list_delegated_administrators()
            .into_paginator()
            .items()
            .send()
            .try_collect()),
        iam_api.call("ListOrganizationsFeatures", None, || iam.list_organizations_features().send()),
        api.call_or_absent("DescribeResourcePolicy", None, &[NO_DELEGATION_POLICY], || client
            .describe_resource_policy()
            .send()),
    );
    OrganizationsSnapshot {
        organization: Fetched::Ok(Some(organization)),
        roots: roots.map(|pages| pages.iter().flat_map(|page| page.roots()).map(root).collect()).into(),
        service_control_policies: scps.into(),
        resource_control_policies: rcps.into(),
        delegated_administrators: delegated.map(|list| list.iter().map(delegated_administrator).collect()).into(),
        root_access_features: features
            .map(|out| out.enabled_features().iter().map(|f| f.as_str().to_string()).collect())
            .into(),
        resource_policy: delegation.and_then(|out| delegation_policy(&api, out)).into(),
    }
}

fn organization(o: &aws_sdk_organizations::types::Organization) -> Organization {
    Organization {
        id: o.id().unwrap_or_default().to_string(),
        arn: o.arn().unwrap_or_default().to_string(),
        management_account_id: o.master_account_id().unwrap_or_default().to_string(),
        feature_set: o.feature_set().map(|f| f.as_str().to_string()).unwrap_or_default(),
    }
}

fn root(r: &aws_sdk_organizations::types::Root) -> OrganizationRoot {
    OrganizationRoot {
        id: r.id().unwrap_or_default().to_string(),
        arn: r.arn().unwrap_or_default().to_string(),
        policy_types: r
            .policy_types()
            .iter()
            .map(|t| RootPolicyType {
                policy_type: t.r#type().map(|t| t.as_str().to_string()).unwrap_or_default(),
                status: t.status().map(|s| s.as_str().to_string()).unwrap_or_default(),
            })
            .collect(),
    }
}

fn policy(p: &aws_sdk_organizations::types::PolicySummary) -> OrganizationPolicy {
    OrganizationPolicy {
        id: p.id().unwrap_or_default().to_string(),
        arn: p.arn().unwrap_or_default().to_string(),
        name: p.name().unwrap_or_default().to_string(),
        aws_managed: p.aws_managed(),
        targets: None,
    }
}

fn target(t: &aws_sdk_organizations::types::PolicyTargetSummary) -> PolicyTarget {
    PolicyTarget {
        id: t.target_id().unwrap_or_default().to_string(),
        name: t.name().unwrap_or_default().to_string(),
        target_type: t.r#type().map(|t| t.as_str().to_string()).unwrap_or_default(),
    }
}

fn delegated_administrator(d: &aws_sdk_organizations::types::DelegatedAdministrator) -> DelegatedAdministrator {
    DelegatedAdministrator {
        account_id: d.id().unwrap_or_default().to_string(),
        name: d.name().map(str::to_string),
        status: d.status().map(|s| s.as_str().to_string()),
    }
}

/// The delegation policy's document, `None` when there is none; a reply without its content is an
/// error, not "no policy".
fn delegation_policy(
    api: &super::Api<'_>,
    out: Option<aws_sdk_organizations::operation::describe_resource_policy::DescribeResourcePolicyOutput>,
) -> Result<Option<String>, CollectionError> {
    let Some(out) = out else { return Ok(None) };
    match out.resource_policy().and_then(|p| p.content()) {
        Some(content) => Ok(Some(content.to_string())),
        None => Err(api.local_error(
            "DescribeResourcePolicy",
            None,
            crate::snapshot::ErrorKind::InvalidResponse,
            "MissingPolicyContent",
            "the answer holds no policy content".into(),
        )),
    }
}
