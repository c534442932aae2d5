//! Lambda, per region: functions (environment reduced to facts), URL configs and resource policies.

use super::{Collector, Service};
use crate::snapshot::{
    CollectionError, Function, FunctionSettings, FunctionUrl, FunctionVpcConfig, LambdaRegion, PolicyDocument,
};
use argus_core::env_facts;

pub(super) async fn collect(c: &Collector, region: &str) -> LambdaRegion {
    let client = c.ctx.lambda(region);
    let api = c.api("Lambda", Service::Lambda, Some(region));
    let listed: Result<Vec<_>, CollectionError> =
        api.call("ListFunctions", None, || client.list_functions().into_paginator().items().send().try_collect()).await;
    let functions = match listed {
        Ok(list) => Ok(c
            .fan_out(list, |f| {
                let (api, client) = (&api, &client);
                async move {
                    let name = f.function_name().unwrap_or_default().to_string();
                    let url =
                        api.call_or_absent("GetFunctionUrlConfig", Some(&name), &["ResourceNotFoundException"], || {
                            client.get_function_url_config().function_name(&name).send()
                        });
                    let policy = api.call_or_absent("GetPolicy", Some(&name), &["ResourceNotFoundException"], || {
                        client.get_policy().function_name(&name).send()
                    });
                    let (url, policy) = futures::join!(url, policy);
                    // The values are reduced here and dropped with `f`; only facts are kept.
                    let environment = f
                        .environment()
                        .and_then(|e| e.variables())
                        .map(|vars| env_facts::reduce_all(vars, &c.value_ignores))
                        .unwrap_or_default();
                    Function {
                        arn: f.function_arn().unwrap_or_default().to_string(),
                        runtime: f.runtime().map(|r| r.as_str().to_string()),
                        role: f.role().map(str::to_string),
                        package_type: f.package_type().map(|p| p.as_str().to_string()),
                        last_modified: f.last_modified().map(str::to_string),
                        vpc: f.vpc_config().and_then(|v| {
                            let vpc = FunctionVpcConfig {
                                vpc_id: v.vpc_id().filter(|id| !id.is_empty()).map(str::to_string),
                                subnet_ids: v.subnet_ids().to_vec(),
                                security_group_ids: v.security_group_ids().to_vec(),
                            };
                            (vpc.vpc_id.is_some() || !vpc.subnet_ids.is_empty()).then_some(vpc)
                        }),
                        environment,
                        url_config: url
                            .map(|o| {
                                o.map(|o| FunctionUrl {
                                    url: o.function_url().to_string(),
                                    auth_type: o.auth_type().as_str().to_string(),
                                    // No Cors element: no origin is allowed.
                                    cors_allow_origins: Some(
                                        o.cors().map(|c| c.allow_origins().to_vec()).unwrap_or_default(),
                                    ),
                                })
                            })
                            .into(),
                        settings: Some(FunctionSettings {
                            kms_key_arn: f.kms_key_arn().filter(|k| !k.is_empty()).map(str::to_string),
                            dead_letter_target_arn: f
                                .dead_letter_config()
                                .and_then(|d| d.target_arn())
                                .filter(|t| !t.is_empty())
                                .map(str::to_string),
                            layers: f.layers().iter().filter_map(|l| l.arn()).map(str::to_string).collect(),
                        }),
                        policy: policy.map(|o| o.and_then(|o| o.policy().map(PolicyDocument::from_json_text))).into(),
                        name,
                    }
                }
            })
            .await),
        Err(e) => Err(e),
    };
    LambdaRegion { functions: functions.into() }
}
