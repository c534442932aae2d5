//! The one judgement behind the fifteen CIS monitoring checks: a logging multi-region trail that
//! records write management events delivers to a CloudWatch Logs group; a metric filter of that
//! group matches every event the control names (its pattern parsed and evaluated, see
//! `crate::monitoring`); an alarm with enabled actions watches the filter's metric; and one of the
//! alarm's actions is an SNS topic with at least one confirmed subscription.
//!
//! One finding per account (the trail is account-wide). A chain broken by missing data (a listing
//! that failed, a region or service not collected, a log group or topic of another account) is an
//! ERROR unless another chain passes.

use crate::checks::cloudtrail::selectors::{management_events, selectors_of, TrailVerdict};
use crate::engine::{CheckContext, Findings};
use crate::monitoring::{coverage, Control, Coverage, Pattern, RequiredEvent};
use crate::snapshot::{CloudWatchRegion, Fetched, MetricFilter, SnsRegion, Trail};

/// Reasons kept in a FAIL or ERROR message; the rest are counted.
const SHOWN_REASONS: usize = 6;

/// A broken chain: why, and whether missing data (not the account) broke it.
enum Broken {
    Fail(String),
    Unknown(String),
}

pub(crate) fn judge(ctx: &CheckContext<'_>, out: &mut Findings, control: Control) {
    let r = ctx.account_resource();
    let listings: Vec<(&str, &Fetched<Vec<Trail>>)> = ctx
        .snapshot
        .regions
        .iter()
        .filter_map(|(region, data)| data.cloudtrail.as_ref().map(|ct| (region.as_str(), &ct.trails)))
        .collect();
    if listings.is_empty() {
        return out
            .error_message(r, "could not be evaluated: CloudTrail was not collected (add cloudtrail to --services)");
    }
    let events = control.required_events();
    let mut broken = Vec::new();
    for (region, listing) in &listings {
        if let Fetched::Err(e) = listing {
            broken.push(Broken::Unknown(format!("trails of {region} unreadable ({})", e.brief())));
        }
    }
    let trails = listings.iter().filter_map(|(_, l)| l.ok()).flatten().filter(|t| t.is_multi_region);
    let mut any_multi_region = false;
    for t in trails {
        any_multi_region = true;
        match judge_trail(ctx, t, control, &events) {
            Ok(message) => return out.pass(r, message),
            Err(b) => broken.extend(b),
        }
    }
    if !any_multi_region && broken.is_empty() {
        broken.push(Broken::Fail("no multi-region trail exists".into()));
    }
    let unknown = broken.iter().any(|b| matches!(b, Broken::Unknown(_)));
    let reasons: Vec<&str> = broken
        .iter()
        .map(|b| match b {
            Broken::Fail(m) | Broken::Unknown(m) => m.as_str(),
        })
        .collect();
    let mut text = reasons.iter().take(SHOWN_REASONS).copied().collect::<Vec<_>>().join("; ");
    if reasons.len() > SHOWN_REASONS {
        text.push_str(&format!("; and {} more", reasons.len() - SHOWN_REASONS));
    }
    let subject = control.subject();
    if unknown {
        out.error_message(r, format_args!("could not be evaluated: no alarm on {subject} was found, but {text}"));
    } else {
        out.fail(r, format_args!("No CloudWatch alarm notifies anyone of {subject}: {text}."));
    }
}

/// The PASS message for a trail whose chain is complete, or every reason it is not.
fn judge_trail(
    ctx: &CheckContext<'_>,
    t: &Trail,
    control: Control,
    events: &[RequiredEvent],
) -> Result<String, Vec<Broken>> {
    match &t.is_logging {
        Fetched::Err(e) => {
            return Err(vec![Broken::Unknown(format!("status of trail {} unreadable ({})", t.name, e.brief()))])
        }
        Fetched::Ok(false) => return Err(vec![Broken::Fail(format!("trail {} is not logging", t.name))]),
        Fetched::Ok(true) => {}
    }
    match selectors_of(t) {
        Err(TrailVerdict::Unknown(m)) => return Err(vec![Broken::Unknown(m)]),
        Err(_) => {}
        Ok(s) if !management_events(s).write => {
            return Err(vec![Broken::Fail(format!("trail {} does not record write management events", t.name))])
        }
        Ok(_) => {}
    }
    let Some(group_arn) = t.cloudwatch_logs_log_group_arn.as_deref() else {
        return Err(vec![Broken::Fail(format!("trail {} does not deliver to CloudWatch Logs", t.name))]);
    };
    // arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME[:*]; log group names hold no ':'.
    let parts: Vec<&str> = group_arn.split(':').collect();
    let (Some(region), Some(account), Some(group)) = (parts.get(3), parts.get(4), parts.get(6)) else {
        return Err(vec![Broken::Unknown(format!("trail {} names an unreadable log group ARN {group_arn}", t.name))]);
    };
    if *account != ctx.account_id() {
        return Err(vec![Broken::Unknown(format!(
            "trail {} delivers to log group {group} of account {account}: judge its filters and alarms there",
            t.name
        ))]);
    }
    let cloudwatch = cloudwatch_in(ctx, region).map_err(|m| vec![Broken::Unknown(m)])?;
    let filters = match &cloudwatch.metric_filters {
        Fetched::Ok(f) => f,
        Fetched::Err(e) => {
            return Err(vec![Broken::Unknown(format!("metric filters of {region} unreadable ({})", e.brief()))])
        }
    };
    let on_group: Vec<&MetricFilter> = filters.iter().filter(|f| f.log_group_name == *group).collect();
    if on_group.is_empty() {
        return Err(vec![Broken::Fail(format!("log group {group} of trail {} has no metric filter", t.name))]);
    }
    let mut broken = Vec::new();
    // Filters for other events entirely are counted, not listed one by one.
    let mut unrelated = 0;
    for f in on_group {
        match Pattern::parse(&f.pattern) {
            Err(e) => broken.push(Broken::Fail(format!("metric filter {} has an unreadable pattern ({e})", f.name))),
            Ok(p) => match coverage(&p, events) {
                Coverage::Missed { matched: 0, .. } => unrelated += 1,
                Coverage::Missed { label, matched, of } => broken.push(Broken::Fail(format!(
                    "metric filter {} of log group {group} misses {label} (matches {matched} of {of} events)",
                    f.name
                ))),
                Coverage::Complete => match alarmed(ctx, cloudwatch, region, f) {
                    Ok(how) => {
                        return Ok(format!(
                            "Multi-region trail {} delivers to log group {group} ({region}), whose metric filter {} matches all {} events of {}; {how}.",
                            t.name,
                            f.name,
                            events.len(),
                            control.subject()
                        ))
                    }
                    Err(b) => broken.extend(b),
                },
            },
        }
    }
    if unrelated > 0 {
        broken.push(Broken::Fail(format!(
            "{unrelated} other metric filter(s) of log group {group} match none of its events"
        )));
    }
    Err(broken)
}

fn cloudwatch_in<'a>(ctx: &CheckContext<'a>, region: &str) -> Result<&'a CloudWatchRegion, String> {
    let data = ctx.snapshot.regions.get(region).ok_or_else(|| format!("region {region} was not audited"))?;
    data.cloudwatch
        .as_ref()
        .ok_or_else(|| format!("CloudWatch was not collected in {region} (add cloudwatch to --services)"))
}

fn sns_in<'a>(ctx: &CheckContext<'a>, region: &str) -> Result<&'a SnsRegion, String> {
    let data = ctx.snapshot.regions.get(region).ok_or_else(|| format!("region {region} was not audited"))?;
    data.sns.as_ref().ok_or_else(|| format!("SNS was not collected in {region} (add sns to --services)"))
}

/// "alarm A on NS/M notifies SNS topic T (n confirmed subscriptions)", or why no alarm does.
fn alarmed(
    ctx: &CheckContext<'_>,
    cloudwatch: &CloudWatchRegion,
    region: &str,
    f: &MetricFilter,
) -> Result<String, Vec<Broken>> {
    let alarms = match &cloudwatch.alarms {
        Fetched::Ok(a) => a,
        Fetched::Err(e) => return Err(vec![Broken::Unknown(format!("alarms of {region} unreadable ({})", e.brief()))]),
    };
    let mut broken = Vec::new();
    for metric in &f.metrics {
        let watching: Vec<_> = alarms.iter().filter(|a| a.metric.as_ref() == Some(metric)).collect();
        if watching.is_empty() {
            broken.push(Broken::Fail(format!(
                "metric filter {} publishes {}/{}, but no alarm watches it",
                f.name, metric.namespace, metric.name
            )));
        }
        for a in watching {
            if !a.actions_enabled {
                broken.push(Broken::Fail(format!("alarm {} has its actions disabled", a.name)));
                continue;
            }
            let topics: Vec<&str> = a.alarm_actions.iter().map(String::as_str).filter(|x| is_sns_topic(x)).collect();
            if topics.is_empty() {
                broken.push(Broken::Fail(format!("alarm {} notifies no SNS topic", a.name)));
            }
            for topic in topics {
                match confirmed_subscriptions(ctx, topic) {
                    Ok(0) => broken.push(Broken::Fail(format!(
                        "alarm {} notifies SNS topic {topic}, which has no confirmed subscription",
                        a.name
                    ))),
                    Ok(n) => {
                        return Ok(format!(
                            "alarm {} on {}/{} notifies SNS topic {topic} ({n} confirmed subscription(s))",
                            a.name, metric.namespace, metric.name
                        ))
                    }
                    Err(b) => broken.push(b),
                }
            }
        }
    }
    if f.metrics.is_empty() {
        broken.push(Broken::Fail(format!("metric filter {} publishes no metric", f.name)));
    }
    Err(broken)
}

fn is_sns_topic(arn: &str) -> bool {
    arn.split(':').nth(2) == Some("sns")
}

/// Confirmed subscriptions of a topic: its confirmed entries in the region's subscription list
/// (current; moto also leaves SubscriptionsConfirmed at 0), else its SubscriptionsConfirmed
/// attribute (which AWS updates with a delay).
fn confirmed_subscriptions(ctx: &CheckContext<'_>, topic_arn: &str) -> Result<u64, Broken> {
    let parts: Vec<&str> = topic_arn.split(':').collect();
    let (region, account) = (parts.get(3).copied().unwrap_or(""), parts.get(4).copied().unwrap_or(""));
    if account != ctx.account_id() {
        return Err(Broken::Unknown(format!(
            "SNS topic {topic_arn} belongs to account {account}: its subscriptions are judged there"
        )));
    }
    let sns = sns_in(ctx, region).map_err(Broken::Unknown)?;
    let topics = match &sns.topics {
        Fetched::Ok(t) => t,
        Fetched::Err(e) => return Err(Broken::Unknown(format!("SNS topics of {region} unreadable ({})", e.brief()))),
    };
    let Some(topic) = topics.iter().find(|t| t.arn == topic_arn) else {
        return Err(Broken::Fail(format!("SNS topic {topic_arn} does not exist")));
    };
    match (&sns.subscriptions, &topic.attributes) {
        (Fetched::Ok(subs), _) => {
            Ok(subs.iter().filter(|s| s.topic_arn == topic_arn && s.is_confirmed()).count() as u64)
        }
        (Fetched::Err(_), Fetched::Ok(attrs)) if attrs.subscriptions_confirmed.is_some() => {
            Ok(attrs.subscriptions_confirmed.unwrap_or_default())
        }
        (Fetched::Err(e), _) => {
            Err(Broken::Unknown(format!("subscriptions of SNS topic {topic_arn} unreadable ({})", e.brief())))
        }
    }
}
