//! The check engine: evaluates a [`Snapshot`] against the checks catalogue and returns findings.
//!
//! A check is one function from a snapshot to findings (see `crate::checks`). The engine never calls
//! AWS and never prints; it only returns data.

mod config;
mod finding;
mod index;
pub mod metadata;
mod nothing_to_evaluate;

pub use config::Config;
pub(crate) use finding::deserialize_sharing_sources;
pub use finding::{
    ArcStr, AttackPath, AttackPaths, Finding, FindingSource, PathEdge, PathHop, ProwlerIds, Resource, Severity, Status,
    GLOBAL_REGION,
};
pub(crate) use index::FastMap;
pub use index::Index;
pub use metadata::CheckMetadata;
pub use nothing_to_evaluate::{nothing_to_evaluate, NothingToEvaluate};

use crate::service::Service;
use crate::snapshot::{CollectionError, Fetched, RegionSnapshot, Snapshot};
use chrono::{DateTime, Utc};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// One check: its id (matching a metadata file) and the function that judges.
#[derive(Clone, Copy)]
pub struct Check {
    pub id: &'static str,
    pub run: fn(&CheckContext<'_>, &mut Findings),
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Check").field("id", &self.id).finish()
    }
}

/// What a check can see: the snapshot, the thresholds, and "now" (fixed per run, so results are
/// reproducible from a saved snapshot).
pub struct CheckContext<'a> {
    pub snapshot: &'a Snapshot,
    pub config: &'a Config,
    pub now: DateTime<Utc>,
    index: OnceLock<Index<'a>>,
    /// The attack-path graph, built by the first `paths_*` check that needs it.
    attack_graph: OnceLock<crate::paths::Graph>,
    account_id: ArcStr,
    /// The snapshot's region names and `global`, one shared copy each (see [`CheckContext::region_name`]).
    region_names: Box<[ArcStr]>,
}

impl<'a> CheckContext<'a> {
    pub fn new(snapshot: &'a Snapshot, config: &'a Config, now: DateTime<Utc>) -> Self {
        CheckContext {
            snapshot,
            config,
            now,
            index: OnceLock::new(),
            attack_graph: OnceLock::new(),
            account_id: ArcStr::from(snapshot.identity.account_id.as_str()),
            region_names: std::iter::once(GLOBAL_REGION)
                .chain(snapshot.regions.keys().map(|r| ArcStr::from(r.as_str())))
                .collect(),
        }
    }

    /// Lookups over the snapshot (by ARN, by id, parsed IAM documents), built on first use and shared
    /// by every check of the evaluation.
    pub fn index(&self) -> &Index<'a> {
        self.index.get_or_init(|| Index::build(self.snapshot))
    }

    /// The account's attack-path graph (`crate::paths`), built once per evaluation.
    pub fn attack_graph(&self) -> &crate::paths::Graph {
        self.attack_graph.get_or_init(|| crate::paths::Graph::build(self.snapshot))
    }

    /// `region` as a resource's region: the shared copy when it is one of the snapshot's regions (or
    /// `global`). A million resources then point at a few region strings instead of holding a copy
    /// each, and ordering findings by region compares strings that stay in cache.
    pub fn region_name(&self, region: &str) -> ArcStr {
        self.region_names.iter().find(|r| r.as_str() == region).cloned().unwrap_or_else(|| ArcStr::from(region))
    }

    pub fn account_id(&self) -> &str {
        &self.snapshot.identity.account_id
    }

    pub fn partition(&self) -> &str {
        Some(self.snapshot.identity.partition.as_str()).filter(|p| !p.is_empty()).unwrap_or("aws")
    }

    /// The account itself as a resource (for account-level checks such as the password policy).
    pub fn account_resource(&self) -> Arc<Resource> {
        Arc::new(Resource {
            id: self.account_id.clone(),
            arn: format!("arn:{}:iam::{}:root", self.partition(), self.account_id()).into(),
            name: self.account_id.clone(),
            region: GLOBAL_REGION,
            tags: Default::default(),
        })
    }

    /// A region of the account as a resource (for region-level settings and failed listings).
    pub fn region_resource(&self, region: &str) -> Arc<Resource> {
        let region = self.region_name(region);
        Arc::new(Resource {
            id: region.clone(),
            arn: format!("arn:{}:ec2:{region}:{}:region", self.partition(), self.account_id()).into(),
            name: region.clone(),
            region,
            tags: Default::default(),
        })
    }

    /// Calls `judge(region, service data, out)` for every region where a service was collected
    /// (`service` answers `None` where it was not).
    pub fn each_collected<S: 'a>(
        &self,
        out: &mut Findings,
        service: impl Fn(&'a RegionSnapshot) -> Option<&'a S>,
        mut judge: impl FnMut(&'a str, &'a S, &mut Findings),
    ) {
        for (region, data) in &self.snapshot.regions {
            if let Some(s) = service(data) {
                judge(region, s, out);
            }
        }
    }

    /// Calls `judge(region, region data, item, out)` for every item of a regional listing, in every region
    /// where the listing's service was collected (`listing` answers `None` where it was not). A region
    /// whose listing failed gets one ERROR for the region instead of its items: a check never judges a
    /// region it could not see, and never skips it silently.
    pub fn each_listed<T: 'a>(
        &self,
        out: &mut Findings,
        listing: impl Fn(&'a RegionSnapshot) -> Option<&'a Fetched<Vec<T>>>,
        mut judge: impl FnMut(&'a str, &'a RegionSnapshot, &'a T, &mut Findings),
    ) {
        for (region, data) in &self.snapshot.regions {
            match listing(data) {
                None => {}
                Some(Fetched::Ok(items)) => {
                    for item in items {
                        judge(region, data, item, out);
                    }
                }
                Some(Fetched::Err(e)) => out.error(self.region_resource(region), e),
            }
        }
    }

    /// Days between `t` and the run's "now" (negative for future dates).
    pub fn days_since(&self, t: DateTime<Utc>) -> i64 {
        (self.now - t).num_days()
    }
}

/// The sink a check writes its verdicts into.
pub struct Findings {
    source: Arc<FindingSource>,
    /// Sources of findings that answer a narrower set of Prowler ids than the check's (few per check).
    narrowed: Vec<Arc<FindingSource>>,
    list: Vec<Finding>,
    /// (region, resource id) → position in `list` of that resource's ERROR finding, so that a resource
    /// whose check lacks several inputs gets one ERROR naming every failed call, not one per call.
    errors_at: HashMap<(ArcStr, ArcStr), usize>,
    /// Where messages are written (one buffer per check, not a growing string per finding), and the
    /// last message: consecutive findings saying the same thing (a PASS per bucket) share its text.
    text: String,
    last: ArcStr,
}

/// The order of findings in reports: by check, region, resource, status, then message.
fn report_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (a.check_id(), &a.resource.region, &a.resource.id, a.status, &a.message).cmp(&(
        b.check_id(),
        &b.resource.region,
        &b.resource.id,
        b.status,
        &b.message,
    ))
}

impl Findings {
    fn new(check: &Check, meta: Option<&CheckMetadata>, account_id: &ArcStr) -> Self {
        Findings {
            source: Arc::new(FindingSource {
                check_id: ArcStr::from(check.id),
                severity: meta.map(|m| m.severity).unwrap_or(Severity::Medium),
                service: meta.map(|m| ArcStr::from(m.service.as_str())).unwrap_or_default(),
                account_id: account_id.clone(),
                prowler: meta.map(every_alias).unwrap_or_default(),
            }),
            narrowed: Vec::new(),
            list: Vec::new(),
            errors_at: HashMap::new(),
            text: String::new(),
            last: ArcStr::default(),
        }
    }

    fn push(&mut self, status: Status, resource: Arc<Resource>, message: impl fmt::Display) {
        let message = self.message(message);
        self.list.push(Finding { source: self.source.clone(), resource, message, status, muted: false, paths: None });
    }

    /// `message` is text, or `format_args!(..)`.
    pub fn pass(&mut self, r: impl Into<Arc<Resource>>, message: impl fmt::Display) {
        self.push(Status::Pass, r.into(), message);
    }

    pub fn fail(&mut self, r: impl Into<Arc<Resource>>, message: impl fmt::Display) {
        self.push(Status::Fail, r.into(), message);
    }

    /// A FAIL about attack paths: `paths` are the ones `message` spells out, for reports that draw
    /// them.
    pub fn fail_with_paths(&mut self, r: impl Into<Arc<Resource>>, paths: AttackPaths, message: impl fmt::Display) {
        self.push(Status::Fail, r.into(), message);
        if let Some(f) = self.list.last_mut() {
            f.paths = Some(Arc::new(paths));
        }
    }

    /// An ERROR about a path that may exist through data that was not collected (`paths` shows it,
    /// its unknown hops marked by [`PathEdge::missing`]).
    pub fn error_with_paths(&mut self, r: impl Into<Arc<Resource>>, paths: AttackPaths, message: impl fmt::Display) {
        let r = r.into();
        let key = (r.region.clone(), r.id.clone());
        self.push_error(r, message);
        if let Some(&i) = self.errors_at.get(&key) {
            let f = &mut self.list[i];
            if f.paths.is_none() {
                f.paths = Some(Arc::new(paths));
            }
        }
    }

    /// A PASS that answers only `prowler` of the check's Prowler aliases (see [`ProwlerIds`]).
    pub fn pass_answering(&mut self, prowler: ProwlerIds, r: impl Into<Arc<Resource>>, message: impl fmt::Display) {
        self.push_answering(prowler, Status::Pass, r.into(), message);
    }

    /// A FAIL that answers only `prowler` of the check's Prowler aliases (see [`ProwlerIds`]).
    pub fn fail_answering(&mut self, prowler: ProwlerIds, r: impl Into<Arc<Resource>>, message: impl fmt::Display) {
        self.push_answering(prowler, Status::Fail, r.into(), message);
    }

    fn push_answering(
        &mut self,
        mut prowler: ProwlerIds,
        status: Status,
        r: Arc<Resource>,
        message: impl fmt::Display,
    ) {
        // With no Prowler id answered, the finding is only its own check's: nothing is partial.
        prowler.partial &= !prowler.ids.is_empty();
        let source = self.narrowed_source(FindingSource { prowler, ..(*self.source).clone() });
        let message = self.message(message);
        self.list.push(Finding { source, resource: r, message, status, muted: false, paths: None });
    }

    /// A FAIL of lower (or higher) severity than the check's: the same problem where it cannot be
    /// exploited as things stand (a policy granting escalation that no principal holding it can use).
    pub fn fail_at(&mut self, severity: Severity, r: impl Into<Arc<Resource>>, message: impl fmt::Display) {
        let source = self.narrowed_source(FindingSource { severity, ..(*self.source).clone() });
        let message = self.message(message);
        self.list.push(Finding {
            source,
            resource: r.into(),
            message,
            status: Status::Fail,
            muted: false,
            paths: None,
        });
    }

    /// The shared record of `wanted`, made once per check.
    fn narrowed_source(&mut self, wanted: FindingSource) -> Arc<FindingSource> {
        if let Some(source) = self.narrowed.iter().find(|s| ***s == wanted) {
            return source.clone();
        }
        let source = Arc::new(wanted);
        self.narrowed.push(source.clone());
        source
    }

    fn message(&mut self, message: impl fmt::Display) -> ArcStr {
        use fmt::Write;
        self.text.clear();
        let _ = write!(self.text, "{message}");
        if self.last != self.text.as_str() {
            self.last = ArcStr::from(self.text.as_str());
        }
        self.last.clone()
    }

    /// The check could not judge `r` because the data it needs was not collected.
    pub fn error(&mut self, r: impl Into<Arc<Resource>>, cause: &CollectionError) {
        self.push_error(r.into(), format_args!("could not be evaluated: {cause}"));
    }

    /// The check could not judge `r` for a reason found in the data itself (e.g. a malformed policy).
    pub fn error_message(&mut self, r: impl Into<Arc<Resource>>, message: impl fmt::Display) {
        self.push_error(r.into(), message);
    }

    fn push_error(&mut self, r: Arc<Resource>, message: impl fmt::Display) {
        let message = message.to_string();
        let key = (r.region.clone(), r.id.clone());
        if let Some(&i) = self.errors_at.get(&key) {
            let existing = &mut self.list[i].message;
            if !existing.contains(message.as_str()) {
                *existing = ArcStr::from(format!("{existing}; also {message}"));
            }
            return;
        }
        self.errors_at.insert(key, self.list.len());
        self.push(Status::Error, r, message);
    }

    pub fn into_vec(self) -> Vec<Finding> {
        self.list
    }
}

/// The Prowler ids a finding answers when its check says nothing narrower: every alias of the check;
/// partial when some alias covers only part of what the check judges (such a finding, an ERROR for a
/// region say, is about more than any one alias).
fn every_alias(meta: &CheckMetadata) -> ProwlerIds {
    ProwlerIds {
        ids: meta.prowler_aliases.iter().map(|a| ArcStr::from(a.id.as_str())).collect(),
        partial: meta.prowler_aliases.iter().any(|a| a.is_scoped()),
    }
}

/// Which checks to run.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only these check ids (empty: all).
    pub checks: Vec<String>,
    pub exclude_checks: Vec<String>,
    /// Only checks reading the data of these services (empty: all).
    pub services: Vec<Service>,
    /// Only checks at or above this severity.
    pub min_severity: Option<Severity>,
    /// Leave out the opt-in checks (metadata `opt_in`) that `checks` does not name: what a scan does
    /// unless `--include-opt-in` is given. `false` (the library's default) selects them like any check.
    pub opt_in_only_when_named: bool,
}

impl Filter {
    /// Whether the check runs. `checks` and `exclude_checks` hold argus ids or Prowler aliases: an
    /// alias selects the check that answers it; excluding a scoped alias leaves the check running
    /// (see [`Filter::keeps`]). An opt-in check runs only when named, unless
    /// `opt_in_only_when_named` is off; excluding it wins over naming it, as for any check.
    pub fn selects(&self, meta: &CheckMetadata) -> bool {
        let named = self.checks.iter().any(|c| c == &meta.id || meta.alias(c).is_some());
        (self.checks.is_empty() || named)
            && (meta.opt_in.is_none() || named || !self.opt_in_only_when_named)
            && !self.exclude_checks.iter().any(|c| c == &meta.id || meta.alias(c).is_some_and(|a| !a.is_scoped()))
            && (self.services.is_empty()
                || Service::of_check_family(&meta.service).is_some_and(|s| self.services.contains(&s)))
            && self.min_severity.is_none_or(|min| meta.severity >= min)
    }

    /// Which findings of a selected check to keep, decided once per check. Naming only scoped aliases
    /// of a check in `checks` keeps its findings that answer one of them; naming scoped aliases in
    /// `exclude_checks` drops the findings that answer nothing else.
    fn finding_filter(&self, meta: &CheckMetadata) -> FindingFilter {
        let scoped = |list: &[String]| -> Vec<ArcStr> {
            list.iter()
                .filter(|c| meta.alias(c).is_some_and(|a| a.is_scoped()))
                .map(|c| ArcStr::from(c.as_str()))
                .collect()
        };
        let names_whole_check =
            self.checks.iter().any(|c| c == &meta.id || meta.alias(c).is_some_and(|a| !a.is_scoped()));
        FindingFilter {
            only: if self.checks.is_empty() || names_whole_check { Vec::new() } else { scoped(&self.checks) },
            except: scoped(&self.exclude_checks),
        }
    }
}

/// See [`Filter::finding_filter`]. Both lists empty: every finding is kept.
struct FindingFilter {
    only: Vec<ArcStr>,
    except: Vec<ArcStr>,
}

impl FindingFilter {
    fn keeps(&self, f: &Finding) -> bool {
        let prowler = &f.source.prowler;
        (self.only.is_empty() || self.only.iter().any(|id| prowler.contains(id)))
            && (self.except.is_empty()
                || prowler.partial
                || prowler.is_empty()
                || !prowler.ids.iter().all(|id| self.except.contains(id)))
    }
}

/// The collector service that holds a check family's data (`vpc` data comes from EC2 calls), by name;
/// a family argus does not collect keeps its own name.
pub fn collector_service(check_service: &str) -> &str {
    match Service::of_check_family(check_service) {
        Some(service) => service.name(),
        None => check_service,
    }
}

/// The checks [`evaluate`] runs on `snapshot`: those `filter` selects whose service was collected.
pub fn selected_checks<'c>(snapshot: &Snapshot, checks: &'c [Check], filter: &Filter) -> Vec<&'c Check> {
    checks
        .iter()
        .filter(|c| {
            metadata::find(c.id).is_some_and(|m| {
                filter.selects(m)
                    && Service::of_check_family(&m.service)
                        .is_some_and(|s| snapshot.collection.services.iter().any(|c| c == s.name()))
            })
        })
        .collect()
}

/// Whether running `check` alone on `snapshot` builds the attack-path graph: the test holding each
/// check's `reads = ["attack_paths"]` declaration to what it reads.
#[cfg(test)]
pub(crate) fn builds_attack_graph(check: &Check, snapshot: &Snapshot) -> bool {
    let config = Config::default();
    let ctx = CheckContext::new(snapshot, &config, crate::testing::now());
    let mut sink = Findings::new(check, metadata::find(check.id), &ctx.account_id);
    (check.run)(&ctx, &mut sink);
    ctx.attack_graph.get().is_some()
}

/// Evaluates the selected checks ([`selected_checks`]). Checks whose service was not collected are
/// skipped (the caller reports them as not run); everything else yields at least one finding per
/// resource judged.
pub fn evaluate(
    snapshot: &Snapshot,
    checks: &[Check],
    filter: &Filter,
    config: &Config,
    now: DateTime<Utc>,
) -> Vec<Finding> {
    let ctx = CheckContext::new(snapshot, config, now);
    let mut selected: Vec<(&Check, Option<&CheckMetadata>)> =
        selected_checks(snapshot, checks, filter).into_iter().map(|c| (c, metadata::find(c.id))).collect();
    // The attack-path checks share the longest single task (their graph): started first, it overlaps
    // the other checks instead of trailing them. The order checks run in changes no output.
    selected.sort_by_key(|(_, meta)| meta.is_none_or(|m| m.service != "paths"));
    // The lookups are built before the checks start, so that no check waits while another builds
    // them. A bug that panics while building them is left to the checks needing them, which report it
    // as their ERROR.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ctx.index()));
    let run = |(check, meta): &(&Check, Option<&CheckMetadata>)| {
        let mut sink = Findings::new(check, *meta, &ctx.account_id);
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (check.run)(&ctx, &mut sink)));
        if ran.is_err() {
            // A bug in one check must neither read as a pass nor cost the other checks' findings.
            sink = Findings::new(check, *meta, &ctx.account_id);
            sink.error_message(ctx.account_resource(), CHECK_FAILED);
        }
        let mut list = sink.into_vec();
        if let Some(meta) = meta.filter(|m| !m.prowler_aliases.is_empty()) {
            let keep = filter.finding_filter(meta);
            list.retain(|f| keep.keeps(f));
        }
        // Stable: findings equal in every key keep the order their check gave them.
        list.sort_by(report_order);
        list
    };
    // Checks are independent: each runs on its own with its own findings.
    let mut per_check: Vec<Vec<Finding>> = selected.par_iter().map(run).collect();
    // Each list holds one check's findings, already in report order: ordered by check id, they join
    // into the report order.
    per_check.sort_by(|a, b| a.first().map(Finding::check_id).cmp(&b.first().map(Finding::check_id)));
    // Joined into one allocation of the final size: growing it by doubling would copy millions of
    // findings several times over.
    let mut findings: Vec<Finding> = Vec::with_capacity(per_check.iter().map(Vec::len).sum());
    per_check.into_iter().for_each(|list| findings.extend(list));
    findings
}

/// The ERROR message of a check that failed (panicked) instead of judging.
const CHECK_FAILED: &str =
    "could not be evaluated: the check stopped with an internal error (a bug in argus; please report it)";

#[cfg(test)]
mod tests {
    use super::*;

    fn resource(id: &str) -> Arc<Resource> {
        Arc::new(Resource { id: id.into(), region: "us-east-1".into(), ..Default::default() })
    }

    fn sink() -> Findings {
        Findings::new(&Check { id: "c", run: |_, _| {} }, None, &ArcStr::from("123456789012"))
    }

    #[test]
    fn a_check_that_panics_reports_an_error_and_the_others_still_run() {
        let snapshot = crate::testing::snapshot();
        let config = Config::default();
        let panicking = Check { id: "s3_bucket_object_versioning", run: |_, _| panic!("a bug in a check") };
        let mut all = crate::checks::all();
        let healthy = evaluate(&snapshot, &all, &Filter::default(), &config, crate::testing::now());
        for c in all.iter_mut().filter(|c| c.id == panicking.id) {
            *c = panicking;
        }
        // Every check (the workers' path) and the panicking check alone (the sequential path).
        for checks in [all.clone(), vec![panicking]] {
            let findings = evaluate(&snapshot, &checks, &Filter::default(), &config, crate::testing::now());
            let own: Vec<&Finding> = findings.iter().filter(|f| f.check_id() == panicking.id).collect();
            assert_eq!(own.len(), 1, "{own:?}");
            assert_eq!((own[0].status, own[0].message.as_str()), (Status::Error, CHECK_FAILED));
            let others = |list: &[Finding]| list.iter().filter(|f| f.check_id() != panicking.id).count();
            if checks.len() > 1 {
                assert_eq!(others(&findings), others(&healthy));
            }
        }
        assert!(healthy.windows(2).all(|w| w[0].check_id() <= w[1].check_id()), "joined in check order");
    }

    #[test]
    fn findings_come_in_report_order_whatever_order_a_check_emits_them() {
        let snapshot = crate::testing::snapshot();
        let reversed = Check {
            id: "s3_bucket_object_versioning",
            run: |_, out| {
                for (region, id, status) in [("us-east-1", "c", Status::Error), ("us-east-1", "a", Status::Fail)]
                    .into_iter()
                    .chain([("us-east-1", "a", Status::Pass), ("eu-west-1", "b", Status::Pass)])
                {
                    out.push(
                        status,
                        Arc::new(Resource { id: id.into(), region: region.into(), ..Default::default() }),
                        "m",
                    );
                }
            },
        };
        let findings = evaluate(&snapshot, &[reversed], &Filter::default(), &Config::default(), crate::testing::now());
        let got: Vec<(&str, &str, Status)> =
            findings.iter().map(|f| (f.resource.region.as_str(), f.resource.id.as_str(), f.status)).collect();
        assert_eq!(
            got,
            [
                ("eu-west-1", "b", Status::Pass),
                ("us-east-1", "a", Status::Pass),
                ("us-east-1", "a", Status::Fail),
                ("us-east-1", "c", Status::Error)
            ]
        );
    }

    #[test]
    fn resources_of_one_region_share_its_name() {
        let mut snapshot = crate::testing::snapshot();
        *crate::testing::buckets(&mut snapshot) = vec![crate::testing::bucket("a"), crate::testing::bucket("b")];
        let findings =
            evaluate(&snapshot, &crate::checks::all(), &Filter::default(), &Config::default(), crate::testing::now());
        let region_of = |id: &str| {
            findings.iter().find(|f| f.resource.id == id).map(|f| f.resource.region.clone()).expect("judged")
        };
        let (a, b) = (region_of("a"), region_of("b"));
        assert!(snapshot.regions.contains_key(a.as_str()), "{a}");
        assert!(ArcStr::ptr_eq(&a, &b), "one shared copy of {a}");
    }

    #[test]
    fn a_prowler_alias_selects_its_check_and_a_per_port_alias_only_its_findings() {
        use crate::checks::ec2::fixtures::{groups, sg, tcp};
        let high_risk = "ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports";
        let mysql = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306";
        let redis = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379";
        let mut snapshot = crate::testing::snapshot();
        let mut open_mysql = sg("sg-mysql", "mysql");
        open_mysql.ingress.push(tcp(3306, 3306, &["0.0.0.0/0"], &[]));
        let mut open_redis = sg("sg-redis", "redis");
        open_redis.ingress.push(tcp(6379, 6379, &["0.0.0.0/0"], &[]));
        groups(&mut snapshot).extend([open_mysql, open_redis]);
        let run = |filter: Filter| {
            let findings =
                evaluate(&snapshot, &crate::checks::all(), &filter, &Config::default(), crate::testing::now());
            findings
                .iter()
                .filter(|f| f.status == Status::Fail)
                .map(|f| format!("{} {}", f.check_id(), f.resource.id))
                .collect::<Vec<_>>()
        };
        let only = |ids: &[&str]| Filter { checks: ids.iter().map(|s| s.to_string()).collect(), ..Filter::default() };
        assert_eq!(run(only(&[mysql])), vec![format!("{high_risk} sg-mysql")]);
        assert_eq!(run(only(&[mysql, redis])), vec![format!("{high_risk} sg-mysql"), format!("{high_risk} sg-redis")]);
        assert_eq!(run(only(&[mysql, high_risk])).len(), 2, "the check itself: every finding");
        let without =
            |ids: &[&str]| Filter { exclude_checks: ids.iter().map(|s| s.to_string()).collect(), ..only(&[high_risk]) };
        assert_eq!(run(without(&[mysql])), vec![format!("{high_risk} sg-redis")]);
        assert!(run(without(&[high_risk])).is_empty());
    }

    #[test]
    fn opt_in_checks_run_only_when_named_or_included() {
        let mut meta = metadata::find("iam_root_mfa_enabled").expect("metadata").clone();
        let selects = |meta: &CheckMetadata, checks: &[&str], exclude: &[&str], only_when_named: bool| {
            Filter {
                checks: checks.iter().map(|s| s.to_string()).collect(),
                exclude_checks: exclude.iter().map(|s| s.to_string()).collect(),
                opt_in_only_when_named: only_when_named,
                ..Filter::default()
            }
            .selects(meta)
        };
        assert!(selects(&meta, &[], &[], true), "an ordinary check runs in a default scan");
        meta.opt_in = Some(metadata::OptIn { reason: "slow".into(), bounds: "one page".into() });
        let id = meta.id.clone();
        assert!(!selects(&meta, &[], &[], true), "left out of a default scan");
        assert!(selects(&meta, &[&id], &[], true), "named in --checks");
        assert!(!selects(&meta, &["iam_root_hardware_mfa_enabled"], &[], true), "another check named");
        assert!(selects(&meta, &[], &[], false), "--include-opt-in");
        assert!(!selects(&meta, &[&id], &[&id], true), "excluding wins over naming");
        assert!(!selects(&meta, &[], &[&id], false), "excluding wins over --include-opt-in");
        meta.prowler_aliases = vec![metadata::ProwlerAlias { id: "prowler_name".into(), tcp_ports: vec![] }];
        assert!(selects(&meta, &["prowler_name"], &[], true), "named by its Prowler alias");
    }

    #[test]
    fn several_failed_inputs_make_one_error_naming_each_once() {
        let mut out = sink();
        out.error_message(resource("a"), "policy unreadable");
        out.error_message(resource("a"), "ACL unreadable");
        out.error_message(resource("a"), "policy unreadable");
        out.error_message(resource("b"), "policy unreadable");
        let list = out.into_vec();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].message, "policy unreadable; also ACL unreadable");
        assert_eq!(list[1].message, "policy unreadable");
        assert!(list.iter().all(|f| f.status == Status::Error));
    }

    #[test]
    fn a_finding_holds_its_paths_in_one_pointer() {
        assert_eq!(
            std::mem::size_of::<Finding>(),
            std::mem::size_of::<Option<Arc<AttackPaths>>>() + 32,
            "the paths cost one pointer per finding"
        );
        assert_eq!(std::mem::size_of::<Option<Arc<AttackPaths>>>(), std::mem::size_of::<usize>());
        let mut out = sink();
        let paths = |n| AttackPaths { shown: vec![], not_shown: n };
        out.fail_with_paths(resource("a"), paths(1), "a reaches admin");
        out.pass(resource("b"), "b reaches nothing");
        out.error_with_paths(resource("c"), paths(2), "c may reach admin");
        out.error_with_paths(resource("c"), paths(3), "c may reach data");
        let list = out.into_vec();
        let got: Vec<(Status, Option<usize>)> =
            list.iter().map(|f| (f.status, f.paths.as_ref().map(|p| p.not_shown))).collect();
        assert_eq!(got, [(Status::Fail, Some(1)), (Status::Pass, None), (Status::Error, Some(2))]);
        assert_eq!(list[2].message, "c may reach admin; also c may reach data");
    }
}
