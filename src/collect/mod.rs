//! The collector: fans out read calls across services and regions and writes a [`Snapshot`].
//!
//! It never judges. Every call runs under one shared concurrency limit; every failure is recorded where
//! the data would have been and in the snapshot's flat error list.

// `CollectionError` is large, but it *is* the data the collector exists to record, and it is only
// built on failure paths; boxing it would add noise everywhere for no measurable gain.
#![allow(clippy::result_large_err)]

mod accessanalyzer;
mod account;
mod backup;
mod cloudtrail;
mod cloudwatch;
mod config;
mod ec2;
mod ec2_account;
mod ec2_connectivity;
mod ec2_user_data;
mod ecr;
mod ecs;
mod efs;
mod elb;
mod guardduty;
mod iam;
mod inspector2;
mod kms;
mod lambda;
mod macie;
mod organizations;
mod rds;
mod role_runners;
mod s3;
mod secretsmanager;
mod securityhub;
mod sns;
mod sqs;
mod ssm;
mod vpc;

use crate::aws::errors::classify;
use crate::aws::{endpoint_health, readonly, AwsContext};
use crate::snapshot::{
    CollectionError, CollectionErrorDetails, CollectionInfo, ErrorKind, Identity, RegionSnapshot, Snapshot, Tags,
};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use chrono::{DateTime, Utc};
use futures::{Future, StreamExt};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

pub use argus_core::service::Service;

#[derive(Debug, Clone)]
pub struct CollectOptions {
    /// `None`: every region enabled for the account (EC2 DescribeRegions).
    pub regions: Option<Vec<String>>,
    pub services: Vec<Service>,
    /// The most API calls in flight at once, across all services and regions.
    pub concurrency: usize,
    /// The config's `secrets_ignore_values`: matched against Lambda and ECS environment values and EC2
    /// user data while they are in memory, the only time argus holds them.
    pub secrets_ignore_values: Vec<String>,
    /// Whether to build each IAM user's and role's service last-accessed report (one IAM job per
    /// principal): only when a selected check reads them
    /// (`argus_core::checks::selects_reader_of`).
    pub service_last_accessed: bool,
    /// Whether to list the resources that run as a role (Glue dev endpoints, SageMaker notebooks,
    /// CloudFormation stacks) in each region, with IAM: only when a selected check reads the attack
    /// paths (`argus_core::checks::selects_reader_of`).
    pub role_runners: bool,
    /// The event names whose CloudTrail event history to search, for the selected opt-in
    /// threat-detection checks (`argus_core::checks::cloudtrail_event_actions`); empty: none.
    pub cloudtrail_event_actions: Vec<&'static str>,
}

/// Told when each service (global) or service × region task starts and ends, e.g. to draw progress
/// bars. The collector never prints.
pub trait Progress: Sync {
    fn planned(&self, _tasks: usize) {}
    fn started(&self, _task: &str) {}
    fn finished(&self, _task: &str) {}
}

/// No progress reporting.
pub struct NoProgress;
impl Progress for NoProgress {}

async fn tracked<T>(progress: &dyn Progress, task: String, fut: impl Future<Output = T>) -> T {
    progress.started(&task);
    let out = fut.await;
    progress.finished(&task);
    out
}

/// `fut` as the progress task `task`, or nothing when `task` is `None` (the service was not selected).
async fn optional<T>(progress: &dyn Progress, task: Option<String>, fut: impl Future<Output = T>) -> Option<T> {
    match task {
        Some(task) => Some(tracked(progress, task, fut).await),
        None => None,
    }
}

/// Collects a snapshot of the account behind `ctx`.
pub async fn collect(ctx: &AwsContext, identity: Identity, opts: &CollectOptions, progress: &dyn Progress) -> Snapshot {
    let started_at = Utc::now();
    let collector = Collector {
        ctx: ctx.clone(),
        limit: Arc::new(Semaphore::new(opts.concurrency.max(1))),
        fan_out: opts.concurrency.max(1),
        account_id: identity.account_id.clone(),
        partition: identity.partition.clone(),
        errors: Mutex::new(Vec::new()),
        value_ignores: argus_core::env_facts::ValueIgnores::new(&opts.secrets_ignore_values),
        service_last_accessed: opts.service_last_accessed,
    };
    let role_runners = opts.role_runners && wants_iam(opts);
    let regions = match &opts.regions {
        Some(list) => list.clone(),
        None => collector.enabled_regions().await,
    };
    let wants = |svc: Service| opts.services.contains(&svc);
    tracing::info!(account = %identity.account_id, regions = regions.len(), "collecting");
    let global_tasks = opts.services.iter().filter(|s| s.is_global()).count();
    let regional_tasks = opts.services.iter().filter(|s| !s.is_global()).count() * regions.len();
    progress.planned(global_tasks + regional_tasks);

    let global = async {
        let iam = async {
            if wants(Service::Iam) {
                Some(tracked(progress, Service::Iam.to_string(), iam::collect(&collector)).await)
            } else {
                None
            }
        };
        let s3 = async {
            if wants(Service::S3) {
                Some(tracked(progress, Service::S3.to_string(), s3::collect(&collector, &regions)).await)
            } else {
                None
            }
        };
        let organizations = async {
            if wants(Service::Organizations) {
                Some(tracked(progress, Service::Organizations.to_string(), organizations::collect(&collector)).await)
            } else {
                None
            }
        };
        let account = async {
            if wants(Service::Account) {
                Some(tracked(progress, Service::Account.to_string(), account::collect(&collector)).await)
            } else {
                None
            }
        };
        futures::join!(iam, s3, organizations, account)
    };
    let regional = futures::future::join_all(regions.iter().map(|region| {
        let collector = &collector;
        async move {
            let ec2 = async {
                if wants(Service::Ec2) {
                    Some(tracked(progress, format!("{} {region}", Service::Ec2), ec2::collect(collector, region)).await)
                } else {
                    None
                }
            };
            let rds = async {
                if wants(Service::Rds) {
                    Some(tracked(progress, format!("{} {region}", Service::Rds), rds::collect(collector, region)).await)
                } else {
                    None
                }
            };
            let lambda = async {
                if wants(Service::Lambda) {
                    Some(
                        tracked(progress, format!("{} {region}", Service::Lambda), lambda::collect(collector, region))
                            .await,
                    )
                } else {
                    None
                }
            };
            let secrets = async {
                if wants(Service::SecretsManager) {
                    Some(
                        tracked(
                            progress,
                            format!("{} {region}", Service::SecretsManager),
                            secretsmanager::collect(collector, region),
                        )
                        .await,
                    )
                } else {
                    None
                }
            };
            let kms = async {
                if wants(Service::Kms) {
                    Some(tracked(progress, format!("{} {region}", Service::Kms), kms::collect(collector, region)).await)
                } else {
                    None
                }
            };
            let cloudtrail = async {
                if wants(Service::CloudTrail) {
                    Some(
                        tracked(
                            progress,
                            format!("{} {region}", Service::CloudTrail),
                            cloudtrail::collect(collector, region),
                        )
                        .await,
                    )
                } else {
                    None
                }
            };
            let efs = async {
                if wants(Service::Efs) {
                    Some(tracked(progress, format!("{} {region}", Service::Efs), efs::collect(collector, region)).await)
                } else {
                    None
                }
            };
            let task = |service: Service| wants(service).then(|| format!("{service} {region}"));
            let monitoring = async {
                futures::join!(
                    optional(progress, task(Service::CloudWatch), cloudwatch::collect(collector, region)),
                    optional(progress, task(Service::Sns), sns::collect(collector, region)),
                    optional(progress, task(Service::Ssm), ssm::collect(collector, region)),
                    optional(progress, task(Service::Ecs), ecs::collect(collector, region)),
                    optional(progress, task(Service::Elb), elb::collect(collector, region)),
                    optional(progress, task(Service::Backup), backup::collect(collector, region)),
                    optional(progress, task(Service::Sqs), sqs::collect(collector, region)),
                    optional(progress, task(Service::Ecr), ecr::collect(collector, region)),
                )
            };
            // The detective services: a few calls each, all concurrent with the services above.
            let detective = async {
                futures::join!(
                    optional(progress, task(Service::GuardDuty), guardduty::collect(collector, region)),
                    optional(progress, task(Service::SecurityHub), securityhub::collect(collector, region)),
                    optional(progress, task(Service::Config), config::collect(collector, region)),
                    optional(progress, task(Service::AccessAnalyzer), accessanalyzer::collect(collector, region)),
                    optional(progress, task(Service::Macie), macie::collect(collector, region)),
                    optional(progress, task(Service::Inspector2), inspector2::collect(collector, region)),
                )
            };
            // Part of the IAM data the attack paths read: no progress task of its own.
            let runners = async {
                if role_runners {
                    Some(role_runners::collect(collector, region).await)
                } else {
                    None
                }
            };
            let (ec2, rds, lambda, secretsmanager, kms, cloudtrail, efs, monitoring, detective, role_runners) =
                futures::join!(ec2, rds, lambda, secrets, kms, cloudtrail, efs, monitoring, detective, runners);
            let (cloudwatch, sns, ssm, ecs, elb, backup, sqs, ecr) = monitoring;
            let (guardduty, securityhub, config, accessanalyzer, macie, inspector2) = detective;
            (
                region.clone(),
                RegionSnapshot {
                    ec2,
                    rds,
                    lambda,
                    secretsmanager,
                    kms,
                    cloudtrail,
                    efs,
                    cloudwatch,
                    sns,
                    ssm,
                    ecs,
                    guardduty,
                    securityhub,
                    config,
                    accessanalyzer,
                    macie,
                    inspector2,
                    elb,
                    backup,
                    sqs,
                    ecr,
                    role_runners,
                },
            )
        }
    }));
    let ((iam, s3, organizations, account), mut regional) = futures::join!(global, regional);
    // The opt-in event history searches, once the trails say where to search.
    if wants(Service::CloudTrail) && !opts.cloudtrail_event_actions.is_empty() {
        let searched = cloudtrail::lookup_regions(&regional, &regions);
        tracing::info!(regions = ?searched, actions = opts.cloudtrail_event_actions.len(), "searching CloudTrail event history");
        let found = futures::future::join_all(
            searched.iter().map(|region| cloudtrail::lookup_events(&collector, region, &opts.cloudtrail_event_actions)),
        )
        .await;
        for (region, lookups) in searched.iter().zip(found) {
            if let Some(ct) = regional.iter_mut().find(|(r, _)| r == region).and_then(|(_, d)| d.cloudtrail.as_mut()) {
                ct.event_lookups = Some(lookups);
            }
        }
    }

    let mut errors = collector.errors.into_inner().unwrap_or_else(|p| p.into_inner());
    errors.sort_by(|a, b| {
        (&a.service, &a.region, &a.operation, &a.resource).cmp(&(&b.service, &b.region, &b.operation, &b.resource))
    });
    warn_failed_calls(&errors);
    let mut services: Vec<String> = opts.services.iter().map(|s| s.name().to_string()).collect();
    services.sort();
    services.dedup();
    Snapshot {
        schema_version: crate::snapshot::SCHEMA_VERSION,
        argus_version: env!("CARGO_PKG_VERSION").to_string(),
        identity,
        collection: CollectionInfo {
            started_at,
            finished_at: Utc::now(),
            regions,
            services,
            endpoint_url: ctx.endpoint_url().map(str::to_string),
            api_calls: ctx.metrics().operations(),
            retries: ctx.metrics().retries(),
        },
        iam,
        s3,
        organizations,
        account,
        regions: regional.into_iter().collect::<BTreeMap<_, _>>(),
        errors,
    }
}

fn wants_iam(opts: &CollectOptions) -> bool {
    opts.services.contains(&Service::Iam)
}

/// Sums up the calls that failed in one warning line, by call and error code, most frequent first
/// (each failure is also an ERROR finding of the checks that needed its data, and `-v` logs each call).
fn warn_failed_calls(errors: &[CollectionError]) {
    if errors.is_empty() {
        return;
    }
    let mut by_call: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for e in errors {
        *by_call.entry((format!("{}:{}", e.service, e.operation), e.code.as_str())).or_default() += 1;
    }
    let mut groups: Vec<_> = by_call.into_iter().collect();
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    const SHOWN: usize = 6;
    let mut summary: Vec<String> =
        groups.iter().take(SHOWN).map(|((call, code), n)| format!("{call} {code} x{n}")).collect();
    if groups.len() > SHOWN {
        summary.push(format!("{} more", groups.len() - SHOWN));
    }
    tracing::warn!(
        "{} call(s) failed; the checks needing their data report ERROR (-v lists each call): {}",
        errors.len(),
        summary.join(", ")
    );
}

/// Shared state of one collection run.
pub(crate) struct Collector {
    pub(crate) ctx: AwsContext,
    limit: Arc<Semaphore>,
    /// How many per-resource follow-ups one listing may have pending at once.
    pub(crate) fan_out: usize,
    pub(crate) account_id: String,
    pub(crate) partition: String,
    errors: Mutex<Vec<CollectionError>>,
    /// Lambda environment values the config says are not secrets.
    pub(crate) value_ignores: argus_core::env_facts::ValueIgnores,
    /// Whether IAM's per-principal service last-accessed reports are built ([`CollectOptions`]).
    pub(crate) service_last_accessed: bool,
}

impl Collector {
    /// A handle for calls to one service in one region (`None` for global calls).
    pub(crate) fn api(&self, sdk_service: &'static str, service: Service, region: Option<&str>) -> Api<'_> {
        Api { collector: self, sdk_service, service, region: region.map(str::to_string) }
    }

    async fn enabled_regions(&self) -> Vec<String> {
        let home = self.ctx.home_region();
        let client = self.ctx.ec2(&home);
        let api = self.api("EC2", Service::Ec2, Some(&home));
        match api.call("DescribeRegions", None, || client.describe_regions().all_regions(false).send()).await {
            Ok(out) => {
                let mut regions: Vec<String> = out
                    .regions()
                    .iter()
                    .filter(|r| r.opt_in_status().is_none_or(|s| s != "not-opted-in"))
                    .filter_map(|r| r.region_name().map(str::to_string))
                    .collect();
                regions.sort();
                if regions.is_empty() {
                    vec![home]
                } else {
                    regions
                }
            }
            Err(_) => {
                tracing::warn!(region = %home, "DescribeRegions failed; collecting the home region only");
                vec![home]
            }
        }
    }

    /// Runs `f` over `items` with at most `fan_out` pending, keeping the input order.
    ///
    /// Unordered buffering, sorted afterwards: an ordered buffer starts nothing new while its oldest item
    /// is still waiting, so one slow item (a bucket whose policy status needs a second round trip) would
    /// leave request slots idle behind it.
    pub(crate) async fn fan_out<I, T, F, Fut>(&self, items: I, mut f: F) -> Vec<T>
    where
        I: IntoIterator,
        F: FnMut(I::Item) -> Fut,
        Fut: Future<Output = T>,
    {
        let mut done: Vec<(usize, T)> = futures::stream::iter(items.into_iter().enumerate())
            .map(|(i, item)| {
                let fut = f(item);
                async move { (i, fut.await) }
            })
            .buffer_unordered(self.fan_out)
            .collect()
            .await;
        done.sort_unstable_by_key(|(i, _)| *i);
        done.into_iter().map(|(_, t)| t).collect()
    }

    fn record(&self, err: CollectionError) {
        // One line per call only with `-v`: an account denying a call to every bucket would otherwise
        // print a warning per bucket. The collection ends with one warning summing them up.
        tracing::info!(
            service = %err.service,
            region = err.region.as_deref().unwrap_or("global"),
            operation = %err.operation,
            resource = err.resource.as_deref().unwrap_or(""),
            code = %err.code,
            "call failed: {}", err.message
        );
        self.errors.lock().unwrap_or_else(|p| p.into_inner()).push(err);
    }
}

/// Calls to one service in one region.
pub(crate) struct Api<'a> {
    collector: &'a Collector,
    sdk_service: &'static str,
    service: Service,
    region: Option<String>,
}

impl Api<'_> {
    /// Runs one call (or one whole pagination) under the shared concurrency limit; a failure is
    /// recorded and returned.
    ///
    /// `make` starts the call (`|| client.get_x().send()`) once a request slot is free. An SDK call's
    /// future is tens of kilobytes; made up front, every call waiting for a slot would hold one (32
    /// buckets in flight, nine calls each, were 6 MB of a 200-resource scan's 12 MB heap).
    pub(crate) async fn call<T, E, Fut>(
        &self,
        operation: &'static str,
        resource: Option<&str>,
        make: impl FnOnce() -> Fut,
    ) -> Result<T, CollectionError>
    where
        Fut: Future<Output = Result<T, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        self.call_or_absent(operation, resource, &[], make).await.and_then(|v| {
            v.ok_or_else(|| self.error(operation, resource, ErrorKind::Other, "Absent", "no data".into()))
        })
    }

    /// Like [`Api::call`], but the listed error codes mean "this resource has no such
    /// configuration" (e.g. `NoSuchBucketPolicy`) and give `Ok(None)`: that is data, not a failure.
    pub(crate) async fn call_or_absent<T, E, Fut>(
        &self,
        operation: &'static str,
        resource: Option<&str>,
        absent_codes: &[&str],
        make: impl FnOnce() -> Fut,
    ) -> Result<Option<T>, CollectionError>
    where
        Fut: Future<Output = Result<T, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        // A call to an endpoint that stopped answering (see `aws::endpoint_health`) is not made, and one in
        // flight is abandoned when its endpoint is declared unresponsive: a hung region costs one timeout.
        let health = endpoint_health::global();
        let (endpoint_service, endpoint_region) = self.endpoint();
        let outcome = {
            let _permit = self.collector.limit.acquire().await.ok();
            match health.unresponsive(&endpoint_service, &endpoint_region) {
                Some(waited) => Err(waited),
                // Boxed: only the calls holding a slot take the call's memory.
                None => tokio::select! {
                    outcome = Box::pin(make()) => Ok(outcome),
                    waited = health.wait_unresponsive(&endpoint_service, &endpoint_region) => Err(waited),
                },
            }
        };
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(waited) => {
                let message = format!(
                    "abandoned: {} in {endpoint_region} answered nothing for {:.0} s, until a call's attempt timed out \
                     (--timeout); argus makes no more calls to it in this scan",
                    self.sdk_service,
                    waited.as_secs_f64()
                );
                return Err(self.failed(self.error(
                    operation,
                    resource,
                    ErrorKind::Timeout,
                    "EndpointUnresponsive",
                    message,
                )));
            }
        };
        match outcome {
            Ok(v) => Ok(Some(v)),
            Err(err) => {
                if let Some(code) = err.code() {
                    if absent_codes.contains(&code) {
                        return Ok(None);
                    }
                }
                let failure = classify(&err);
                Err(self.failed(self.error(operation, resource, failure.kind, &failure.code, failure.message)))
            }
        }
    }

    /// `e`, recorded as a gap in the snapshot.
    fn failed(&self, e: CollectionError) -> CollectionError {
        self.collector.record(e.clone());
        e
    }

    /// The endpoint the calls go to, as `aws::endpoint_health` names it: global calls are made in the
    /// home region.
    fn endpoint(&self) -> (String, String) {
        let region = self.region.clone().unwrap_or_else(|| self.collector.ctx.home_region());
        (endpoint_health::service_key(self.sdk_service), region)
    }

    /// A failure argus detected itself (e.g. an unparseable credential report).
    pub(crate) fn local_error(
        &self,
        operation: &'static str,
        resource: Option<&str>,
        kind: ErrorKind,
        code: &str,
        message: String,
    ) -> CollectionError {
        let e = self.error(operation, resource, kind, code, message);
        self.collector.record(e.clone());
        e
    }

    fn error(
        &self,
        operation: &'static str,
        resource: Option<&str>,
        kind: ErrorKind,
        code: &str,
        message: String,
    ) -> CollectionError {
        CollectionError::from(CollectionErrorDetails {
            service: self.service.name().to_string(),
            region: self.region.clone(),
            operation: operation.to_string(),
            iam_action: readonly::iam_action(self.sdk_service, operation),
            resource: resource.map(str::to_string),
            kind,
            code: code.to_string(),
            message,
        })
    }
}

/// AWS SDK timestamps to chrono.
pub(crate) fn to_utc(t: Option<&aws_smithy_types::DateTime>) -> Option<DateTime<Utc>> {
    let t = t?;
    DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}

/// Builds a tag map from any SDK tag type.
pub(crate) fn tags_from<'a, T: 'a>(
    tags: impl IntoIterator<Item = &'a T>,
    key: impl Fn(&T) -> Option<&str>,
    value: impl Fn(&T) -> Option<&str>,
) -> Tags {
    tags.into_iter().filter_map(|t| Some((key(t)?.to_string(), value(t).unwrap_or_default().to_string()))).collect()
}
