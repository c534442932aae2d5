//! Elastic Load Balancing, per region: ELBv2 load balancers with listeners and attributes, Classic
//! Load Balancers with attributes and TLS policies, and the WAFv2 web ACL of each internet-facing
//! application load balancer.
//!
//! Calls per load balancer: ELBv2 one DescribeListeners, one DescribeLoadBalancerAttributes, one
//! DescribeTags per 20, DescribeRules only for an HTTP listener whose default action redirects to
//! HTTPS, GetWebACLForResource only for an internet-facing ALB; Classic one
//! DescribeLoadBalancerAttributes, and DescribeLoadBalancerPolicies only with an HTTPS/SSL listener.

use super::{tags_from, to_utc, Api, Collector, Service};
use crate::snapshot::{
    ClassicAttributes, ClassicListener, ClassicLoadBalancer, ClassicSslPolicy, CollectionError, ElbRegion, Fetched,
    ListenerAction, ListenerRule, ListenerV2, LoadBalancerV2, Tags,
};
use aws_sdk_elasticloadbalancingv2 as elbv2;
use std::collections::{BTreeMap, HashMap};

/// DescribeTags takes at most 20 load balancers per call.
const TAGS_PER_CALL: usize = 20;

pub(super) async fn collect(c: &Collector, region: &str) -> ElbRegion {
    let (load_balancers, classic_load_balancers) = futures::join!(v2(c, region), classic(c, region));
    ElbRegion { load_balancers: load_balancers.into(), classic_load_balancers: classic_load_balancers.into() }
}

fn action(a: &elbv2::types::Action) -> ListenerAction {
    ListenerAction {
        action_type: a.r#type().map(|t| t.as_str().to_string()).unwrap_or_default(),
        redirect_protocol: a.redirect_config().and_then(|r| r.protocol()).map(str::to_string),
    }
}

async fn v2(c: &Collector, region: &str) -> Result<Vec<LoadBalancerV2>, CollectionError> {
    let client = c.ctx.elbv2(region);
    let api = c.api("ElasticLoadBalancingV2", Service::Elb, Some(region));
    let waf = c.ctx.wafv2(region);
    let waf_api = c.api("WAFV2", Service::Elb, Some(region));
    let pages: Vec<_> = api
        .call("DescribeLoadBalancers", None, || client.describe_load_balancers().into_paginator().send().try_collect())
        .await?;
    let listed: Vec<_> = pages.iter().flat_map(|p| p.load_balancers().iter().cloned()).collect();
    let arns: Vec<String> = listed.iter().filter_map(|lb| lb.load_balancer_arn().map(str::to_string)).collect();
    let tags = v2_tags(c, &api, &client, &arns).await;
    let (api, client, waf, waf_api, tags) = (&api, &client, &waf, &waf_api, &tags);
    Ok(c.fan_out(listed, |lb| async move {
        let arn = lb.load_balancer_arn().unwrap_or_default().to_string();
        let lb_type = lb.r#type().map(|t| t.as_str().to_string()).unwrap_or_default();
        let scheme = lb.scheme().map(|s| s.as_str().to_string()).unwrap_or_default();
        let wants_waf = lb_type == "application" && scheme == "internet-facing";
        let (listeners, attributes, web_acl) = futures::join!(
            listeners(c, api, client, &arn),
            async {
                api.call("DescribeLoadBalancerAttributes", Some(&arn), || {
                    client.describe_load_balancer_attributes().load_balancer_arn(&arn).send()
                })
                .await
                .map(|o| {
                    o.attributes()
                        .iter()
                        .filter_map(|a| Some((a.key()?.to_string(), a.value().unwrap_or_default().to_string())))
                        .collect::<BTreeMap<_, _>>()
                })
            },
            async {
                if !wants_waf {
                    return None;
                }
                let acl = waf_api
                    .call("GetWebACLForResource", Some(&arn), || {
                        waf.get_web_acl_for_resource().resource_arn(&arn).send()
                    })
                    .await
                    .map(|o| o.web_acl().map(|w| w.arn().to_string()));
                Some(Fetched::from(acl))
            },
        );
        LoadBalancerV2 {
            name: lb.load_balancer_name().unwrap_or_default().to_string(),
            lb_type,
            scheme,
            dns_name: lb.dns_name().map(str::to_string),
            vpc_id: lb.vpc_id().map(str::to_string),
            security_groups: lb.security_groups().to_vec(),
            availability_zones: lb
                .availability_zones()
                .iter()
                .filter_map(|z| z.zone_name().map(str::to_string))
                .collect(),
            created: to_utc(lb.created_time()),
            listeners: listeners.into(),
            attributes: attributes.into(),
            web_acl,
            tags: tags.get(&arn).cloned().unwrap_or_default(),
            arn,
        }
    })
    .await)
}

/// Tags of every load balancer, 20 per call. Tags only name resources in reports: a failed call
/// leaves them untagged (the failure is recorded in the snapshot's error list).
async fn v2_tags(c: &Collector, api: &Api<'_>, client: &elbv2::Client, arns: &[String]) -> HashMap<String, Tags> {
    let batches = c
        .fan_out(arns.chunks(TAGS_PER_CALL), |batch| async move {
            api.call("DescribeTags", None, || client.describe_tags().set_resource_arns(Some(batch.to_vec())).send())
                .await
                .map(|o| {
                    o.tag_descriptions()
                        .iter()
                        .filter_map(|d| {
                            Some((d.resource_arn()?.to_string(), tags_from(d.tags(), |t| t.key(), |t| t.value())))
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .await;
    batches.into_iter().flatten().collect()
}

async fn listeners(
    c: &Collector,
    api: &Api<'_>,
    client: &elbv2::Client,
    lb_arn: &str,
) -> Result<Vec<ListenerV2>, CollectionError> {
    let pages: Vec<_> = api
        .call("DescribeListeners", Some(lb_arn), || {
            client.describe_listeners().load_balancer_arn(lb_arn).into_paginator().send().try_collect()
        })
        .await?;
    let listed: Vec<_> = pages.iter().flat_map(|p| p.listeners().iter().cloned()).collect();
    Ok(c.fan_out(listed, |l| async move {
        let arn = l.listener_arn().unwrap_or_default().to_string();
        let protocol = l.protocol().map(|p| p.as_str().to_string()).unwrap_or_default();
        let default_actions: Vec<ListenerAction> = l.default_actions().iter().map(action).collect();
        // Only an HTTP listener that redirects by default can still serve plain HTTP through another rule.
        let redirects = !default_actions.is_empty() && default_actions.iter().all(ListenerAction::keeps_plain_http_off);
        let rules = if protocol == "HTTP" && redirects {
            let read = api
                .call("DescribeRules", Some(&arn), || client.describe_rules().listener_arn(&arn).send())
                .await
                .map(|o| {
                    o.rules()
                        .iter()
                        .map(|r| ListenerRule {
                            priority: r.priority().unwrap_or_default().to_string(),
                            is_default: r.is_default().unwrap_or(false),
                            actions: r.actions().iter().map(action).collect(),
                        })
                        .collect()
                });
            Some(Fetched::from(read))
        } else {
            None
        };
        ListenerV2 {
            port: l.port(),
            ssl_policy: l.ssl_policy().map(str::to_string),
            protocol,
            default_actions,
            rules,
            arn,
        }
    })
    .await)
}

async fn classic(c: &Collector, region: &str) -> Result<Vec<ClassicLoadBalancer>, CollectionError> {
    let client = c.ctx.elb(region);
    let api = c.api("ElasticLoadBalancing", Service::Elb, Some(region));
    let pages: Vec<_> = api
        .call("DescribeLoadBalancers", None, || client.describe_load_balancers().into_paginator().send().try_collect())
        .await?;
    let listed: Vec<_> = pages.iter().flat_map(|p| p.load_balancer_descriptions().iter().cloned()).collect();
    let (api, client) = (&api, &client);
    Ok(c.fan_out(listed, |lb| async move {
        let name = lb.load_balancer_name().unwrap_or_default().to_string();
        let listeners: Vec<ClassicListener> = lb
            .listener_descriptions()
            .iter()
            .filter_map(|d| {
                let l = d.listener()?;
                Some(ClassicListener {
                    protocol: l.protocol().to_string(),
                    port: l.load_balancer_port(),
                    instance_protocol: l.instance_protocol().map(str::to_string),
                    policy_names: d.policy_names().to_vec(),
                    certificate_id: l.ssl_certificate_id().map(str::to_string),
                })
            })
            .collect();
        let wants_policies = listeners.iter().any(ClassicListener::is_encrypted);
        let (attributes, ssl_policies) = futures::join!(
            async {
                api.call("DescribeLoadBalancerAttributes", Some(&name), || {
                    client.describe_load_balancer_attributes().load_balancer_name(&name).send()
                })
                .await
                .map(|o| {
                    let a = o.load_balancer_attributes();
                    ClassicAttributes {
                        access_log_enabled: a.and_then(|a| a.access_log()).is_some_and(|l| l.enabled()),
                        cross_zone_load_balancing: a
                            .and_then(|a| a.cross_zone_load_balancing())
                            .is_some_and(|x| x.enabled()),
                        connection_draining: a.and_then(|a| a.connection_draining()).is_some_and(|d| d.enabled()),
                        desync_mitigation_mode: a
                            .map(|a| a.additional_attributes())
                            .unwrap_or_default()
                            .iter()
                            .find(|x| x.key() == Some("elb.http.desyncmitigationmode"))
                            .and_then(|x| x.value())
                            .map(str::to_string),
                    }
                })
            },
            async {
                if !wants_policies {
                    return None;
                }
                let read = api
                    .call("DescribeLoadBalancerPolicies", Some(&name), || {
                        client.describe_load_balancer_policies().load_balancer_name(&name).send()
                    })
                    .await
                    .map(|o| {
                        o.policy_descriptions()
                            .iter()
                            .filter(|p| p.policy_type_name() == Some("SSLNegotiationPolicyType"))
                            .map(|p| {
                                let attrs = p.policy_attribute_descriptions();
                                let value = |n: &str| {
                                    attrs
                                        .iter()
                                        .find(|a| a.attribute_name() == Some(n))
                                        .and_then(|a| a.attribute_value())
                                };
                                ClassicSslPolicy {
                                    name: p.policy_name().unwrap_or_default().to_string(),
                                    reference_security_policy: value("Reference-Security-Policy").map(str::to_string),
                                    enabled_protocols: attrs
                                        .iter()
                                        .filter(|a| a.attribute_value() == Some("true"))
                                        .filter_map(|a| a.attribute_name()?.strip_prefix("Protocol-"))
                                        .map(str::to_string)
                                        .collect(),
                                }
                            })
                            .collect()
                    });
                Some(Fetched::from(read))
            },
        );
        ClassicLoadBalancer {
            arn: format!("arn:{}:elasticloadbalancing:{region}:{}:loadbalancer/{name}", c.partition, c.account_id),
            scheme: lb.scheme().unwrap_or_default().to_string(),
            dns_name: lb.dns_name().map(str::to_string),
            vpc_id: lb.vpc_id().map(str::to_string),
            security_groups: lb.security_groups().to_vec(),
            availability_zones: lb.availability_zones().to_vec(),
            listeners,
            attributes: attributes.into(),
            ssl_policies,
            name,
        }
    })
    .await)
}
