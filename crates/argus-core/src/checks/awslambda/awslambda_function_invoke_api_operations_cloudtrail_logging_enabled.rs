//! Each Lambda function's invocations are recorded as data events by a logging trail covering its
//! region. Metadata: `checks/awslambda/awslambda_function_invoke_api_operations_cloudtrail_logging_enabled.toml`.

use super::lambda_common::function_resource;
use crate::checks::cloudtrail::selectors::lambda_invocations;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{Fetched, Trail};

pub const CHECK: Check = Check { id: "awslambda_function_invoke_api_operations_cloudtrail_logging_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let listings: Vec<(&str, &Fetched<Vec<Trail>>)> = ctx
        .snapshot
        .regions
        .iter()
        .filter_map(|(region, data)| data.cloudtrail.as_ref().map(|ct| (region.as_str(), &ct.trails)))
        .collect();
    ctx.each_listed(out, |d| d.lambda.as_ref().map(|l| &l.functions), |region, _, f, out| {
        let r = function_resource(ctx, f, region);
        if listings.is_empty() {
            return out.error_message(
                r,
                "could not be evaluated: CloudTrail was not collected, so which trails record Lambda invocations is unknown (add cloudtrail to --services)",
            );
        }
        let covering = listings
            .iter()
            .filter_map(|(home, l)| l.ok().map(|trails| (home, trails)))
            .flat_map(|(home, trails)| trails.iter().filter(move |t| t.is_multi_region || **home == *region));
        let (mut reasons, mut unknown) = (Vec::new(), Vec::new());
        for t in covering {
            match &t.is_logging {
                Fetched::Err(e) => {
                    unknown.push(format!("status of trail {} unreadable ({})", t.name, e.brief()));
                    continue;
                }
                Fetched::Ok(false) => {
                    reasons.push(format!("trail {} is not logging", t.name));
                    continue;
                }
                Fetched::Ok(true) => {}
            }
            match &t.event_selectors {
                Some(Fetched::Ok(s)) => match lambda_invocations(s, &f.arn) {
                    Some(how) => {
                        return out.pass(
                            r,
                            format_args!("Logging trail {} (home region {}) {how}.", t.name, t.home_region),
                        )
                    }
                    None => reasons.push(format!("trail {} records no Lambda data events of it", t.name)),
                },
                Some(Fetched::Err(e)) => {
                    unknown.push(format!("selectors of trail {} unreadable ({})", t.name, e.brief()))
                }
                None => unknown.push(format!(
                    "the event selectors of trail {} were not collected (a snapshot of an older argus)",
                    t.name
                )),
            }
        }
        unknown.extend(listings.iter().filter_map(|(home, l)| {
            l.err().map(|e| format!("trails of {home} unreadable ({})", e.brief()))
        }));
        if !unknown.is_empty() {
            unknown.extend(reasons);
            out.error_message(
                r,
                format_args!(
                    "could not be evaluated: no logging trail recording invocations of function {} was found, but {}",
                    f.name,
                    unknown.join("; ")
                ),
            )
        } else {
            if reasons.is_empty() {
                reasons.push(format!("no trail covers {region}"));
            }
            out.fail(
                r,
                format_args!("No logging trail records invocations of function {}: {}.", f.name, reasons.join("; ")),
            )
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::lambda_fixtures::function;
    use super::*;
    use crate::checks::cloudtrail::fixtures::{trail, trails};
    use crate::engine::Status;
    use crate::snapshot::*;
    use crate::testing::*;

    fn lambda_selectors(values: &[&str]) -> Option<Fetched<EventSelectors>> {
        Some(Fetched::Ok(EventSelectors {
            classic: vec![ClassicEventSelector {
                read_write_type: "All".into(),
                include_management_events: true,
                data_resources: vec![DataResource {
                    resource_type: "AWS::Lambda::Function".into(),
                    values: values.iter().map(|v| v.to_string()).collect(),
                }],
            }],
            advanced: vec![],
        }))
    }

    fn with(selectors: Option<Fetched<EventSelectors>>, multi_region: bool, home: &str) -> Snapshot {
        let mut s = snapshot();
        super::super::lambda_fixtures::functions(&mut s).push(function("f"));
        trails(&mut s, home).push(Trail {
            event_selectors: selectors,
            is_multi_region: multi_region,
            ..trail(home, "t")
        });
        s
    }

    #[test]
    fn recorded_passes_unrecorded_fails_unreadable_errors() {
        let f = run_check(CHECK, &with(lambda_selectors(&["arn:aws:lambda"]), false, REGION));
        assert_eq!(status_of(&f, "f"), Status::Pass);
        assert!(finding_message(&f, "f").contains("every function"));
        let arn = function("f").arn;
        assert_eq!(status_of(&run_check(CHECK, &with(lambda_selectors(&[&arn]), false, REGION)), "f"), Status::Pass);
        let f = run_check(
            CHECK,
            &with(lambda_selectors(&["arn:aws:lambda:us-east-1:123456789012:function:g"]), false, REGION),
        );
        assert_eq!(status_of(&f, "f"), Status::Fail);
        assert!(finding_message(&f, "f").contains("trail t records no Lambda data events"));
        let f = run_check(CHECK, &with(Some(Fetched::Err(denied("cloudtrail", "GetEventSelectors"))), false, REGION));
        assert_eq!(status_of(&f, "f"), Status::Error);
        assert!(finding_message(&f, "f").contains("GetEventSelectors"));
        let mut s = with(lambda_selectors(&["arn:aws:lambda"]), false, REGION);
        region_mut(&mut s, REGION).cloudtrail.as_mut().unwrap().trails =
            Fetched::Err(denied("cloudtrail", "DescribeTrails"));
        assert_eq!(status_of(&run_check(CHECK, &s), "f"), Status::Error);
        let mut s = with(lambda_selectors(&["arn:aws:lambda"]), false, REGION);
        for r in s.regions.values_mut() {
            r.cloudtrail = None;
        }
        assert_eq!(status_of(&run_check(CHECK, &s), "f"), Status::Error);
    }
}
