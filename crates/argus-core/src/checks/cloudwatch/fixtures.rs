//! Fixture builders for the monitoring checks: a complete trail → log group → metric filter →
//! alarm → SNS topic chain, to be broken one link at a time.

use crate::checks::cloudtrail::fixtures::{trail, trails};
use crate::engine::{Check, Status};
use crate::snapshot::*;
use crate::testing::*;

pub(crate) const GROUP: &str = "cloudtrail-events";
pub(crate) const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:security-alerts";

pub(crate) fn cloudwatch(s: &mut Snapshot) -> &mut CloudWatchRegion {
    region_mut(s, REGION).cloudwatch.as_mut().expect("fixture has CloudWatch")
}

pub(crate) fn sns(s: &mut Snapshot) -> &mut SnsRegion {
    region_mut(s, REGION).sns.as_mut().expect("fixture has SNS")
}

pub(crate) fn metric(name: &str) -> MetricName {
    MetricName { namespace: "CISBenchmark".into(), name: name.into() }
}

/// An account whose multi-region trail delivers to [`GROUP`], where filter `filter` with `pattern`
/// publishes a metric watched by an alarm notifying [`TOPIC`] (one confirmed subscription).
pub(crate) fn monitored(filter: &str, pattern: &str) -> Snapshot {
    let mut s = snapshot();
    trails(&mut s, REGION).push(Trail {
        is_multi_region: true,
        cloudwatch_logs_log_group_arn: Some(format!("arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{GROUP}:*")),
        ..trail(REGION, "org-trail")
    });
    add_filter(&mut s, filter, pattern);
    list(&mut sns(&mut s).topics).push(Topic {
        arn: TOPIC.into(),
        name: "security-alerts".into(),
        attributes: Fetched::Ok(TopicAttributes { subscriptions_confirmed: Some(1), ..Default::default() }),
    });
    list(&mut sns(&mut s).subscriptions).push(Subscription {
        arn: format!("{TOPIC}:oncall"),
        topic_arn: TOPIC.into(),
        protocol: "email".into(),
    });
    s
}

/// Adds a filter on [`GROUP`] and an alarm on its metric notifying [`TOPIC`].
pub(crate) fn add_filter(s: &mut Snapshot, filter: &str, pattern: &str) {
    let cw = cloudwatch(s);
    list(&mut cw.metric_filters).push(MetricFilter {
        name: filter.into(),
        log_group_name: GROUP.into(),
        pattern: pattern.into(),
        metrics: vec![metric(filter)],
    });
    list(&mut cw.alarms).push(MetricAlarm {
        name: format!("{filter}-alarm"),
        arn: format!("arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:{filter}-alarm"),
        metric: Some(metric(filter)),
        actions_enabled: true,
        alarm_actions: vec![TOPIC.into()],
    });
}

/// The check passes with its CIS pattern, fails when the pattern misses the control's last event or
/// the topic has no confirmed subscriber, and is an ERROR when the alarms could not be read.
pub(crate) fn assert_pass_fail_error(check: Check, cis_pattern: &str) {
    let meta = crate::engine::metadata::find(check.id).expect("metadata");
    let f = run_check(check, &monitored("cis", cis_pattern));
    assert_eq!(status_of(&f, ACCOUNT), Status::Pass, "{}: {}", check.id, f[0].message);
    assert!(f[0].message.contains("metric filter cis matches all"), "{}", f[0].message);

    // The same filter with its last event excluded.
    let inner = cis_pattern.trim().trim_start_matches('{').trim_end_matches('}');
    let last = last_event_name(&meta.compliance.cis_5_0);
    let narrowed = format!("{{ ({inner}) && ($.eventName != \"{last}\") }}");
    let f = run_check(check, &monitored("narrowed", &narrowed));
    assert_eq!(status_of(&f, ACCOUNT), Status::Fail, "{}: {}", check.id, f[0].message);
    // A control of one event is then missed entirely.
    let missed = ["metric filter narrowed of log group cloudtrail-events misses", "1 other metric filter(s)"];
    assert!(missed.iter().any(|m| f[0].message.contains(m)), "{}", f[0].message);

    // The subscription list is current; the attribute lags (and moto never counts).
    let mut s = monitored("cis", cis_pattern);
    list(&mut sns(&mut s).subscriptions)[0].arn = "PendingConfirmation".into();
    let f = run_check(check, &s);
    assert_eq!(status_of(&f, ACCOUNT), Status::Fail);
    assert!(f[0].message.contains("which has no confirmed subscription"), "{}", f[0].message);
    // Without the list, the attribute answers.
    sns(&mut s).subscriptions = Fetched::Err(denied("sns", "ListSubscriptions"));
    assert_eq!(status_of(&run_check(check, &s), ACCOUNT), Status::Pass);
    list(&mut sns(&mut s).topics)[0].attributes = Fetched::Err(denied("sns", "GetTopicAttributes"));
    assert_eq!(status_of(&run_check(check, &s), ACCOUNT), Status::Error);

    let mut s = monitored("cis", cis_pattern);
    cloudwatch(&mut s).alarms = Fetched::Err(denied("cloudwatch", "DescribeAlarms"));
    let f = run_check(check, &s);
    assert_eq!(status_of(&f, ACCOUNT), Status::Error);
    assert!(f[0].message.contains("cloudwatch:DescribeAlarms"), "{}", f[0].message);
}

/// The eventName of the last event the control (by its CIS v5.0 id) requires.
fn last_event_name(cis: &[String]) -> String {
    use crate::monitoring::Control::*;
    let control = match cis.first().map(String::as_str) {
        Some("4.1") => UnauthorizedApiCalls,
        Some("4.2") => SignInWithoutMfa,
        Some("4.3") => RootUsage,
        Some("4.4") => IamPolicyChanges,
        Some("4.5") => CloudTrailChanges,
        Some("4.6") => ConsoleAuthenticationFailures,
        Some("4.7") => KmsKeyDisableOrDeletion,
        Some("4.8") => S3BucketPolicyChanges,
        Some("4.9") => ConfigChanges,
        Some("4.10") => SecurityGroupChanges,
        Some("4.11") => NetworkAclChanges,
        Some("4.12") => NetworkGatewayChanges,
        Some("4.13") => RouteTableChanges,
        Some("4.14") => VpcChanges,
        _ => OrganizationsChanges,
    };
    let events = control.required_events();
    events.last().and_then(|e| e.event["eventName"].as_str()).unwrap_or_default().to_string()
}
