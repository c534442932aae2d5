//! Every audited region has an AWS Config recorder that records every supported resource type, is
//! recording, last delivered without failure, and has a delivery channel; global resource types (IAM)
//! are recorded in at least one audited region. Metadata: `checks/config/config_recorder_all_regions_enabled.toml`.
//!
//! Service-linked recorders (created by another AWS service for its own needs) do not count.

use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{ConfigRecorder, ConfigRegion, Fetched};

pub const CHECK: Check = Check { id: "config_recorder_all_regions_enabled", run };

/// The region's customer recorders, or the failed listing.
fn customer_recorders(config: &ConfigRegion) -> Fetched<Vec<&ConfigRecorder>> {
    match &config.recorders {
        Fetched::Ok(list) => Fetched::Ok(list.iter().filter(|r| r.service_principal.is_none()).collect()),
        Fetched::Err(e) => Fetched::Err(e.clone()),
    }
}

/// Why `recorder` does not make the region compliant, if it does not (global types aside).
fn shortcomings(config: &ConfigRegion, recorder: &ConfigRecorder) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    if !recorder.all_supported {
        problems.push(match &recorder.recording_strategy {
            Some(strategy) => format!("it records selected resource types only ({strategy})"),
            None => "it records selected resource types only".to_string(),
        });
    }
    let statuses = match &config.recorder_statuses {
        Fetched::Ok(s) => s,
        Fetched::Err(e) => return Err(e.to_string()),
    };
    match statuses.iter().find(|s| s.name == recorder.name) {
        Some(s) if !s.recording => problems.push("it is not recording".to_string()),
        Some(s) if s.last_status.as_deref().is_some_and(|x| x.eq_ignore_ascii_case("failure")) => problems
            .push(format!("its last delivery failed ({})", s.last_error_code.as_deref().unwrap_or("no error code"))),
        Some(_) => {}
        None => {
            return Err(format!(
                "DescribeConfigurationRecorderStatus reported no status for recorder {}",
                recorder.name
            ))
        }
    }
    match &config.delivery_channels {
        Fetched::Ok(channels) if channels.is_empty() => problems.push("the region has no delivery channel".to_string()),
        Fetched::Ok(_) => {}
        Fetched::Err(e) => return Err(e.to_string()),
    }
    Ok(problems)
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let regions: Vec<(&str, &ConfigRegion)> = ctx
        .snapshot
        .regions
        .iter()
        .filter_map(|(region, data)| data.config.as_ref().map(|c| (region.as_str(), c)))
        .collect();
    // Global resource types need recording in one region only (recording them everywhere duplicates
    // every IAM change); where none of the audited regions does, every region fails for it.
    let global_recorder = regions.iter().find_map(|(region, c)| {
        let recorders = customer_recorders(c);
        let found = recorders.ok()?.iter().find(|r| {
            r.all_supported && r.include_global_resource_types && shortcomings(c, r).is_ok_and(|p| p.is_empty())
        })?;
        Some((*region, found.name.clone()))
    });
    let unread_elsewhere = regions.iter().find_map(|(region, c)| c.recorders.err().map(|e| (*region, e)));

    for (region, config) in &regions {
        let r = ctx.region_resource(region);
        let recorders = match customer_recorders(config) {
            Fetched::Ok(list) => list,
            Fetched::Err(e) => {
                out.error(r, &e);
                continue;
            }
        };
        let Some(recorder) = recorders.first() else {
            out.fail(r, format_args!("No AWS Config recorder in {region}."));
            continue;
        };
        let problems = match shortcomings(config, recorder) {
            Ok(p) => p,
            Err(why) => {
                out.error_message(r, format_args!("could not be evaluated: {why}"));
                continue;
            }
        };
        if !problems.is_empty() {
            out.fail(
                r,
                format_args!("AWS Config recorder {} in {region} falls short: {}.", recorder.name, problems.join("; ")),
            );
            continue;
        }
        match (&global_recorder, unread_elsewhere) {
            (Some((global_region, name)), _) => {
                let global = if global_region == region {
                    "global resource types included".to_string()
                } else {
                    format!("global resource types recorded by {name} in {global_region}")
                };
                out.pass(
                    r,
                    format_args!("AWS Config recorder {} records every resource type in {region} ({global}).", recorder.name),
                );
            }
            (None, Some((other, e))) => out.error_message(
                r,
                format_args!(
                    "could not be evaluated: no audited region was seen recording global resource types (IAM), but recorders could not be listed in {other}: {e}"
                ),
            ),
            (None, None) => out.fail(
                r,
                format_args!(
                    "AWS Config recorder {} in {region} records every regional resource type, but no audited region records global resource types (IAM).",
                    recorder.name
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::ConfigRegion;
    use crate::testing::*;

    const EU: &str = "eu-west-1";

    fn message(f: &[crate::engine::Finding], id: &str) -> String {
        f.iter().find(|x| x.resource.id == id).map(|x| x.message.to_string()).unwrap_or_default()
    }

    #[test]
    fn a_complete_recorder_passes_and_a_region_without_one_fails() {
        let mut s = snapshot();
        set_config(&mut s, REGION, recording("default"));
        let mut eu = recording("default");
        eu.recorders = Fetched::Ok(vec![]);
        set_config(&mut s, EU, eu);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert_eq!(message(&f, EU), "No AWS Config recorder in eu-west-1.");
    }

    #[test]
    fn global_types_are_needed_in_one_region_only() {
        let mut s = snapshot();
        set_config(&mut s, REGION, recording("default"));
        let mut eu = recording("default");
        list(&mut eu.recorders)[0].include_global_resource_types = false;
        set_config(&mut s, EU, eu.clone());
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, EU), Status::Pass);
        assert!(message(&f, EU).contains("recorded by default in us-east-1"), "{}", message(&f, EU));

        set_config(&mut s, REGION, eu);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(EU.to_string(), Status::Fail), (REGION.to_string(), Status::Fail)]);
        assert!(message(&f, REGION).contains("no audited region records global resource types"));
    }

    #[test]
    fn each_shortcoming_fails() {
        type Spoil = fn(&mut ConfigRegion);
        let cases: [(&str, Spoil); 4] = [
            ("records selected resource types only", |c| list(&mut c.recorders)[0].all_supported = false),
            ("it is not recording", |c| list(&mut c.recorder_statuses)[0].recording = false),
            ("its last delivery failed (AccessDenied)", |c| {
                let st = &mut list(&mut c.recorder_statuses)[0];
                st.last_status = Some("Failure".into());
                st.last_error_code = Some("AccessDenied".into());
            }),
            ("no delivery channel", |c| c.delivery_channels = Fetched::Ok(vec![])),
        ];
        for (expected, spoil) in cases {
            let mut s = snapshot();
            let mut c = recording("default");
            spoil(&mut c);
            set_config(&mut s, REGION, c);
            let f = run_check(CHECK, &s);
            assert_eq!(f[0].status, Status::Fail, "{expected}");
            assert!(f[0].message.contains(expected), "{expected}: {}", f[0].message);
        }
    }

    #[test]
    fn a_service_linked_recorder_does_not_count() {
        let mut s = snapshot();
        let mut c = recording("AWSConfigurationRecorderForSecurityHub");
        list(&mut c.recorders)[0].service_principal = Some("securityhub.amazonaws.com".into());
        set_config(&mut s, REGION, c);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Fail)]);
    }

    #[test]
    fn unreadable_data_is_an_error() {
        for spoil in [
            (|c: &mut ConfigRegion| c.recorders = Fetched::Err(denied("config", "DescribeConfigurationRecorders")))
                as fn(&mut ConfigRegion),
            |c| c.recorder_statuses = Fetched::Err(denied("config", "DescribeConfigurationRecorderStatus")),
            |c| c.delivery_channels = Fetched::Err(denied("config", "DescribeDeliveryChannels")),
            |c| c.recorder_statuses = Fetched::Ok(vec![]),
        ] {
            let mut s = snapshot();
            let mut c = recording("default");
            spoil(&mut c);
            set_config(&mut s, REGION, c);
            assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
        }
        // Another region's listing failed and no region was seen recording global types.
        let mut s = snapshot();
        let mut c = recording("default");
        list(&mut c.recorders)[0].include_global_resource_types = false;
        set_config(&mut s, REGION, c);
        let mut eu = recording("default");
        eu.recorders = Fetched::Err(denied("config", "DescribeConfigurationRecorders"));
        set_config(&mut s, EU, eu);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Error);
        assert!(message(&f, REGION).contains("could not be listed in eu-west-1"), "{}", message(&f, REGION));
    }
}
