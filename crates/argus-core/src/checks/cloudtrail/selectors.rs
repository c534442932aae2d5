//! What a trail records, read from its classic or advanced event selectors, and the per-region
//! verdict "a logging trail covering this region records X" shared by the selector checks.

use crate::engine::{CheckContext, Findings};
use crate::snapshot::{AdvancedEventSelector, AdvancedFieldSelector, EventSelectors, Fetched, Trail};

/// Which halves of a kind of event a trail records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ReadWrite {
    pub read: bool,
    pub write: bool,
}

impl ReadWrite {
    const BOTH: ReadWrite = ReadWrite { read: true, write: true };

    fn from_type(read_write_type: &str) -> ReadWrite {
        match read_write_type {
            "ReadOnly" => ReadWrite { read: true, write: false },
            "WriteOnly" => ReadWrite { read: false, write: true },
            _ => ReadWrite::BOTH,
        }
    }

    fn union(self, other: ReadWrite) -> ReadWrite {
        ReadWrite { read: self.read || other.read, write: self.write || other.write }
    }

    /// An advanced selector's `readOnly` field: absent records both.
    fn from_read_only_field(selector: &AdvancedEventSelector) -> ReadWrite {
        match field(selector, "readOnly") {
            None => ReadWrite::BOTH,
            Some(f) => {
                let allows = |v: &str| {
                    (f.equals.is_empty() || f.equals.iter().any(|e| e.eq_ignore_ascii_case(v)))
                        && !f.not_equals.iter().any(|e| e.eq_ignore_ascii_case(v))
                };
                ReadWrite { read: allows("true"), write: allows("false") }
            }
        }
    }
}

fn field<'s>(selector: &'s AdvancedEventSelector, name: &str) -> Option<&'s AdvancedFieldSelector> {
    selector.field_selectors.iter().find(|f| f.field == name)
}

fn field_equals(selector: &AdvancedEventSelector, name: &str, value: &str) -> bool {
    field(selector, name).is_some_and(|f| f.equals.iter().any(|v| v == value))
}

/// Management events recorded (classic selectors with IncludeManagementEvents, advanced selectors
/// with `eventCategory = Management`).
pub(crate) fn management_events(s: &EventSelectors) -> ReadWrite {
    let classic =
        s.classic.iter().filter(|c| c.include_management_events).map(|c| ReadWrite::from_type(&c.read_write_type));
    let advanced = s
        .advanced
        .iter()
        .filter(|a| field_equals(a, "eventCategory", "Management"))
        .map(ReadWrite::from_read_only_field);
    classic.chain(advanced).fold(ReadWrite::default(), ReadWrite::union)
}

/// How much of S3's object-level activity (of one direction) a trail records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum S3Objects {
    /// Every bucket; the conditions that exclude some events (ARNs, event names, identities), if any.
    AllBuckets {
        exclusions: Vec<String>,
    },
    /// Only the objects these conditions select.
    Limited(Vec<String>),
    None,
}

/// S3 object-level data events of one direction (`write`: PutObject, DeleteObject, ...; otherwise
/// GetObject, ...).
pub(crate) fn s3_object_events(s: &EventSelectors, write: bool) -> S3Objects {
    let wanted = |rw: ReadWrite| if write { rw.write } else { rw.read };
    let mut limited = Vec::new();
    for c in s.classic.iter().filter(|c| wanted(ReadWrite::from_type(&c.read_write_type))) {
        for d in c.data_resources.iter().filter(|d| d.resource_type == "AWS::S3::Object") {
            if d.values.iter().any(|v| is_every_bucket(v)) {
                return S3Objects::AllBuckets { exclusions: vec![] };
            }
            limited.extend(d.values.iter().cloned());
        }
    }
    let mut best: Option<Vec<String>> = None;
    for a in &s.advanced {
        if !field_equals(a, "eventCategory", "Data")
            || !field_equals(a, "resources.type", "AWS::S3::Object")
            || !wanted(ReadWrite::from_read_only_field(a))
        {
            continue;
        }
        let mut narrowing = Vec::new();
        let mut exclusions = Vec::new();
        for f in a
            .field_selectors
            .iter()
            .filter(|f| !matches!(f.field.as_str(), "eventCategory" | "resources.type" | "readOnly"))
        {
            for (op, values) in [("=", &f.equals), ("starts with", &f.starts_with), ("ends with", &f.ends_with)] {
                narrowing.extend(values.iter().map(|v| format!("{} {op} {v}", f.field)));
            }
            for (op, values) in [
                ("!=", &f.not_equals),
                ("not starting with", &f.not_starts_with),
                ("not ending with", &f.not_ends_with),
            ] {
                exclusions.extend(values.iter().map(|v| format!("{} {op} {v}", f.field)));
            }
        }
        if narrowing.is_empty() {
            if best.as_ref().is_none_or(|b| exclusions.len() < b.len()) {
                best = Some(exclusions);
            }
        } else {
            limited.extend(narrowing);
        }
    }
    match best {
        Some(exclusions) => S3Objects::AllBuckets { exclusions },
        None if limited.is_empty() => S3Objects::None,
        None => S3Objects::Limited(limited),
    }
}

/// Whether `value` satisfies one advanced field condition (every operator it sets).
fn condition_allows(f: &AdvancedFieldSelector, value: &str) -> bool {
    (f.equals.is_empty() || f.equals.iter().any(|v| v == value))
        && (f.starts_with.is_empty() || f.starts_with.iter().any(|p| value.starts_with(p.as_str())))
        && (f.ends_with.is_empty() || f.ends_with.iter().any(|p| value.ends_with(p.as_str())))
        && !f.not_equals.iter().any(|v| v == value)
        && !f.not_starts_with.iter().any(|p| value.starts_with(p.as_str()))
        && !f.not_ends_with.iter().any(|p| value.ends_with(p.as_str()))
}

/// The selector sets a condition on `name` and every such condition allows `value`.
fn selects(selector: &AdvancedEventSelector, name: &str, value: &str) -> bool {
    let mut conditions = selector.field_selectors.iter().filter(|f| f.field == name).peekable();
    conditions.peek().is_some() && conditions.all(|f| condition_allows(f, value))
}

/// Every condition on `name` (if any) allows `value`.
fn admits(selector: &AdvancedEventSelector, name: &str, value: &str) -> bool {
    selector.field_selectors.iter().filter(|f| f.field == name).all(|f| condition_allows(f, value))
}

/// Event sources of Amazon Bedrock's control-plane and runtime APIs.
pub(crate) const BEDROCK_EVENT_SOURCES: [&str; 6] = [
    "bedrock.amazonaws.com",
    "bedrock-agent.amazonaws.com",
    "bedrock-runtime.amazonaws.com",
    "bedrock-agent-runtime.amazonaws.com",
    "bedrock-data-automation.amazonaws.com",
    "bedrock-data-automation-runtime.amazonaws.com",
];

/// Amazon Bedrock's data-event resource types.
pub(crate) const BEDROCK_RESOURCE_TYPES: [&str; 7] = [
    "AWS::Bedrock::AgentAlias",
    "AWS::Bedrock::FlowAlias",
    "AWS::Bedrock::Guardrail",
    "AWS::Bedrock::InlineAgent",
    "AWS::Bedrock::KnowledgeBase",
    "AWS::Bedrock::Model",
    "AWS::Bedrock::Prompt",
];

/// How a trail records Amazon Bedrock API calls, if it does: management write events (classic, or an
/// advanced Management selector whose event sources admit Bedrock's), or Bedrock data events.
pub(crate) fn bedrock_events(s: &EventSelectors) -> Option<String> {
    if s.classic.iter().any(|c| c.include_management_events && ReadWrite::from_type(&c.read_write_type).write) {
        return Some("records management events, which include Amazon Bedrock's control-plane API calls".into());
    }
    for a in &s.advanced {
        if selects(a, "eventCategory", "Management")
            && admits(a, "readOnly", "false")
            && BEDROCK_EVENT_SOURCES.iter().any(|src| admits(a, "eventSource", src))
        {
            return Some(format!(
                "records management events{} with Amazon Bedrock's event sources",
                a.name.as_deref().map(|n| format!(" (advanced selector {n})")).unwrap_or_default()
            ));
        }
        if selects(a, "eventCategory", "Data") {
            if let Some(t) = BEDROCK_RESOURCE_TYPES.iter().find(|t| selects(a, "resources.type", t)) {
                return Some(format!("records Amazon Bedrock data events ({t})"));
            }
        }
    }
    None
}

/// How a trail records invocations of the Lambda function `function_arn`, if it does: a classic data
/// resource of type AWS::Lambda::Function naming it or every function (`arn:PARTITION:lambda`), or an
/// advanced Data selector on AWS::Lambda::Function whose ARN conditions (if any) admit it.
pub(crate) fn lambda_invocations(s: &EventSelectors, function_arn: &str) -> Option<String> {
    for c in s.classic.iter() {
        for d in c.data_resources.iter().filter(|d| d.resource_type == "AWS::Lambda::Function") {
            if let Some(v) = d.values.iter().find(|v| is_every_function(v) || v.as_str() == function_arn) {
                let what = if is_every_function(v) { "every function" } else { "this function" };
                return Some(format!("records Lambda data events of {what} (classic selector)"));
            }
        }
    }
    for a in &s.advanced {
        if selects(a, "eventCategory", "Data")
            && selects(a, "resources.type", "AWS::Lambda::Function")
            && admits(a, "resources.ARN", function_arn)
        {
            return Some(format!(
                "records Lambda data events{} of this function",
                a.name.as_deref().map(|n| format!(" (advanced selector {n})")).unwrap_or_default()
            ));
        }
    }
    None
}

/// `arn:aws:lambda` (any partition) selects every function in a classic selector.
fn is_every_function(value: &str) -> bool {
    let v = value.trim_end_matches([':', '*']);
    v.starts_with("arn:") && v.ends_with(":lambda") && v.matches(':').count() == 2
}

/// `arn:aws:s3` (or `arn:aws:s3:::`, with any partition) selects every bucket in a classic selector.
fn is_every_bucket(value: &str) -> bool {
    let v = value.trim_end_matches([':', '/', '*']);
    v.starts_with("arn:") && v.ends_with(":s3") && v.matches(':').count() == 2
}

/// One trail's answer to a selector check.
pub(crate) enum TrailVerdict {
    Records(String),
    DoesNot(String),
    Unknown(String),
}

/// The trail's selectors, or why they are not known.
pub(crate) fn selectors_of(t: &Trail) -> Result<&EventSelectors, TrailVerdict> {
    match &t.event_selectors {
        Some(Fetched::Ok(s)) => Ok(s),
        Some(Fetched::Err(e)) => {
            Err(TrailVerdict::Unknown(format!("selectors of trail {} unreadable ({})", t.name, e.brief())))
        }
        None => Err(TrailVerdict::Unknown(format!(
            "the event selectors of trail {} were not collected (a snapshot of an older argus)",
            t.name
        ))),
    }
}

/// One finding per audited region: PASS when a logging trail covering it (a multi-region trail homed
/// anywhere, or, unless `multi_region_only`, one homed in the region) records `what` by `judge`;
/// ERROR when data that could hold such a trail is missing; FAIL otherwise, with each candidate's reason.
pub(crate) fn judge_regions(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    what: &str,
    multi_region_only: bool,
    judge: impl Fn(&Trail) -> TrailVerdict,
) {
    let listings: Vec<(&str, &Fetched<Vec<Trail>>)> = ctx
        .snapshot
        .regions
        .iter()
        .filter_map(|(region, data)| data.cloudtrail.as_ref().map(|ct| (region.as_str(), &ct.trails)))
        .collect();
    let multi_region: Vec<&Trail> =
        listings.iter().filter_map(|(_, l)| l.ok()).flatten().filter(|t| t.is_multi_region).collect();
    for (region, listing) in &listings {
        let r = ctx.region_resource(region);
        let local: Vec<&Trail> = match (multi_region_only, listing) {
            (true, _) | (false, Fetched::Err(_)) => vec![],
            (false, Fetched::Ok(trails)) => trails.iter().filter(|t| !t.is_multi_region).collect(),
        };
        let (mut reasons, mut unknown) = (Vec::new(), Vec::new());
        let mut passed = None;
        for t in multi_region.iter().chain(&local) {
            let verdict = match &t.is_logging {
                Fetched::Err(e) => {
                    TrailVerdict::Unknown(format!("status of trail {} unreadable ({})", t.name, e.brief()))
                }
                Fetched::Ok(false) => TrailVerdict::DoesNot(format!("trail {} is not logging", t.name)),
                Fetched::Ok(true) => judge(t),
            };
            match verdict {
                TrailVerdict::Records(m) => {
                    let scope = if t.is_multi_region { "multi-region trail" } else { "trail" };
                    passed = Some(format!("Logging {scope} {} (home region {}) {m}.", t.name, t.home_region));
                    break;
                }
                TrailVerdict::DoesNot(m) => reasons.push(m),
                TrailVerdict::Unknown(m) => unknown.push(m),
            }
        }
        if let Some(message) = passed {
            out.pass(r, message);
            continue;
        }
        if let Fetched::Err(e) = listing {
            unknown.push(format!("trails of {region} unreadable ({})", e.brief()));
        }
        unknown.extend(
            listings
                .iter()
                .filter(|(other, _)| other != region)
                .filter_map(|(other, l)| l.err().map(|e| format!("trails of {other} unreadable ({})", e.brief()))),
        );
        let scope = if multi_region_only {
            "logging multi-region trail".to_string()
        } else {
            format!("logging trail covering {region}")
        };
        if !unknown.is_empty() {
            unknown.extend(reasons);
            out.error_message(
                r,
                format_args!(
                    "could not be evaluated: no {scope} recording {what} was found, but {}",
                    unknown.join("; ")
                ),
            );
        } else {
            if reasons.is_empty() {
                reasons
                    .push(if multi_region_only { "no multi-region trail exists" } else { "no trail covers it" }.into());
            }
            out.fail(r, format_args!("No {scope} records {what}: {}.", reasons.join("; ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{ClassicEventSelector, DataResource};

    fn classic(rw: &str, management: bool, s3: &[&str]) -> ClassicEventSelector {
        ClassicEventSelector {
            read_write_type: rw.into(),
            include_management_events: management,
            data_resources: if s3.is_empty() {
                vec![]
            } else {
                vec![DataResource {
                    resource_type: "AWS::S3::Object".into(),
                    values: s3.iter().map(|v| v.to_string()).collect(),
                }]
            },
        }
    }

    fn advanced(fields: &[(&str, &str, &[&str])]) -> AdvancedEventSelector {
        AdvancedEventSelector {
            name: None,
            field_selectors: fields
                .iter()
                .map(|(name, op, values)| {
                    let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
                    let mut f = AdvancedFieldSelector { field: name.to_string(), ..Default::default() };
                    match *op {
                        "=" => f.equals = values,
                        "^" => f.starts_with = values,
                        "!=" => f.not_equals = values,
                        _ => f.not_starts_with = values,
                    }
                    f
                })
                .collect(),
        }
    }

    #[test]
    fn management_events_from_classic_and_advanced_selectors() {
        let both = ReadWrite { read: true, write: true };
        let s = EventSelectors { classic: vec![classic("All", true, &[])], advanced: vec![] };
        assert_eq!(management_events(&s), both);
        let s = EventSelectors {
            classic: vec![classic("ReadOnly", true, &[]), classic("WriteOnly", true, &[])],
            advanced: vec![],
        };
        assert_eq!(management_events(&s), both);
        let s = EventSelectors { classic: vec![classic("All", false, &["arn:aws:s3"])], advanced: vec![] };
        assert_eq!(management_events(&s), ReadWrite::default());
        let s = EventSelectors {
            classic: vec![],
            advanced: vec![advanced(&[("eventCategory", "=", &["Management"]), ("readOnly", "=", &["false"])])],
        };
        assert_eq!(management_events(&s), ReadWrite { read: false, write: true });
        let s =
            EventSelectors { classic: vec![], advanced: vec![advanced(&[("eventCategory", "=", &["Management"])])] };
        assert_eq!(management_events(&s), both);
    }

    #[test]
    fn bedrock_events_from_management_or_bedrock_data_selectors() {
        let s = EventSelectors { classic: vec![classic("WriteOnly", true, &[])], advanced: vec![] };
        assert!(bedrock_events(&s).is_some());
        let s = EventSelectors { classic: vec![classic("ReadOnly", true, &[])], advanced: vec![] };
        assert_eq!(bedrock_events(&s), None);
        let s = EventSelectors { classic: vec![classic("All", false, &["arn:aws:s3"])], advanced: vec![] };
        assert_eq!(bedrock_events(&s), None);
        let adv =
            |fields: &[(&str, &str, &[&str])]| EventSelectors { classic: vec![], advanced: vec![advanced(fields)] };
        assert!(bedrock_events(&adv(&[("eventCategory", "=", &["Management"])])).is_some());
        assert_eq!(
            bedrock_events(&adv(&[("eventCategory", "=", &["Management"]), ("readOnly", "=", &["true"])])),
            None
        );
        assert_eq!(
            bedrock_events(&adv(&[
                ("eventCategory", "=", &["Management"]),
                ("eventSource", "=", &["s3.amazonaws.com"])
            ])),
            None
        );
        assert!(bedrock_events(&adv(&[
            ("eventCategory", "=", &["Management"]),
            ("eventSource", "!=", &["kms.amazonaws.com"])
        ]))
        .is_some());
        assert!(bedrock_events(&adv(&[
            ("eventCategory", "=", &["Data"]),
            ("resources.type", "=", &["AWS::Bedrock::Model"])
        ]))
        .is_some());
        assert_eq!(
            bedrock_events(&adv(&[("eventCategory", "=", &["Data"]), ("resources.type", "=", &["AWS::S3::Object"])])),
            None
        );
    }

    #[test]
    fn lambda_invocations_classic_all_or_named_advanced_admitting_the_arn() {
        let arn = "arn:aws:lambda:us-east-1:123456789012:function:f";
        let lambda = |values: &[&str]| EventSelectors {
            classic: vec![ClassicEventSelector {
                read_write_type: "All".into(),
                include_management_events: true,
                data_resources: vec![DataResource {
                    resource_type: "AWS::Lambda::Function".into(),
                    values: values.iter().map(|v| v.to_string()).collect(),
                }],
            }],
            advanced: vec![],
        };
        assert!(lambda_invocations(&lambda(&["arn:aws:lambda"]), arn).is_some());
        assert!(lambda_invocations(&lambda(&[arn]), arn).is_some());
        assert_eq!(lambda_invocations(&lambda(&["arn:aws:lambda:us-east-1:123456789012:function:g"]), arn), None);
        assert_eq!(
            lambda_invocations(
                &EventSelectors { classic: vec![classic("All", true, &["arn:aws:s3"])], advanced: vec![] },
                arn
            ),
            None
        );
        let adv =
            |fields: &[(&str, &str, &[&str])]| EventSelectors { classic: vec![], advanced: vec![advanced(fields)] };
        let data: [(&str, &str, &[&str]); 2] =
            [("eventCategory", "=", &["Data"]), ("resources.type", "=", &["AWS::Lambda::Function"])];
        assert!(lambda_invocations(&adv(&data), arn).is_some());
        let mut narrowed = data.to_vec();
        narrowed.push(("resources.ARN", "^", &["arn:aws:lambda:us-east-1:123456789012:function:other"]));
        assert_eq!(lambda_invocations(&adv(&narrowed), arn), None);
    }

    #[test]
    fn s3_object_events_all_limited_or_none() {
        for every in ["arn:aws:s3", "arn:aws:s3:::", "arn:aws-us-gov:s3"] {
            let s = EventSelectors { classic: vec![classic("WriteOnly", true, &[every])], advanced: vec![] };
            assert_eq!(s3_object_events(&s, true), S3Objects::AllBuckets { exclusions: vec![] }, "{every}");
            assert_eq!(s3_object_events(&s, false), S3Objects::None, "{every}");
        }
        let s = EventSelectors { classic: vec![classic("All", true, &["arn:aws:s3:::logs/"])], advanced: vec![] };
        assert_eq!(s3_object_events(&s, true), S3Objects::Limited(vec!["arn:aws:s3:::logs/".into()]));

        let data = |extra: &[(&str, &str, &[&str])]| {
            let mut fields: Vec<(&str, &str, &[&str])> =
                vec![("eventCategory", "=", &["Data"]), ("resources.type", "=", &["AWS::S3::Object"])];
            fields.extend_from_slice(extra);
            EventSelectors { classic: vec![], advanced: vec![advanced(&fields)] }
        };
        assert_eq!(s3_object_events(&data(&[]), false), S3Objects::AllBuckets { exclusions: vec![] });
        let read_only = data(&[("readOnly", "=", &["true"])]);
        assert_eq!(s3_object_events(&read_only, true), S3Objects::None);
        assert_eq!(s3_object_events(&read_only, false), S3Objects::AllBuckets { exclusions: vec![] });
        let one_bucket = data(&[("resources.ARN", "^", &["arn:aws:s3:::logs/"])]);
        assert_eq!(
            s3_object_events(&one_bucket, true),
            S3Objects::Limited(vec!["resources.ARN starts with arn:aws:s3:::logs/".into()])
        );
        let excluding = data(&[("resources.ARN", "!^", &["arn:aws:s3:::trail-bucket/"])]);
        assert_eq!(
            s3_object_events(&excluding, true),
            S3Objects::AllBuckets {
                exclusions: vec!["resources.ARN not starting with arn:aws:s3:::trail-bucket/".into()]
            }
        );
    }
}
